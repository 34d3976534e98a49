import { neverRuns as scheduleNeverRuns } from '../core/schedule.js';
import type { FindingDraft, Rule } from './rule.js';

export const neverRuns: Rule = {
  id: 'never-runs',
  title: 'Valid schedule that never fires',
  practice: 8,
  severity: 'medium',
  fixKind: 'none',
  docs: {
    rationale:
      'Cron accepts a day of month that the chosen months never have (30 February, 31 April) and then simply never ' +
      'runs the job. It looks scheduled; it is dead.',
    bad: [{ text: '0 0 30 2 * root /usr/local/bin/yearly-report\n' }, { text: '0 0 31 4,6,9,11 * root /usr/local/bin/report\n' }],
    good: [
      { text: '0 0 28 2 * root /usr/local/bin/yearly-report\n' },
      { text: '0 0 30 2 1 root /usr/local/bin/report\n', note: 'cron ORs day of month and day of week: runs on Mondays in February' },
    ],
    references: ['crontab(5)'],
    remedy: 'Pick a day that exists in those months (or use a day-of-week), or remove the job if it is not needed.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.spec.kind !== 'fields' || !scheduleNeverRuns(job.spec)) continue;
      drafts.push({ job, message: `schedule ‘${job.schedule}’ is valid but never fires: no month in it has that day` });
    }
    return drafts;
  },
};
