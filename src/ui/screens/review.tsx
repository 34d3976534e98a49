// Review: every accepted change across all jobs, as the diffs and one-line operations apply will
// run, with totals. On the live host applying needs the word `apply` typed; elsewhere `a`.

import { Frame, bodyHeight } from '../components/frame.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import { Lines } from '../components/lines.js';
import type { WizardState } from '../state.js';
import { diffLines, line, scrolled, seg, wrap, type Line } from '../text.js';
import { diffStyle } from '../theme.js';

export interface ReviewProps {
  state: WizardState;
  /** Rendered operations in order, or null while the plan is being made. */
  parts: string[] | null;
  totals: { operations: number; files: number; users: number; fixes: number; unfixed: string[]; checkByHand: string[] };
  error: string | null;
  onScrollClamp?: (offset: number) => void;
}

export function ReviewScreen({ state, parts, totals, error, onScrollClamp }: ReviewProps) {
  const width = state.size.columns;
  const head: Line[] = [];
  const body: Line[] = [];
  if (error) {
    head.push(line(seg(`the plan could not be made: ${error}`, 'error')));
  } else if (parts === null) {
    head.push(line(seg('working out the plan…', 'dim')));
  } else if (totals.operations === 0 && totals.unfixed.length === 0) {
    head.push(line(seg('No change accepted: turn fixes on in a job (enter, then space) or in h host-wide, and come back.', 'dim')));
  } else if (totals.operations === 0) {
    head.push(line(seg('None of the accepted fixes can be made:', 'warn')));
    for (const u of totals.unfixed) for (const text of wrap(u, width - 2)) body.push(line(seg(text, 'warn')));
  } else {
    head.push(
      line(
        seg(`${totals.operations} operation${totals.operations === 1 ? '' : 's'}`, 'title'),
        seg(` · ${totals.files} file${totals.files === 1 ? '' : 's'} · ${totals.users} new user${totals.users === 1 ? '' : 's'} · ${totals.fixes} fix${totals.fixes === 1 ? '' : 'es'} accepted`),
        seg(totals.unfixed.length ? ` · ${totals.unfixed.length} not fixable` : '', 'warn'),
      ),
    );
    for (const u of totals.unfixed) for (const text of wrap(`not fixed: ${u}`, width - 2)) body.push(line(seg(text, 'warn')));
    for (const c of totals.checkByHand) for (const text of wrap(`check by hand: ${c}`, width - 2)) body.push(line(seg(text, 'warn')));
    parts.forEach((part, i) => {
      body.push(line(seg(`── ${i + 1}/${parts.length} `, 'dim')), ...diffLines(part, diffStyle, width));
    });
  }
  const shown = scrolled(body, state.review.scroll, Math.max(1, bodyHeight(state) - head.length));
  useClampedScroll(state.review.scroll, shown.offset, onScrollClamp);
  const ready = !error && parts !== null && totals.operations > 0;
  const status = ready
    ? state.target.kind === 'live'
      ? line(seg('This changes the LIVE host. Press a, then type apply.', 'warn'))
      : line(seg(`a applies these changes to ${state.target.root} (backed up first; rollback undoes them)`, 'accent'))
    : undefined;
  return (
    <Frame state={state} title="review" keys={`↑↓ pgup/pgdn scroll${ready ? '  a apply' : ''}  ? help  q back`} status={status}>
      <Lines lines={[...head, ...shown.lines]} width={width} />
    </Frame>
  );
}
