import { hostFacts } from '../core/facts/host.js';
import { shellOf } from '../core/shell/index.js';
import { jobOutput } from '../core/shell/streams.js';
import type { FindingDraft, Rule } from './rule.js';

const WITH_MTA = { '/usr/sbin/sendmail': { content: '', mode: 0o755 } };

export const noOutputChannel: Rule = {
  id: 'no-output-channel',
  title: 'Output neither logged nor mailed',
  practice: 6,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'Cron mails whatever a job prints — if it can. With MAILTO="" or no mail transfer agent on the host, that output, ' +
      'error messages included, is dropped without a trace.',
    bad: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n', note: 'no MTA on the host' },
      { text: 'MAILTO=""\n0 3 * * * root /usr/local/bin/backup.sh\n', files: WITH_MTA },
    ],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: WITH_MTA },
      { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 | /usr/bin/logger -t backup\n' },
      { text: '0 3 * * * root /usr/local/bin/backup.sh >>/var/log/backup.log 2>&1\n' },
    ],
    references: ['cron(8): output is mailed to the owner or MAILTO', 'CIS Controls v8 8.2'],
    remedy: 'Send the output to syslog with logger (the plan does), or to a rotated log file; or install an MTA and set MAILTO.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const canMail = hostFacts(ctx).sendmail !== null;
    for (const job of ctx.inventory.jobs) {
      if (job.sourceKind === 'run-parts' || job.sourceKind === 'anacron') continue;
      const mailDisabled = job.env.MAILTO === '';
      if (canMail && !mailDisabled) continue;
      const analysis = shellOf(ctx, job);
      if (!analysis.ok) continue;
      const output = jobOutput(analysis);
      if (!output.reachesCron || output.allDiscarded) continue;
      drafts.push({
        job,
        message: mailDisabled
          ? 'MAILTO="" and the output is not redirected: whatever this job prints, errors included, is lost'
          : 'the host has no mail transfer agent (/usr/sbin/sendmail) and the output is not redirected: it is lost',
      });
    }
    return drafts;
  },
};
