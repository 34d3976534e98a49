// Scanning: a spinner and the sources and jobs counted as they are read.

import { Frame } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import type { WizardState } from '../state.js';
import { readingText, SPINNER } from '../target.js';
import { line, seg } from '../text.js';


export function ScanningScreen({ state, tick }: { state: WizardState; tick: number }) {
  const { sources, jobs, current } = state.progress;
  const lines = state.error
    ? [line(seg('The scan stopped; nothing was changed on the host.', 'error')), line(seg('Press q to quit.'))]
    : [
        line(seg(SPINNER[tick % SPINNER.length], 'accent'), seg(readingText(state.target.root))),
        line(''),
        line(seg(`  sources read  `), seg(String(sources), 'title')),
        line(seg(`  jobs found    `), seg(String(jobs), 'title')),
        line(''),
        line(seg(current ? `  ${current}` : '', 'dim')),
      ];
  return (
    <Frame state={state} title="scanning" keys="q quit">
      <Lines lines={lines} width={state.size.columns} />
    </Frame>
  );
}
