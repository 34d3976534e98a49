// Overview: every job grouped by its source with a severity badge, files cron ignores marked with
// the reason, the host score and the twelve practices as a checklist with counts.

import { Box } from 'ink';
import { SEVERITIES, type Job } from '../../core/types.js';
import { Frame, bodyHeight } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import type { WizardModel } from '../model.js';
import { jobList, windowOf, type Row } from '../rows.js';
import type { WizardState } from '../state.js';
import { badge, fit, line, oneLine, seg, type Line } from '../text.js';

/** The practice checklist's column: full names on a wide terminal, shortened at 80 columns. */
const practiceWidth = (columns: number): number => (columns >= 110 ? 34 : 26);
const KEYS = '↑↓ move  ⏎ open  / filter  m mark  h host  r review  b backups  ? help  q quit';

export function OverviewScreen({ state, model }: { state: WizardState; model: WizardModel }) {
  const width = state.size.columns;
  const height = bodyHeight(state);
  const side = width >= 72;
  const practices = practiceWidth(width);
  const listWidth = side ? width - practices - 1 : width;
  const list = jobList(model, state.overview.filter);
  const cursorJob = list.jobs[state.overview.cursor];
  const summary = summaryLines(model, listWidth, Object.keys(state.toggles).length);
  const listHeight = Math.max(1, height - summary.length);
  const focus = list.rowOf[state.overview.cursor] ?? 0;
  const { start, end } = windowOf(list.rows.length, focus, listHeight);
  const rows: Line[] = list.rows.slice(start, end).map((row) => rowLine(model, row, row.kind === 'job' && row.job === cursorJob, state, listWidth));
  if (list.rows.length === 0) rows.push(line(seg(state.overview.filter ? `no job matches “${state.overview.filter}” (esc clears)` : 'no cron jobs found on this host', 'dim')));
  const status = cursorJob === undefined ? undefined : statusOf(model, cursorJob, list.jobs.length, state.overview.cursor);
  return (
    <Frame state={state} title="overview" keys={KEYS} status={status}>
      <Box flexDirection="row">
        <Lines lines={[...summary, ...rows]} width={listWidth} />
        {side ? (
          <Box marginLeft={1}>
            <Lines lines={practiceLines(model, height, practices)} width={practices} />
          </Box>
        ) : null}
      </Box>
    </Frame>
  );
}

function summaryLines(model: WizardModel, width: number, accepted: number): Line[] {
  const { inventory } = model.scan;
  const notLive = inventory.sources.filter((s) => !s.live && s.kind !== 'access').length;
  const scoreStyle = model.score >= 80 ? 'ok' : model.score >= 50 ? 'medium' : 'high';
  const counts = SEVERITIES.filter((s) => model.counts[s] > 0).map((s) => seg(` ${model.counts[s]} ${s}`, s));
  return [
    line(seg('host score '), seg(`${model.score}/100`, scoreStyle), seg(`  ${inventory.sources.length} sources · ${inventory.jobs.length} jobs`), notLive ? seg(` · ${notLive} ignored by cron`, 'high') : seg(''), seg(accepted ? ` · ${accepted} fix${accepted === 1 ? '' : 'es'} on (r reviews)` : '', 'ok')),
    line(seg('findings:'), ...(counts.length ? counts : [seg(' none', 'ok')]), seg(model.hostFindings.length ? ` (${model.hostFindings.length} host-wide: h)` : '', 'dim')),
    line(seg('─'.repeat(Math.max(0, width)), 'dim')),
  ];
}

function rowLine(model: WizardModel, row: Row, selected: boolean, state: WizardState, width: number): Line {
  if (row.kind === 'source') {
    const view = model.sources[row.source];
    const { source } = view;
    const count = `${view.jobs.length} job${view.jobs.length === 1 ? '' : 's'}`;
    if (!source.live && source.notLive) return line(seg(source.path, 'title'), seg(` ${count} `), seg(`✗ ignored by cron: ${source.notLive.message}`, 'error'));
    return line(seg(source.path, 'title'), seg(` ${count}`, 'dim'), seg(source.managed ? ` (package ${source.managed})` : '', 'dim'));
  }
  const view = model.jobs[row.job];
  const { job } = view;
  const reviewed = state.reviewed[job.id] !== undefined || model.ledger.has(job.id);
  // The schedule is in the job's detail; below 64 columns the command needs its room more.
  const withSchedule = width >= 64;
  const commandWidth = Math.max(8, width - (withSchedule ? 36 : 22));
  return line(
    seg(selected ? '› ' : '  ', 'cursor'),
    badge(view.worst),
    seg(view.findings.length ? String(view.findings.length).padStart(3) : '   ', 'dim'),
    seg(reviewed ? ' ✓' : '  ', 'ok'),
    seg(fixesOn(state, job) ? '+ ' : '  ', 'added'),
    seg(fit(job.user ?? '-', 9)),
    seg(withSchedule ? fit(oneLine(job.schedule).replace(/ +/g, ' '), 14) : '', job.live ? undefined : 'dim'),
    seg(fit(`${job.live ? '' : '(off) '}${oneLine(job.command)}`, commandWidth), job.live ? (selected ? 'cursor' : undefined) : 'dim'),
  );
}

/** Whether the user turned on a fix of this job or of its file (proposal keys carry the job id
 *  and the path, see proposalKey). */
function fixesOn(state: WizardState, job: Job): boolean {
  for (const key of Object.keys(state.toggles)) {
    const [, id, path] = key.split('|');
    if (id === job.id || (id === '' && path === job.source)) return true;
  }
  return false;
}

function statusOf(model: WizardModel, index: number, total: number, cursor: number): Line {
  const { job } = model.jobs[index];
  const where = `${cursor + 1}/${total} ${job.id}`;
  if (!job.live) return line(seg(where, 'dim'), seg(`  not run by cron: ${job.notLiveReason ?? 'its file is ignored'}`, 'error'));
  return line(seg(where, 'dim'), seg('  enter: why it matters and how to fix it', 'dim'));
}

function practiceLines(model: WizardModel, height: number, width: number): Line[] {
  const lines: Line[] = [line(seg('practices', 'title'))];
  for (const p of model.practices) {
    const label = fit(`${String(p.practice).padStart(2)} ${p.name}`, width - 7);
    lines.push(p.count === 0 ? line(seg('✓ ', 'ok'), seg(label)) : line(seg('✗ ', p.worst ?? 'info'), seg(label), seg(String(p.count).padStart(5), p.worst ?? 'info')));
  }
  return lines.slice(0, height);
}
