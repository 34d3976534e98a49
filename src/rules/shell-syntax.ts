import { basename, dialectOf, shellOf } from '../core/shell/index.js';
import type { FindingDraft, Rule } from './rule.js';

const KNOWN_SHELLS = new Set(['sh', 'dash', 'bash']);

/** A few characters around the error, so the message shows where without the whole line. */
function near(command: string, offset: number): string {
  const from = Math.max(0, offset - 12);
  const snippet = command.slice(from, offset + 12).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${snippet}${offset + 12 < command.length ? '…' : ''}`;
}

export const shellSyntax: Rule = {
  id: 'shell-syntax',
  title: 'Command the job’s shell cannot run as written',
  practice: 8,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'Cron hands the command to /bin/sh — dash on Debian and Ubuntu, not bash — unless the crontab sets SHELL. A ' +
      'syntax error makes every run fail (the error goes to cron mail, often nowhere), and bash-only syntax such as ' +
      '`[[ ]]`, `<(…)` or `&>` either fails or silently does something else: under dash, `cmd &>/dev/null` runs cmd in ' +
      'the background with its output still going to cron.',
    bad: [
      { text: '0 3 * * * root [[ -d /srv/backup ]] && /usr/local/bin/backup\n' },
      { text: '0 3 * * * root /usr/local/bin/backup &>/dev/null\n' },
      { text: '0 3 * * * root /usr/local/bin/report "daily\n' },
      { text: "0 3 * * * root sh -c 'if [ -f /x ]; then /usr/local/bin/y'\n", note: 'the sh -c script is parsed too' },
    ],
    good: [
      { text: '0 3 * * * root [ -d /srv/backup ] && /usr/local/bin/backup\n' },
      { text: 'SHELL=/bin/bash\n0 3 * * * root [[ -d /srv/backup ]] && /usr/local/bin/backup &>/dev/null\n' },
      { text: '0 3 * * * root /usr/local/bin/backup >/dev/null 2>&1\n' },
    ],
    references: [
      'ShellCheck SC3010 ([[ ]] in sh)', 'ShellCheck SC3020 (&> in sh)', 'ShellCheck SC3021 (>& file in sh)', 'ShellCheck SC3001 (process substitution in sh)',
      'ShellCheck SC3011 (here-strings in sh)', 'ShellCheck SC3029 (|& in sh)', 'ShellCheck SC1009 (parse errors)', 'crontab(5): SHELL defaults to /bin/sh',
    ],
    remedy:
      'Write the command in POSIX sh (`[ ]` for tests, `>/dev/null 2>&1`, no `<(…)`), or put `SHELL=/bin/bash` above the ' +
      'job, or move the logic into a script with its own `#!/bin/bash` line and schedule that script.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const shell = job.env.SHELL ?? '/bin/sh';
      // ksh, zsh and others have their own grammars: judging them as dash or bash would be guessing.
      if (!KNOWN_SHELLS.has(basename(shell))) continue;
      const { error } = shellOf(ctx, job);
      if (!error) continue;
      const who = dialectOf(job) === 'posix' && basename(shell) === 'sh' ? `${shell} (dash)` : shell;
      drafts.push({
        job,
        message: `${who}: ${error.message} (column ${error.offset + 1}, near “${near(job.command, error.offset)}”)`,
        data: { offset: error.offset, shell },
      });
    }
    return drafts;
  },
};
