import type { FindingDraft, Rule, RuleContext } from './rule.js';
import type { Job } from '../core/types.js';
import { stockNote, targetsOf, type Target } from '../core/facts/index.js';

interface Relative {
  targets: Target[];
  /** "tar (/usr/bin/tar), foo (not found on PATH)". */
  shown: string;
  /** What the fix needs: each word, where it is in the command, and its absolute path if found. */
  commands: Array<{ name: string; offset: number; text: string; resolved: string | null }>;
}

/** Per target list (shared by every job with the same command and environment). */
const relativeOf = new WeakMap<readonly Target[], Relative>();

function relative(ctx: RuleContext, job: Job): Relative {
  const all = targetsOf(ctx, job);
  let found = relativeOf.get(all);
  if (!found) {
    const targets = all.filter((t) => t.kind === 'command' && t.word === t.command.name && t.word.value !== null && !t.name.includes('/'));
    const names = new Map<string, string | null>();
    for (const t of targets) if (!names.has(t.name)) names.set(t.name, t.lookup.path);
    const shown = [...names].map(([n, path]) => (path ? `${n} (${path})` : `${n} (not found on PATH)`)).join(', ');
    const commands = targets.map((t) => ({ name: t.name, offset: t.word.offset, text: t.word.text, resolved: t.lookup.status === 'ok' ? t.lookup.path : null }));
    found = { targets, shown, commands };
    relativeOf.set(all, found);
  }
  return found;
}

/** Command words run by name (no slash), looked up on PATH: builtins and `$VAR` words excluded. */
export function relativeCommands(ctx: RuleContext, job: Job): readonly Target[] {
  return relative(ctx, job).targets;
}

export const relativeCommand: Rule = {
  id: 'relative-command',
  title: 'Command named without its absolute path',
  practice: 3,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      'A command named without a path runs whatever is found first on the job’s PATH, which cron sets differently ' +
      'from a login shell: the job may run another program than the one tested by hand, or none at all, and a ' +
      'writable PATH entry lets someone else choose. Absolute paths say exactly what runs.',
    bad: [
      { text: '0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
      { text: '0 3 * * * root cd /var/www && php artisan schedule:run\n' },
    ],
    good: [
      { text: '0 3 * * * root /usr/bin/tar czf /var/backups/etc.tgz /etc\n' },
      { text: '0 3 * * * root cd /var/www && test -f artisan && /usr/bin/php artisan schedule:run\n', note: 'cd and test are shell builtins' },
    ],
    references: ['Lynis SCHD-7704', 'crontab(5): PATH'],
    remedy: 'Replace each command name with the absolute path found on the job’s PATH on this host.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const { targets, shown, commands } = relative(ctx, job);
      if (targets.length === 0) continue;
      const stock = stockNote(ctx, job);
      drafts.push({
        job,
        severity: stock ? 'info' : undefined,
        message: `runs ${shown} by name, looked up on PATH=${job.env.PATH ?? '/usr/bin:/bin'}` + (stock ? ` (${stock})` : ''),
        data: { commands },
      });
    }
    return drafts;
  },
};
