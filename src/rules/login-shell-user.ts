import type { FindingDraft, Rule } from './rule.js';
import type { Job } from '../core/types.js';
import { runsAsRoot, userFacts } from '../core/facts/index.js';

export const loginShellUser: Rule = {
  id: 'login-shell-user',
  title: 'Job user can log in (interactive shell or usable password)',
  practice: 10,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      'A service account that runs jobs needs neither a shell nor a password. With them it becomes a way in: a ' +
      'guessed or leaked password, or `su` from a compromised process, gives an interactive session with every file ' +
      'the jobs can touch. nologin and a locked password keep the jobs running and the door shut.',
    bad: [
      { text: '0 3 * * * postgres /usr/bin/true\n', note: 'postgres has /bin/bash' },
    ],
    good: [
      { text: '0 3 * * * www-data /usr/bin/true\n' },
      { text: '0 3 * * * root /usr/bin/true\n', note: 'root is root-job’s concern' },
    ],
    references: ['CIS Debian 12 5.4.2.7 (system accounts do not have a valid login shell)', 'CIS Debian 12 5.4.2.8 (accounts without a valid login shell are locked)', 'Lynis AUTH-9283 (accounts without a password)'],
    remedy:
      'usermod -s /usr/sbin/nologin USER and passwd -l USER, after checking nobody logs in as it. For a person’s ' +
      'account, move the job to a service account instead.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const firstJob = new Map<string, Job>();
    for (const job of ctx.inventory.jobs) {
      if (!job.user || runsAsRoot(ctx, job.user)) continue;
      const known = firstJob.get(job.user);
      if (!known || (!known.live && job.live)) firstJob.set(job.user, job);
    }
    for (const [user, job] of firstJob) {
      const facts = userFacts(ctx, user);
      if (!facts) continue;
      const ways: string[] = [];
      if (facts.interactiveShell) ways.push(`login shell ${facts.entry.shell || '/bin/sh'}`);
      if (facts.password === 'set') ways.push('a usable password');
      if (facts.password === 'none') ways.push('an EMPTY password (no password needed to log in or su)');
      if (ways.length === 0) continue;
      const severity = facts.password === 'none' ? 'high' : facts.regular ? 'low' : undefined;
      const whose = facts.regular ? `${user} (a person's account, uid ${facts.entry.uid})` : `service account ${user}`;
      drafts.push({
        job,
        severity,
        // Locking a service account changes nothing anyone uses; changing a person's account is theirs to accept.
        fixKind: facts.regular ? 'suggestion' : 'auto',
        message:
          `${whose} runs cron jobs and has ${ways.join(' and ')}` +
          (facts.regular ? ': consider a dedicated service account for the jobs' : ': set its shell to nologin and lock the password'),
        data: { user, shell: facts.entry.shell, password: facts.password, regular: facts.regular, nologin: '/usr/sbin/nologin' },
      });
    }
    return drafts;
  },
};
