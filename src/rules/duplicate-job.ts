import type { Job } from '../core/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** Firing times compared on the parsed spec, so `0 3 * * 7` = `0 3 * * sun`; computed once per
 *  distinct schedule text (hosts repeat a few schedules across thousands of jobs). */
function whenKey(job: Job, cache: Map<string, string>): string {
  let key = cache.get(job.schedule);
  if (key === undefined) {
    const s = job.spec;
    key = s.kind === 'fields' ? [s.minute, s.hour, s.dayOfMonth, s.month, s.dayOfWeek, s.domStar, s.dowStar].join('|') : JSON.stringify(s);
    cache.set(job.schedule, key);
  }
  return key;
}

/** Same user, same firing times, same command (whitespace-insensitive), same stdin. */
function identity(job: Job, cache: Map<string, string>): string {
  return `${job.user ?? ''}\u0000${whenKey(job, cache)}\u0000${job.command.trim().replace(/\s+/g, ' ')}\u0000${job.stdin ?? ''}`;
}

export const duplicateJob: Rule = {
  id: 'duplicate-job',
  title: 'Same command on the same schedule in two places',
  practice: 11,
  severity: 'low',
  fixKind: 'suggestion',
  docs: {
    rationale:
      'A job copied into a second crontab (often during a migration) runs twice: two backups racing for the same file, ' +
      'two mails, double load. Nobody notices until the copies diverge and one of them is the stale one.',
    bad: [{ text: '0 3 * * * root /usr/local/bin/backup.sh\n0 3 * * * root /usr/local/bin/backup.sh\n' }],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n0 4 * * * root /usr/local/bin/backup.sh\n' },
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n0 3 * * * backup /usr/local/bin/backup.sh\n' },
    ],
    references: ['tiger cron001w'],
    remedy: 'Remove one copy (a suggestion: planned only when you choose it, since only you know which one is meant).',
  },
  detect(ctx) {
    const first = new Map<string, Job>();
    const whenCache = new Map<string, string>();
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.spec.kind === 'reboot' && job.sourceKind === 'run-parts') continue;
      const key = identity(job, whenCache);
      const original = first.get(key);
      if (!original) {
        first.set(key, job);
        continue;
      }
      drafts.push({ job, message: `same command and schedule as ${original.source}:${original.line}: it runs twice`, data: { duplicateOf: original.id } });
    }
    return drafts;
  },
};
