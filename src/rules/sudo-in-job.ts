import { clueText, intentOf } from '../core/shell/index.js';
import { runsAny } from '../core/shell/queries.js';
import type { FindingDraft, Rule } from './rule.js';

/** Programs that switch user (RULES.md: sudo, su, doas, pkexec; runuser is su's root-only twin). */
const SWITCHERS = new Set(['sudo', 'su', 'doas', 'pkexec', 'runuser']);

export const sudoInJob: Rule = {
  id: 'sudo-in-job',
  title: 'Job switches user with sudo/su',
  practice: 1,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'A job that needs `sudo` means its user holds a standing right to become someone else — without a password, ' +
      'since nobody types one at 3 a.m. Whoever gets that user (or can edit the script) gets the right too. A root job ' +
      'that uses `su`/`sudo -u` to drop privileges is safer but hides who the job really runs as.',
    bad: [
      { path: '/var/spool/cron/crontabs/alice', text: '0 2 * * * sudo /usr/sbin/service nginx reload\n' },
      { text: '0 2 * * * www-data sudo -u root /usr/local/bin/rotate\n' },
      { text: "0 2 * * * root su - postgres -c 'vacuumdb --all --quiet'\n", note: 'a drop from root: run it as postgres instead' },
    ],
    good: [
      { text: '0 2 * * * postgres /usr/bin/vacuumdb --all --quiet\n' },
      { text: '0 2 * * * root /usr/sbin/service nginx reload\n' },
      { text: '0 2 * * * root echo "use sudo carefully" > /dev/null\n', note: 'only mentioned, not run' },
    ],
    references: ['CIS Debian 12 5.2 (sudo configuration)', 'MITRE ATT&CK T1548.003 (Sudo and Sudo Caching)', 'Lynis AUTH-9252'],
    remedy:
      'Run the job as the user that has the rights it needs: a line in /etc/cron.d with that user in the user field, ' +
      'or that user’s own crontab. Remove the NOPASSWD sudoers entry that made the job work.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!/su|doas|pkexec/.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      const used = [...SWITCHERS].filter((name) => runsAny(analysis, [name]));
      if (used.length === 0) continue;
      const names = used.map((n) => `\`${n}\``).join(', ');
      if (job.user === 'root') {
        drafts.push({
          job,
          severity: 'medium',
          message: `root job runs ${names} to act as another user: put the job in /etc/cron.d with that user instead, so it never holds root`,
        });
      } else {
        drafts.push({
          job,
          message: `job of ${job.user ?? 'an unknown user'} runs ${names}: that user can switch identity without a password — give it the right it needs instead`,
        });
      }
    }
    return drafts;
  },
};
