import { describeRisks, writeRisks } from '../core/facts/index.js';
import { clueText, intentOf } from '../core/shell/index.js';
import { program, runsAny } from '../core/shell/queries.js';
import type { ShellAnalysis, SimpleCommand } from '../core/shell/types.js';
import type { Job } from '../core/types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';

/** Programs with options that run commands or read other files, and what a planted name can do. */
const ABUSABLE: Record<string, string> = {
  tar: '`--checkpoint-action=exec=sh x.sh` runs a command',
  chown: '`--reference=file` copies the owner of a file the attacker chose',
  chgrp: '`--reference=file` copies the group of a file the attacker chose',
  chmod: '`--reference=file` copies the mode of a file the attacker chose',
  rsync: '`-e sh x.sh` runs a command',
  zip: '`-TT=sh x.sh` runs a command',
  '7z': '`@list` makes it read (and archive) any file named in the attacker’s list',
  '7za': '`@list` makes it read (and archive) any file named in the attacker’s list',
};

const ABUSABLE_NAMES = Object.keys(ABUSABLE);

/** Where the shell expands the glob: the last literal `cd` before the command, else HOME (cron
 *  chdir()s there, do_command.c). null when it depends on run-time values. */
function workingDirectory(analysis: ShellAnalysis, command: SimpleCommand, job: Job): string | null {
  let dir: string | null = job.env.HOME ?? null;
  for (const earlier of analysis.commands) {
    if (earlier.offset >= command.offset) break;
    // A `cd` inside a subshell or an `sh -c` script does not move the commands outside it.
    if (earlier.name?.value !== 'cd' || earlier.inSubstitution || (earlier.inSubshell && !command.inSubshell) || (earlier.viaShC && !command.viaShC)) continue;
    const target = earlier.args.find((w) => w.value !== '--' && w.value !== '-P' && w.value !== '-L');
    dir = target?.value?.startsWith('/') ? target.value : null;
  }
  return dir;
}

/** Who besides root and the job user can create a file in `dir` (a sticky bit does not stop that). */
function creators(ctx: RuleContext, dir: string, user: string | null): string | null {
  const info = ctx.host.stat(dir);
  if (!info || info.type !== 'dir') return null;
  const risks = writeRisks(ctx, { path: dir, role: 'dir', info: { ...info, mode: info.mode & ~0o1000 } }, user);
  return risks.length > 0 ? describeRisks(risks) : null;
}

function injections(ctx: RuleContext, job: Job, analysis: ShellAnalysis): string[] {
  const found: string[] = [];
  for (const command of analysis.commands) {
    const { name, args } = program(command);
    const abuse = name ? ABUSABLE[name] : undefined;
    if (!abuse) continue;
    const end = args.findIndex((w) => w.value === '--');
    // Only a glob at the start of a word can expand to a name that starts with `-`.
    const glob = args.find((w, i) => w.hasGlob && '*?['.includes(w.text[0]) && (end < 0 || i < end));
    if (!glob) continue;
    const dir = workingDirectory(analysis, command, job);
    const who = dir ? creators(ctx, dir, job.user) : null;
    if (!dir || !who) continue;
    found.push(`\`${name} … ${glob.text}\` expands in ${dir} (${who}): a file named like ${abuse}`);
  }
  return found;
}

export const wildcardInjection: Rule = {
  id: 'wildcard-injection',
  title: 'Glob expanded in a directory others can write',
  practice: 5,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'The shell replaces `*` with the file names in the directory, and a name that starts with `-` reaches the program ' +
      'as an option. Anyone who can create files where the job runs `tar cf backup.tar *` can create one called ' +
      '`--checkpoint-action=exec=sh x.sh` and have the job — often root — run their script (the classic linPEAS finding).',
    bad: [
      { text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/uploads.tgz *\n', files: { '/srv/uploads': { type: 'dir', mode: 0o777 } } },
      { text: '0 2 * * * root cd /tmp && chown root:root *\n' },
      { text: '0 2 * * * root cd /home/alice/www && rsync -a * /var/www/\n', files: { '/home/alice/www': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 } } },
    ],
    good: [
      { text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/uploads.tgz -- *\n', files: { '/srv/uploads': { type: 'dir', mode: 0o777 } } },
      { text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/uploads.tgz ./*\n', files: { '/srv/uploads': { type: 'dir', mode: 0o777 } } },
      { text: '0 2 * * * root cd /etc && tar czf /var/backups/etc.tgz *\n', note: 'only root can create files in /etc' },
    ],
    references: ['linPEAS: "Wildcard spare tricks"', 'ShellCheck SC2035 (use ./*glob* or -- *glob*)', 'CWE-88 (Argument Injection)', 'MITRE ATT&CK T1053.003'],
    remedy: 'Write `./*` or put `--` before the glob so no expanded name can be an option, or name the files explicitly; better, run the job from a directory only its user can write.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!/[*?[]/.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      if (!runsAny(analysis, ABUSABLE_NAMES)) continue;
      for (const message of injections(ctx, job, analysis)) {
        drafts.push({ job, message, severity: job.user === 'root' ? 'critical' : 'high' });
      }
    }
    return drafts;
  },
};
