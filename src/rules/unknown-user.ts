import type { FindingDraft, Rule } from './rule.js';
import { userExists } from './helpers.js';

export const unknownUser: Rule = {
  id: 'unknown-user',
  title: 'Job user or crontab owner not in /etc/passwd',
  practice: 8,
  severity: 'high',
  fixKind: 'none',
  explainsNotLive: true,
  docs: {
    rationale:
      'Cron cannot run a job as a user that does not exist. In /etc/crontab or cron.d an unknown user field is a ' +
      'syntax error that makes Debian cron ignore the whole file; a user crontab whose owner was deleted is an orphan ' +
      'that is skipped — and that would start running again if someone reuses the name.',
    bad: [
      { text: '0 3 * * * deploy /usr/local/bin/sync\n' },
      { path: '/var/spool/cron/crontabs/carol', text: '0 3 * * * /usr/bin/true\n', note: 'carol was deleted' },
    ],
    good: [{ text: '0 3 * * * backup /usr/local/bin/sync\n' }],
    references: ['crontab(5)', 'tiger cron005w'],
    remedy: 'Create the user, correct the user field, or remove the job (and the orphaned crontab) if it is no longer needed.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const reportedOrphans = new Set<string>();
    for (const job of ctx.inventory.jobs) {
      if (!job.user || userExists(ctx, job.user)) continue;
      if (job.sourceKind === 'user') {
        if (reportedOrphans.has(job.source)) continue;
        reportedOrphans.add(job.source);
        drafts.push({
          job: null,
          path: job.source,
          line: null,
          message: `crontab of user ‘${job.user}’, who is not in /etc/passwd: cron skips this orphaned crontab`,
        });
      } else {
        drafts.push({ job, message: `user ‘${job.user}’ is not in /etc/passwd: cron cannot run this job` });
      }
    }
    return drafts;
  },
};
