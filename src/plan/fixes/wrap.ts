// no-lock and no-timeout: wrap the job in the host's own flock / timeout.

import { hostFacts } from '../../core/facts/index.js';
import type { Job } from '../../core/types.js';
import type { FixFunction } from '../types.js';
import { linePatch, onJob } from './common.js';

/** The clients no-timeout judges: in a list or pipeline each gets its own timeout in place. */
const NETWORK_CLIENTS = ['curl', 'wget', 'rsync', 'ssh', 'scp', 'sftp', 'mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'lftp', 'ftp', 'nc'];

export const fixNoLock: FixFunction = (finding, ctx) =>
  onJob(finding, ctx, (job) => {
    const flock = hostFacts(ctx.rules).flock;
    if (!flock) return { unfixed: 'the host has no flock(1) (util-linux): install it, then plan again' };
    return { changes: [linePatch(job, { lock: { program: flock, file: `/run/lock/cronwarden-${ctx.names.forJob(job).base}.lock` } })] };
  });

export const fixNoTimeout: FixFunction = (finding, ctx) =>
  onJob(finding, ctx, (job) => {
    const timeout = hostFacts(ctx.rules).timeout;
    if (!timeout) return { unfixed: 'the host has no timeout(1) (coreutils): install it, then plan again' };
    return {
      changes: [linePatch(job, { timeout: { program: timeout, duration: timeoutFor(job), commands: NETWORK_CLIENTS } })],
      checkByHand: [`${job.id}: the job is now stopped after ${timeoutFor(job)} (its shortest interval); lengthen it in the line if a run may legitimately take longer`],
    };
  });

/** The shortest time between two runs (a run that lasts longer piles up behind the next), between
 *  5 minutes and 23 hours; 1 hour for @reboot and schedules without a repeat within a day. */
export function timeoutFor(job: Job): string {
  if (job.spec.kind !== 'fields') return '1h';
  const runs: number[] = [];
  for (const h of job.spec.hour) for (const m of job.spec.minute) runs.push(h * 60 + m);
  let gap = runs.length > 1 ? 24 * 60 - runs[runs.length - 1]! + runs[0]! : 24 * 60;
  for (let i = 1; i < runs.length; i++) gap = Math.min(gap, runs[i]! - runs[i - 1]!);
  const minutes = Math.min(Math.max(gap, 5), 23 * 60);
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
