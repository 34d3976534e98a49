// Apply: each operation of the plan as it runs, then the backup id — or why apply refused, in
// which case the apply module has already put back whatever it had changed.

import { Frame, bodyHeight } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import type { WizardState } from '../state.js';
import { diffLines, line, scrolled, seg, wrap, type Line } from '../text.js';
import { diffStyle } from '../theme.js';

const MARK = { pending: '…', done: '✓', failed: '✗' } as const;

export function ApplyScreen({ state }: { state: WizardState }) {
  const { status, steps, backupId, error } = state.apply;
  const width = state.size.columns;
  const head: Line[] = [
    status === 'running'
      ? line(seg(`applying ${steps.length} operation${steps.length === 1 ? '' : 's'} to ${state.target.root}…`, 'accent'))
      : status === 'failed'
        ? line(seg('apply stopped; the host is as it was before (the apply module undoes a partial apply)', 'error'))
        : line(seg(`applied; backup ${backupId ?? ''}`, 'ok')),
  ];
  if (error) {
    // The first line says why; what follows may be the diff of a file that changed since review.
    const [first = '', ...rest] = error.split('\n');
    for (const text of wrap(first, width - 2)) head.push(line(seg(` ${text}`, 'error')));
    head.push(...diffLines(rest.join('\n'), diffStyle, width));
  }
  const body = steps.map((s) => line(seg(` ${MARK[s.status]} `, s.status === 'done' ? 'ok' : s.status === 'failed' ? 'error' : 'dim'), seg(s.label)));
  const shown = scrolled(body, 0, Math.max(1, bodyHeight(state) - head.length));
  return (
    <Frame state={state} title="apply" keys={status === 'running' ? 'please wait' : 'q back to review'}>
      <Lines lines={[...head, ...shown.lines]} width={width} />
    </Frame>
  );
}
