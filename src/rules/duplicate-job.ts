import type { Job } from '../core/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** Same user, same firing times (compared on the parsed spec, so `0 3 * * 7` = `0 3 * * sun`), same command. */
function identity(job: Job): string {
  const when = job.spec.kind === 'fields' ? JSON.stringify([job.spec.minute, job.spec.hour, job.spec.dayOfMonth, job.spec.month, job.spec.dayOfWeek, job.spec.domStar, job.spec.dowStar]) : JSON.stringify(job.spec);
  return `${job.user ?? ''}\u0000${when}\u0000${job.command.trim().split(/\s+/).join(' ')}\u0000${job.stdin ?? ''}`;
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
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.spec.kind === 'reboot' && job.sourceKind === 'run-parts') continue;
      const key = identity(job);
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
