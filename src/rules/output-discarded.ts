import { shellOf } from '../core/shell/index.js';
import { jobOutput } from '../core/shell/streams.js';
import type { FindingDraft, Rule } from './rule.js';

export const outputDiscarded: Rule = {
  id: 'output-discarded',
  title: 'All output thrown away',
  practice: 6,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      '`>/dev/null 2>&1` silences the errors too: when the job starts failing — a full disk, an expired password, an ' +
      'attacker’s change — nothing records it. Logging is what turns a silent failure into an alert.',
    bad: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1\n' },
      { text: '*/5 * * * * www-data /usr/bin/php /var/www/app/cron.php &>/dev/null\n', files: { '/etc/cron.d/example': { content: 'SHELL=/bin/bash\n*/5 * * * * www-data /usr/bin/php /var/www/app/cron.php &>/dev/null\n' } } },
    ],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 | /usr/bin/logger -t backup\n' },
      { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null\n', note: 'errors still reach cron' },
      { text: '0 3 * * * root /usr/local/bin/backup.sh >>/var/log/backup.log 2>&1\n' },
    ],
    references: ['CIS Controls v8 8.2 (collect audit logs)', 'NIST SP 800-92'],
    remedy: 'Send the output to syslog: `… 2>&1 | logger -t cronwarden-NAME` (the plan does, keeping the exit status in the log), or to a log file with rotation.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.sourceKind === 'run-parts' || job.sourceKind === 'anacron') continue;
      const analysis = shellOf(ctx, job);
      if (!analysis.ok || !jobOutput(analysis).allDiscarded) continue;
      drafts.push({ job, message: 'stdout and stderr both go to /dev/null: if this job fails, nothing records it' });
    }
    return drafts;
  },
};
