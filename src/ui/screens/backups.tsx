// Backups: earlier applies, newest first; enter previews what a rollback would do as a diff, r
// (then y, or the typed word on the live host) runs it through the apply module.

import { Frame, bodyHeight } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import { windowOf } from '../rows.js';
import type { WizardState } from '../state.js';
import { diffLines, fit, line, scrolled, seg, wrap, type Line } from '../text.js';
import { diffStyle } from '../theme.js';

export function BackupsScreen({ state, onScrollClamp }: { state: WizardState; onScrollClamp?: (offset: number) => void }) {
  const width = state.size.columns;
  const height = bodyHeight(state);
  const b = state.backups;
  const lines: Line[] = [];
  let scrollShown = b.scroll;
  if (b.status === 'loading' || b.status === 'idle') lines.push(line(seg('reading backups…', 'dim')));
  else if (b.status === 'failed') lines.push(line(seg(`backups cannot be read: ${b.message ?? ''}`, 'error')));
  else if (b.list.length === 0) lines.push(line(seg(`no backups under ${state.target.root}/var/lib/cronwarden/backups yet: nothing was applied here`, 'dim')));
  else {
    const listRows = Math.min(b.list.length, b.previewId ? 4 : height - 2);
    const { start, end } = windowOf(b.list.length, b.cursor, listRows);
    for (let i = start; i < end; i++) {
      const item = b.list[i];
      const selected = i === b.cursor;
      lines.push(
        line(
          seg(selected ? '› ' : '  ', 'cursor'),
          seg(item.id, selected ? 'cursor' : 'title'),
          seg(`  ${item.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  `),
          seg(fit(item.state, 11), item.state === 'applied' ? 'ok' : item.state === 'interrupted' ? 'error' : 'dim'),
          seg(` ${item.operations} change${item.operations === 1 ? '' : 's'}: ${item.summary}`, 'dim'),
        ),
      );
    }
  }
  if (b.message && b.status !== 'failed') for (const text of wrap(b.message, width - 2)) lines.push(line(seg(text, b.rollback === 'failed' ? 'error' : 'ok')));
  if (b.previewId) {
    lines.push(line(seg(`rolling back ${b.previewId} would:`, 'title')));
    const preview = b.preview === null ? [line(seg('working out the rollback…', 'dim'))] : diffLines(b.preview, diffStyle, width);
    const created = b.list.find((x) => x.id === b.previewId)?.createdUsers ?? [];
    if (created.length) {
      preview.push(
        b.removeUsers
          ? line(seg(`# remove the users the apply created: ${created.join(', ')} (refused while anything still uses them)`, 'removed'))
          : line(seg(`# keep the users the apply created: ${created.join(', ')} (u removes them too)`, 'dim')),
      );
    }
    const shown = scrolled(preview, b.scroll, Math.max(1, height - lines.length));
    scrollShown = shown.offset;
    lines.push(...shown.lines);
  }
  useClampedScroll(b.scroll, scrollShown, onScrollClamp);
  const status =
    b.rollback === 'confirming'
      ? line(seg(`press y to roll back ${b.previewId ?? ''} (any other key cancels)`, 'warn'))
      : b.rollback === 'running'
        ? line(seg('rolling back…', 'accent'))
        : b.previewId && b.preview !== null
          ? line(seg('r rolls this back', 'accent'))
          : undefined;
  return (
    <Frame state={state} title="backups" keys={b.previewId ? '↑↓ scroll  r roll back  u users too  q close preview' : '↑↓ choose  ⏎ preview rollback  ? help  q back'} status={status}>
      <Lines lines={lines} width={width} />
    </Frame>
  );
}
