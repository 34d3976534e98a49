import { clueText, intentOf } from '../core/shell/index.js';
import { derived, literalPrefix, program } from '../core/shell/queries.js';
import type { ShellAnalysis, Word } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** A fixed name in a world-writable directory, possibly behind an option (`-o/tmp/x`, `--log=/tmp/x`).
 *  The directory alone (`find /tmp …`, `cd /tmp`) is not a fixed file, and neither is a name that
 *  starts with an expansion (`/tmp/$(mktemp -u)`). */
const SHARED_PATH = /^(?:-[A-Za-z]|--[A-Za-z][\w-]*=)?((?:\/var)?\/tmp\/[^/\s][^\s]*|\/dev\/shm\/[^/\s][^\s]*)/;
const SHARED_DIR = /tmp\/|shm\//;
/** Programs that create unpredictable names themselves, safely. */
const SAFE_CREATORS = new Set(['mktemp', 'tempfile']);

function sharedPath(word: Word): string | null {
  return SHARED_PATH.exec(literalPrefix(word))?.[1] ?? null;
}

/** Every fixed shared-directory path the job's words name (names, arguments, redirects, assignments). */
function sharedPaths(analysis: ShellAnalysis): string[] {
  const paths = new Set<string>();
  for (const command of analysis.commands) {
    if (SAFE_CREATORS.has(program(command).name ?? '')) continue;
    const words = [...(command.name ? [command.name] : []), ...command.args, ...command.redirects.map((r) => r.target), ...command.assignments.map((a) => a.value)];
    for (const word of words) {
      const path = sharedPath(word);
      if (path) paths.add(path);
    }
  }
  return [...paths];
}

export const tmpPath: Rule = {
  id: 'tmp-path',
  title: 'Fixed file name in /tmp',
  practice: 3,
  severity: 'medium',
  fixKind: 'none',
  docs: {
    rationale:
      'Everyone can create files in /tmp, /var/tmp and /dev/shm. A job that writes, reads or runs a name fixed in ' +
      'advance there can be tricked: another user creates that name first — as a symlink to /etc/shadow, a file with ' +
      'content of their choosing, or a lock they hold forever — and the job, often running as root, follows it.',
    bad: [
      { text: '0 2 * * * root /usr/bin/mysqldump app > /tmp/app.sql && /usr/local/bin/upload /tmp/app.sql\n' },
      { text: '0 2 * * * root curl -fsS -o /tmp/feed.json https://example.com/feed\n' },
      { text: '*/5 * * * * root /usr/bin/flock -n /tmp/sync.lock /usr/local/bin/sync\n' },
    ],
    good: [
      { text: '0 2 * * * root f=$(mktemp) && /usr/bin/mysqldump app > "$f" && /usr/local/bin/upload "$f"; rm -f "$f"\n' },
      { text: '*/5 * * * * root /usr/bin/flock -n /run/lock/sync.lock /usr/local/bin/sync\n' },
      { text: '0 4 * * * root find /tmp -xdev -type f -mtime +7 -delete\n', note: 'the directory itself, not a fixed name in it' },
    ],
    references: ['CWE-377 (Insecure Temporary File)', 'CWE-59 (Link Following)', 'ShellCheck SC2186 (tempfile/mktemp)'],
    remedy:
      'Use a directory only the job user can write (/var/lib/NAME, /run/NAME, /run/lock for locks) or create the file ' +
      'with `mktemp` and pass its name along.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!SHARED_DIR.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      const paths = derived(analysis, 'tmp-path', () => sharedPaths(analysis));
      if (paths.length === 0) continue;
      const list = paths.map((p) => `\`${p}\``).join(', ');
      drafts.push({
        job,
        message: `fixed path${paths.length > 1 ? 's' : ''} ${list} in a world-writable directory: another user can create ${paths.length > 1 ? 'them' : 'it'} first (as a symlink or a file of their own) — use a private directory or mktemp`,
        data: { paths },
      });
    }
    return drafts;
  },
};
