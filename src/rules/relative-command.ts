import type { FindingDraft, Rule, RuleContext } from './rule.js';
import type { Job } from '../core/types.js';
import { memo } from './rule.js';
import { stockNote, targetsOf, type Target } from '../core/facts/index.js';

/** Command words run by name (no slash), looked up on PATH: builtins and `$VAR` words excluded. */
export function relativeCommands(ctx: RuleContext, job: Job): Target[] {
  return memo(ctx, `relative-command:${job.id}`, () =>
    targetsOf(ctx, job).filter((t) => t.kind === 'command' && t.word === t.command.name && t.word.value !== null && !t.name.includes('/')),
  );
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
    references: ['Lynis SCHD-7704', 'ShellCheck SC2230 (prefer command -v)', 'crontab(5) PATH'],
    remedy: 'Replace each command name with the absolute path found on the job’s PATH on this host.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const relative = relativeCommands(ctx, job);
      if (relative.length === 0) continue;
      const names = [...new Set(relative.map((t) => t.name))];
      const shown = names
        .map((n) => {
          const path = relative.find((t) => t.name === n)!.lookup.path;
          return path ? `${n} (${path})` : `${n} (not found on PATH)`;
        })
        .join(', ');
      const stock = stockNote(ctx, job);
      drafts.push({
        job,
        severity: stock ? 'info' : undefined,
        message: `runs ${shown} by name, looked up on PATH=${job.env.PATH ?? '/usr/bin:/bin'}` + (stock ? ` (${stock})` : ''),
        data: {
          commands: relative.map((t) => ({ name: t.name, offset: t.word.offset, text: t.word.text, resolved: t.lookup.status === 'ok' ? t.lookup.path : null })),
        },
      });
    }
    return drafts;
  },
};
