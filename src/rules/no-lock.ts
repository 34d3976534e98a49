import { basename, shellOf } from '../core/shell/index.js';
import { invocations } from '../core/shell/wrappers.js';
import type { Job } from '../core/types.js';
import type { FindingDraft, Rule } from './rule.js';

const LOCKERS = new Set(['flock', 'run-one', 'lockrun', 'setlock', 'lckdo', 'solo', 'chpst']);
/** Programs (and script names) that can outlast their interval: backups, dumps, syncs. */
const LONG_RUNNING = /^(rsync|rclone|borg|restic|duplicity|mysqldump|mariadb-dump|pg_dump|pg_dumpall|mongodump)$|backup|sync|dump|mirror/i;
const FREQUENT_MINUTES = 15;

/** Shortest gap between two runs, in minutes, for schedules that repeat within an hour or a day. */
function shortestGap(job: Job): number | null {
  if (job.spec.kind !== 'fields') return null;
  const minutes = job.spec.minute;
  const everyHour = job.spec.hour.length > 1;
  let gap = everyHour ? 60 - minutes[minutes.length - 1] + minutes[0] : Infinity;
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, minutes[i] - minutes[i - 1]);
  return Number.isFinite(gap) ? gap : null;
}

export const noLock: Rule = {
  id: 'no-lock',
  title: 'Frequent or long job without a lock',
  practice: 6,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'When a run takes longer than the interval — a slow disk, a hung network mount — cron starts the next one anyway. ' +
      'Overlapping backups corrupt archives, overlapping queue workers double-process; the pile-up can take the host down.',
    bad: [
      { text: '*/5 * * * * www-data /usr/bin/php /var/www/app/artisan queue:work --stop-when-empty\n' },
      { text: '30 2 * * * root /usr/local/bin/backup.sh\n' },
    ],
    good: [
      { text: '*/5 * * * * www-data /usr/bin/flock -n /run/lock/queue.lock /usr/bin/php /var/www/app/artisan queue:work\n' },
      { text: '0 * * * * root /usr/local/bin/report\n' },
      { text: '30 2 * * * root /usr/bin/run-one /usr/local/bin/backup.sh\n' },
    ],
    references: ['flock(1)', 'run-one(1)'],
    remedy: 'Wrap the command in `/usr/bin/flock -n /run/lock/cronwarden-NAME.lock` (the plan does): a run that finds the lock taken exits at once.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if ((job.sourceKind !== 'system' && job.sourceKind !== 'user') || job.spec.kind === 'reboot') continue;
      const analysis = shellOf(ctx, job);
      if (!analysis.ok) continue;
      const names = analysis.commands.flatMap((c) => invocations(c).map((inv) => inv.name ?? ''));
      if (names.some((n) => LOCKERS.has(n))) continue;
      const gap = shortestGap(job);
      const frequent = gap !== null && gap <= FREQUENT_MINUTES;
      const long = names.find((n) => LONG_RUNNING.test(basename(n)));
      if (!frequent && !long) continue;
      drafts.push({
        job,
        message: frequent
          ? `runs every ${gap} minute${gap === 1 ? '' : 's'} without a lock: a slow run overlaps the next`
          : `${long} can outlast its interval and nothing stops two runs overlapping`,
        data: { frequent, gap },
      });
    }
    return drafts;
  },
};
