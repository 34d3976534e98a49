import type { FindingDraft, Rule, RuleContext } from './rule.js';
import type { Job } from '../core/types.js';
import { isCronMachinery, packagedJob, runsAsRoot, stockNote, targetsOf, type Target } from '../core/facts/index.js';

const pathsOf = new WeakMap<readonly Target[], string[]>();

/** The programs and scripts the job runs (what the dedicated user will need to read and execute). */
function targetPaths(ctx: RuleContext, job: Job): string[] {
  const targets = targetsOf(ctx, job);
  let paths = pathsOf.get(targets);
  if (!paths) pathsOf.set(targets, (paths = [...new Set(targets.flatMap((t) => (t.lookup.path === null ? [] : [t.lookup.path])))]));
  return paths;
}

function whyRoot(job: Job): string {
  if (job.user !== 'root') return `${job.user} has uid 0`;
  if (job.sourceKind === 'user') return "root's crontab";
  if (job.sourceKind === 'run-parts') return 'run-parts runs it as root';
  if (job.sourceKind === 'anacron') return 'anacron runs it as root';
  return 'the user field';
}

export const rootJob: Rule = {
  id: 'root-job',
  title: 'Job runs as root',
  practice: 1,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      'A job running as root turns any bug in it, or any file an attacker can slip into its path, into full control of ' +
      'the host. Most jobs (backups, reports, cache clean-ups) need a few files, not root: a dedicated system user ' +
      'without a login shell limits what a compromised or broken job can do.',
    bad: [
      { text: '30 2 * * * root /usr/bin/php /var/www/app/artisan schedule:run\n' },
      { path: '/var/spool/cron/crontabs/root', text: '0 4 * * * /usr/bin/find /var/www/cache -mtime +7 -delete\n' },
    ],
    good: [
      { text: '30 2 * * * www-data /usr/bin/php /var/www/app/artisan schedule:run\n' },
      { path: '/etc/crontab', text: 'SHELL=/bin/sh\n17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly\n', note: 'stock run-parts line' },
    ],
    references: ['CIS Controls v8 5.4 (restrict administrator privileges)', 'Lynis SCHD-7704', 'MITRE ATT&CK T1053.003'],
    remedy:
      'Create a dedicated system user (no login shell, locked password), move the job to /etc/cron.d/<name> with that ' +
      'user, give it read/execute on the script and write on the paths it writes; keep the script owned by root.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      // Running the run-parts directories as root is cron's own design, not the admin's choice.
      if (!runsAsRoot(ctx, job.user) || isCronMachinery(job)) continue;
      // The planner does not move a packaged job (an upgrade would bring it back): it needs to know.
      const pkg = packagedJob(ctx, job);
      const data = { user: 'root', targets: targetPaths(ctx, job), ...(pkg ? { package: pkg } : {}) };
      const stock = stockNote(ctx, job);
      if (stock) {
        drafts.push({ job, severity: 'info', message: `runs as root (${stock})`, data });
        continue;
      }
      drafts.push({ job, message: `runs as root (${whyRoot(job)}); a dedicated unprivileged user would limit what it can damage`, data });
    }
    return drafts;
  },
};
