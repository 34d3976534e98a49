// Job detail: the schedule in words and its next runs, each finding with why it matters and its
// references, each proposed fix as a toggle, and (d) the rewritten line with the live diff of the
// accepted fixes — recomputed by the planner as fixes are toggled.

import { describeSchedule, nextRuns } from '../../core/schedule.js';
import type { Finding } from '../../core/types.js';
import { DEFAULT_USER_PREFIX } from '../../plan/planner.js';
import { findRule } from '../../rules/registry.js';
import { Frame, bodyHeight } from '../components/frame.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import { Lines } from '../components/lines.js';
import { findingsOf, proposalsOf, type WizardModel } from '../model.js';
import { isOn, type WizardState } from '../state.js';
import { badge, diffLines, line, scrolled, seg, wrap, type Line } from '../text.js';
import { diffStyle } from '../theme.js';

/** What the planner makes of this job's accepted fixes. */
export interface JobPreview {
  /** Unified diffs and one-line operations, as review shows them. */
  diff: string;
  /** The job's new line(s), as they will read in the file. */
  rewritten: string[];
  /** Fixes the planner could not make, with its reason. */
  unfixed: string[];
  /** The dedicated user the plan creates for this job, if any. */
  user: string | null;
}

const KEYS = 'space toggle  a all recommended  d diff  u users  m reviewed  r review  pgdn scroll  q back';

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
  const fixes = fixLines(state, model, index, width, preview);
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
    <Frame state={state} title={state.detail.view === 'diff' ? 'job · diff' : 'job'} keys={KEYS} status={hint(state, model, index)}>
      <Lines lines={[...head, ...fixes, ...shown.lines]} width={width} />
    </Frame>
  );
}

/** What to do next, for a first-time user. */
function hint(state: WizardState, model: WizardModel, index: number): Line | undefined {
  const proposals = proposalsOf(model, index);
  if (proposals.length === 0) return undefined;
  const on = proposals.filter((p) => isOn(state, p.key)).length;
  if (on === 0) return line(seg('space turns the highlighted fix on (a: all recommended), then d shows the change', 'accent'));
  return line(seg(state.detail.view === 'diff' ? `${on} on: r reviews every change before anything is written` : `${on} on: d shows the diff, r reviews every change`, 'accent'));
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

function fixLines(state: WizardState, model: WizardModel, index: number, width: number, preview: JobPreview | null): Line[] {
  const proposals = proposalsOf(model, index);
  if (proposals.length === 0) return [line(seg('no automatic fix for this job; the findings below say what to do by hand', 'dim'))];
  const lines: Line[] = [line(seg(`fixes (${proposals.filter((p) => isOn(state, p.key)).length}/${proposals.length} on)`, 'title'))];
  proposals.forEach((p, i) => {
    const selected = i === state.detail.cursor;
    const on = isOn(state, p.key);
    const rule = findRule(p.finding.rule);
    const what = p.finding.rule === 'root-job' ? `run as a dedicated user${preview?.user ? ` ${preview.user}` : ''} (u sets the name prefix, now ${state.userPrefix ?? DEFAULT_USER_PREFIX})` : remedyOf(rule?.docs.remedy);
    lines.push(
      line(seg(selected ? '› ' : '  ', 'cursor'), seg(on ? '[x] ' : '[ ] ', on ? 'ok' : 'dim'), seg(p.finding.rule, selected ? 'cursor' : 'title'), seg(p.recommended ? ' (recommended)' : ' (suggestion: changes behaviour)', 'dim'), seg(`  ${what}`.slice(0, Math.max(0, width))) ),
    );
  });
  return lines;
}

/** First clause of a remedy: what the fix does, short enough for one row. */
function remedyOf(remedy: string | undefined): string {
  if (!remedy) return '';
  const cut = remedy.search(/[:.](\s|$)|\s\(/);
  return cut > 0 ? remedy.slice(0, cut) : remedy;
}

function findingBlock(findings: Finding[], width: number): Line[] {
  const lines: Line[] = [line(seg(`findings (${findings.length})`, 'title'))];
  if (findings.length === 0) lines.push(line(seg('none: this job follows every practice cronwarden checks', 'ok')));
  for (const f of findings) {
    const rule = findRule(f.rule);
    lines.push(line(seg(' '), badge(f.severity), seg(` ${f.rule}`, 'title'), seg(f.job ? '' : ' (file)', 'dim'), seg(f.line ? `  line ${f.line}` : '', 'dim')));
    for (const text of wrap(f.message, width - 6)) lines.push(line(seg(`      ${text}`)));
    if (rule) {
      wrap(`why: ${rule.docs.rationale}`, width - 6).forEach((text) => lines.push(line(seg(`      ${text}`, 'dim'))));
      if (rule.docs.references.length) wrap(`refs: ${rule.docs.references.join(' · ')}`, width - 6).forEach((text) => lines.push(line(seg(`      ${text}`, 'dim'))));
    }
  }
  return lines;
}

function chunks(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += w) out.push(text.slice(i, i + w));
  return out.length ? out : [''];
}

function diffBlock(preview: JobPreview | null, width: number): Line[] {
  if (!preview) return [line(seg('working out the change…', 'dim'))];
  const lines: Line[] = [];
  for (const u of preview.unfixed) for (const text of wrap(`not fixed: ${u}`, width - 2)) lines.push(line(seg(text, 'warn')));
  if (!preview.diff) {
    lines.push(line(seg('no fix is on: nothing would change. space turns a fix on.', 'dim')));
    return lines;
  }
  if (preview.rewritten.length) {
    lines.push(line(seg('rewritten line', 'title')));
    // Cut into rows rather than truncated: this line is what cron will run, all of it matters.
    for (const r of preview.rewritten) for (const part of chunks(r, width - 4)) lines.push(line(seg(`  ${part}`, 'added')));
  }
  lines.push(line(seg('diff', 'title')), ...diffLines(preview.diff, diffStyle, width));
  return lines;
}
