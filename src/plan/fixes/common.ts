// Small pieces several fixes share.

import { findingData } from '../../rules/engine.js';
import { memo } from '../../rules/rule.js';
import type { Finding, Job } from '../../core/types.js';
import { hostFacts } from '../../core/facts/index.js';
import { dirInfo } from '../path-operations.js';
import type { Change, FixResult, LinePatch, PlanContext } from '../types.js';

export const data = (finding: Finding): Record<string, unknown> => findingData(finding) ?? {};

/** The job a job-level finding is about, or the reason it has none. */
export function jobOf(finding: Finding, ctx: PlanContext): Job | string {
  const job = ctx.job(finding.job);
  if (!job) return `the finding names no job cronwarden can find (${finding.job ?? 'none'})`;
  return job;
}

export function linePatch(job: Job, patch: LinePatch): Change {
  return { kind: 'line', path: job.source, line: job.line, patch };
}

/** A job-line fix, or why the job cannot take one. */
export function onJob(finding: Finding, ctx: PlanContext, make: (job: Job) => FixResult): FixResult {
  const job = jobOf(finding, ctx);
  if (typeof job === 'string') return { unfixed: job };
  if (job.sourceKind === 'run-parts') return { unfixed: `${job.source} is a run-parts script, not a crontab line: change the script by hand` };
  if (job.sourceKind === 'anacron') return { unfixed: 'anacron jobs are not rewritten by cronwarden yet: change /etc/anacrontab by hand' };
  return make(job);
}

/** The shell users get when they must not log in: Debian's path, or the older one where only
 *  that exists (a path that does not exist refuses logins just the same). */
export function noLoginShell(ctx: PlanContext): string {
  return memo(ctx.rules, 'plan:nologin-shell', () =>
    ctx.host.stat('/usr/sbin/nologin') === null && ctx.host.stat('/sbin/nologin')?.type === 'file' ? '/sbin/nologin' : '/usr/sbin/nologin',
  );
}

/** Where the job's output should go: syslog through logger when the host has it, else a file. */
export function loggingFor(ctx: PlanContext, job: Job): NonNullable<LinePatch['logging']> {
  const { base } = ctx.names.forJob(job);
  const logger = hostFacts(ctx.rules).logger;
  return logger ? { kind: 'logger', program: logger, tag: `cronwarden-${base}` } : { kind: 'file', file: `/var/log/cronwarden/${base}.log` };
}

/** A logging fix for the job, or why there is none: without logger the output goes to a file under
 *  /var/log with a logrotate entry, and apply writes both only through real directories. Said here,
 *  up front, so the job's other fixes are planned without it (a refused logging patch would take the
 *  whole rewritten line down with it). */
export function withLogging(ctx: PlanContext, job: Job, make: (logging: NonNullable<LinePatch['logging']>) => FixResult): FixResult {
  const logging = loggingFor(ctx, job);
  if (logging.kind === 'file') {
    const missing = ['/var/log', '/etc/logrotate.d'].find((dir) => dirInfo(ctx, dir)?.type !== 'dir');
    if (missing) return { unfixed: `the host has no logger, and ${missing} is not a directory for the log file and its rotation: install bsdutils (logger) or create ${missing}, then plan again` };
  }
  return make(logging);
}

/** Fix from a permissions finding's data: { suggestedMode, owner, group } (rules fill these). */
export function attrsFromData(finding: Finding): FixResult {
  const d = data(finding);
  if (!finding.path) return { unfixed: 'the finding names no path' };
  const mode = typeof d.suggestedMode === 'number' ? d.suggestedMode : undefined;
  const owner = typeof d.owner === 'string' ? d.owner : undefined;
  const group = typeof d.group === 'string' ? d.group : undefined;
  if (mode === undefined && owner === undefined && group === undefined) return { unfixed: 'the rule gave no mode or owner to set' };
  return { changes: [{ kind: 'attrs', path: finding.path, mode, owner, group }] };
}
