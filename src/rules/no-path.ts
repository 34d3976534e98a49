import type { FindingDraft, Rule } from './rule.js';
import type { Job } from '../core/types.js';
import { envLineFor, safePathFor, stockNote } from '../core/facts/index.js';
import { relativeCommands } from './relative-command.js';

export const noPath: Rule = {
  id: 'no-path',
  title: 'Crontab relies on cron’s default PATH',
  practice: 3,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'Without a PATH line cron runs jobs with PATH=/usr/bin:/bin (Debian) — not the PATH of the shell where the ' +
      'command was tested. Commands in /usr/sbin or /usr/local/bin are then not found, and the job fails quietly. ' +
      'An explicit PATH line makes the lookup visible and the same on every host.',
    bad: [{ text: '0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' }],
    good: [
      { text: 'PATH=/usr/sbin:/usr/bin:/sbin:/bin\n0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
      { text: '0 3 * * * root /usr/bin/tar czf /var/backups/etc.tgz /etc\n', note: 'absolute paths need no PATH' },
    ],
    references: ['crontab(5): PATH defaults to /usr/bin:/bin', 'Lynis SCHD-7704'],
    remedy: 'Add a PATH line at the top of the crontab, with the standard directories that exist on this host.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const bySource = new Map<string, Job[]>();
    for (const job of ctx.inventory.jobs) {
      if (job.sourceKind === 'run-parts' || envLineFor(ctx, job, 'PATH')) continue;
      // A job that sets PATH itself (`PATH=… cmd`) does not rely on cron's default for that command.
      const relying = relativeCommands(ctx, job).filter((t) => t.command.assignments.every((a) => a.name !== 'PATH'));
      if (relying.length === 0) continue;
      const jobs = bySource.get(job.source);
      if (jobs) jobs.push(job);
      else bySource.set(job.source, [job]);
    }
    for (const [source, jobs] of bySource) {
      const first = jobs[0]!;
      const note = stockNote(ctx, first);
      const stock = note && jobs.every((j) => stockNote(ctx, j)) ? note : null;
      drafts.push({
        job: first,
        severity: stock ? 'info' : undefined,
        message:
          `no PATH line: ${jobs.length === 1 ? 'this job runs commands' : `${jobs.length} jobs run commands`} by name on cron's default ` +
          `PATH=${first.env.PATH ?? '/usr/bin:/bin'}` + (stock ? ` (${stock})` : ''),
        data: { source, jobs: jobs.map((j) => j.id), suggested: safePathFor(ctx) },
      });
    }
    return drafts;
  },
};
