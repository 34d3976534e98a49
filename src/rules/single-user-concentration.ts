import type { Rule } from './rule.js';
import { isDistributionManaged } from '../core/facts/index.js';

const MIN_JOBS = 4;
const SHARE = 0.75;

export const singleUserConcentration: Rule = {
  id: 'single-user-concentration',
  title: 'Most jobs run as one user',
  practice: 12,
  severity: 'medium',
  fixKind: 'none',
  docs: {
    rationale:
      'When nearly every job runs as the same account — usually root — one flaw in any of them exposes what all of ' +
      'them can reach: the backup job can read the web app’s secrets and the report job can delete the backups. ' +
      'Separate users per job family keep one failure from becoming everyone’s.',
    bad: [
      {
        text:
          '0 1 * * * root /usr/bin/true backup\n0 2 * * * root /usr/bin/true report\n' +
          '0 3 * * * root /usr/bin/true cleanup\n0 4 * * * root /usr/bin/true sync\n',
      },
    ],
    good: [
      {
        text:
          '0 1 * * * backup /usr/bin/true backup\n0 2 * * * www-data /usr/bin/true report\n' +
          '0 3 * * * root /usr/bin/true cleanup\n0 4 * * * postgres /usr/bin/true vacuum\n',
      },
    ],
    references: ['CIS Controls v8 5.4', 'NIST SP 800-53 AC-5 (separation of duties)'],
    remedy: 'Give each family of jobs (backups, the web app, reports) its own system user; root-job’s fix creates them.',
  },
  detect(ctx) {
    // The distribution's own jobs (run-parts lines, packaged cron.d files) are not the admin's choice.
    const jobs = ctx.inventory.jobs.filter((j) => j.live && j.user && !isDistributionManaged(ctx, j));
    if (jobs.length < MIN_JOBS) return [];
    const counts = new Map<string, number>();
    for (const job of jobs) counts.set(job.user!, (counts.get(job.user!) ?? 0) + 1);
    const [user, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    if (count / jobs.length <= SHARE) return [];
    return [
      {
        path: null,
        line: null,
        message: `${count} of ${jobs.length} live jobs (${Math.round((100 * count) / jobs.length)} %) run as ${user}`,
        data: { user, count, total: jobs.length },
      },
    ];
  },
};
