import { clueText, intentOf } from '../core/shell/index.js';
import { codeSource, commandsInside, derived, DOWNLOADERS, program, runsAny, SHELL_PROGRAMS } from '../core/shell/queries.js';
import type { ShellAnalysis, Word } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

const RELEVANT = new Set(['eval', 'xargs', 'find', ...SHELL_PROGRAMS]);
/** Text any shape below needs (quotes aside): eval, xargs, find, or an option cluster with `c` (`sh -c`, `bash -ec`). */
const CLUES = /eval|xargs|find|(?:^|\s)-[a-zA-Z]*c[a-zA-Z]*(?=\s|$)/;
const XARGS_SAFE = /^(?:-0|--null|-d.*|--delimiter(?:=.*)?|-[a-zA-Z]*0[a-zA-Z]*)$/;

/** A word whose content is only known at run time — and is not a download (remote-code-exec reports those). */
function dynamic(analysis: ShellAnalysis, word: Word): boolean {
  if (word.value !== null) return false;
  return !commandsInside(analysis, word).some((c) => DOWNLOADERS.has(program(c).name ?? ''));
}

function problems(analysis: ShellAnalysis): string[] {
  const found: string[] = [];
  for (const pipeline of analysis.pipelines) {
    const members = pipeline.commands.map((i) => program(analysis.commands[i]));
    members.forEach(({ name, args }, k) => {
      if (name !== 'xargs' || args.some((w) => XARGS_SAFE.test(w.value ?? ''))) return;
      // Only a find in an earlier element feeds xargs: `{ find …; xargs …; }` is one element, no pipe between them.
      if (members.some((m, j) => m.name === 'find' && pipeline.elements[j]! < pipeline.elements[k]!)) found.push('`find | xargs` without `-0`: a file name with a space, quote or newline becomes several arguments — or options');
    });
  }
  for (const command of analysis.commands) {
    const { name, args } = program(command);
    if (name === 'eval' && args.some((w) => dynamic(analysis, w))) found.push('`eval` of a variable or command output runs whatever that text contains');
    if (name && SHELL_PROGRAMS.has(name)) {
      const source = codeSource(name, args);
      if (source.kind === 'inline' && source.code && dynamic(analysis, source.code)) found.push(`\`${name} -c\` of a variable or command output runs whatever that text contains`);
    }
    if (name === 'find') {
      const exec = args.findIndex((w) => w.value === '-exec' || w.value === '-execdir');
      const shell = args[exec + 1]?.value;
      if (exec >= 0 && shell && SHELL_PROGRAMS.has(shell.slice(shell.lastIndexOf('/') + 1))) {
        const code = codeSource(shell, args.slice(exec + 2));
        if (code.kind === 'inline' && code.code?.value?.includes('{}')) found.push('`find -exec sh -c \'… {} …\'` pastes file names into shell code: a crafted name runs commands');
      }
    }
  }
  return [...new Set(found)];
}

export const evalInput: Rule = {
  id: 'eval-input',
  title: 'Data run as shell code',
  practice: 5,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'When a job hands text to `eval` or `sh -c`, or lets `xargs` split file names on blanks, the text becomes code ' +
      'or options: a file named `$(reboot)` or `-rf` in a directory the job walks is enough. Cron jobs often run as ' +
      'root over directories other users fill (uploads, spools, home directories).',
    bad: [
      { text: '0 * * * * root eval "$(/usr/local/bin/settings --export)"\n' },
      { text: '0 * * * * root find /srv/uploads -name "*.tmp" | xargs rm -f\n' },
      { text: "0 * * * * root find /srv/uploads -name '*.jpg' -exec sh -c 'convert {} {}.png' \\;\n" },
    ],
    good: [
      { text: '0 * * * * root find /srv/uploads -name "*.tmp" -print0 | xargs -0 rm -f --\n' },
      { text: '0 * * * * root find /srv/uploads -name "*.tmp" -delete\n' },
      { text: "0 * * * * root find /srv/uploads -name '*.jpg' -exec sh -c 'convert \"$1\" \"$1.png\"' sh {} \\;\n" },
    ],
    references: ['ShellCheck SC2156 (find -exec sh -c with {})', 'ShellCheck SC2038 (find | xargs without -print0/-0)', 'CWE-78 (OS Command Injection)', 'CWE-88 (Argument Injection)'],
    remedy:
      'Pass data as arguments, never as code: `sh -c \'…"$1"…\' sh {}`, `find … -print0 | xargs -0 … --`, `find -delete`/`-exec … {} +`; ' +
      'read settings from a file with a fixed format instead of `eval`.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!CLUES.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      if (!runsAny(analysis, RELEVANT)) continue;
      for (const message of derived(analysis, 'eval-input', () => problems(analysis))) drafts.push({ job, message });
    }
    return drafts;
  },
};
