// Job detail: the schedule in words and its next runs, each finding with why it matters and its
// references, each proposed fix as a toggle, and (d) the rewritten line with the live diff of the
// accepted fixes — recomputed by the planner as fixes are toggled.

import { describeSchedule, nextRuns } from '../../core/schedule.js';
import { Frame, bodyHeight } from '../components/frame.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import { Lines } from '../components/lines.js';
import { diffBlock, findingBlock, fixLines, nextStepHint, type JobPreview } from '../components/detail-blocks.js';
import { findingsOf, proposalsOf, type WizardModel } from '../model.js';
import type { WizardState } from '../state.js';
import { line, scrolled, seg, wrap, type Line } from '../text.js';

export type { JobPreview } from '../components/detail-blocks.js';

const KEYS = 'space toggle  a all recommended  d diff  u users  m reviewed  t try  r review  pgdn scroll  q back';

export interface JobDetailProps {
  state: WizardState;
  model: WizardModel;
  preview: JobPreview | null;
  /** Why the planner could not make the preview. */
  previewError?: string | null;
  onScrollClamp?: (offset: number) => void;
}

export function JobDetailScreen({ state, model, preview, previewError, onScrollClamp }: JobDetailProps) {
  const width = state.size.columns;
  const index = state.detail.job;
  const { job } = model.jobs[index];
  const host = model.scan.host;
  const head: Line[] = [
    line(seg(job.id, 'title'), seg(`  ${job.source} line ${job.line}  user ${job.user ?? '?'}`), seg(reviewedLabel(state, model, job.id), 'ok')),
    line(seg('schedule  ', 'dim'), seg(`${job.schedule}  `), seg(describeSchedule(job.spec, job.schedule))),
    line(seg('next runs ', 'dim'), seg(nextRunsText(job.spec, host.now(), host.timeZone()))),
    line(seg('command   ', 'dim'), seg(job.command)),
  ];
  if (!job.live) head.push(line(seg('not run by cron: ', 'error'), seg(job.notLiveReason ?? 'its file is ignored', 'error')));
  const proposals = proposalsOf(model, index);
  const fixes = fixLines(state, proposals, width, (p) =>
    p.finding.rule === 'root-job' ? `run as a dedicated user${preview?.user ? ` ${preview.user}` : ''} (u renames)` : null,
  );
  const rest =
    state.detail.view !== 'diff'
      ? findingBlock(findingsOf(model, index), width)
      : previewError
        ? wrap(`the planner could not make this change: ${previewError}`, width - 2).map((text) => line(seg(text, 'error')))
        : diffBlock(preview, width);
  const height = bodyHeight(state) - head.length - fixes.length;
  const shown = scrolled(rest, state.detail.scroll, Math.max(1, height));
  useClampedScroll(state.detail.scroll, shown.offset, onScrollClamp);
  return (
    <Frame state={state} title={state.detail.view === 'diff' ? 'job · diff' : 'job'} keys={KEYS} status={nextStepHint(state, proposals)}>
      <Lines lines={[...head, ...fixes, ...shown.lines]} width={width} />
    </Frame>
  );
}

function reviewedLabel(state: WizardState, model: WizardModel, id: string): string {
  if (state.reviewed[id]) return '  ✓ reviewed (this session)';
  const mark = model.ledger.get(id);
  return mark ? `  ✓ reviewed by ${mark.by} ${mark.at.slice(0, 10)}` : '';
}

function nextRunsText(spec: Parameters<typeof nextRuns>[0], now: Date, zone: string): string {
  if (spec.kind === 'reboot') return 'at every boot';
  if (spec.kind === 'anacron') return 'when anacron next runs (it catches up after downtime)';
  const runs = nextRuns(spec, now, 3, zone);
  if (runs.length === 0) return 'never';
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${runs.map((d) => fmt.format(d).replace(',', '')).join(' · ')} (${zone})`;
}
