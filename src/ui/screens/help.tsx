// The `?` overlay: every key, and how the host score is counted.

import { Frame } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import type { WizardState } from '../state.js';
import { line, seg, wrap, type Line } from '../text.js';

const KEYS: [string, string][] = [
  ['↑ ↓  j k', 'move; pgup/pgdn and home/end jump'],
  ['enter', 'open the job / confirm'],
  ['space', 'turn the highlighted fix on or off (every fix starts off)'],
  ['a', 'job detail: turn on every recommended fix of the job'],
  ['d', 'job detail: show the live diff of the accepted fixes'],
  ['u', 'job detail: name the dedicated user (svc- sets the prefix)'],
  ['/', 'overview: filter jobs (user, command, file, rule); esc clears'],
  ['m', 'mark the job reviewed (practice 11), again to unmark'],
  ['t', 'job detail: run the job once now as cron would (live host; type run)'],
  ['h', 'overview: host-wide findings (cron.allow…) and their fixes'],
  ['r', 'review every accepted change before applying'],
  ['a', 'review: apply (on the live host you type apply to confirm)'],
  ['b', 'backups: earlier applies; enter previews, r rolls back, u also removes created users'],
  ['?', 'this help (any key closes it)'],
  ['q  esc', 'back; quits from the overview'],
];

export function HelpScreen({ state }: { state: WizardState }) {
  const width = state.size.columns;
  const lines: Line[] = KEYS.map(([key, what]) => line(seg(`  ${key.padEnd(10)}`, 'key'), seg(what)));
  lines.push(line(''));
  for (const text of wrap(
    'Host score: each job starts at 100 and loses 50 per critical, 25 per high, 10 per medium and 3 per low finding on it or its file; the host gets the mean, minus host-wide findings, and stays below 50 while any critical finding is open.',
    width - 2,
  )) {
    lines.push(line(seg(` ${text}`, 'dim')));
  }
  return (
    <Frame state={state} title="help" keys="any key closes help">
      <Lines lines={lines} width={width} />
    </Frame>
  );
}
