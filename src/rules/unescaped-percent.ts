import { shellOf } from '../core/shell/index.js';
import { program } from '../core/shell/queries.js';
import type { Job } from '../core/types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';

/** Programs a crontab may feed through `%` on purpose (crontab(5): "%…% becomes standard input"). */
const STDIN_READERS = new Set([
  'mail', 'mailx', 'bsd-mailx', 's-nail', 'mutt', 'sendmail', 'ssmtp', 'msmtp', 'cat', 'tee', 'logger', 'wall', 'write',
  'sh', 'bash', 'dash', 'psql', 'mysql', 'mariadb', 'sqlite3', 'bc', 'dc', 'at', 'batch', 'systemd-cat',
]);

/** Offsets in `raw` of the `%` signs cron treats as line breaks (do_command.c: a backslash escapes the next char). */
export function unescapedPercents(raw: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '%') found.push(i);
  }
  return found;
}

/** `mail -s hi root%Body%` is deliberate: the text before `%` is a whole command that reads stdin. */
function deliberate(ctx: RuleContext, job: Job): boolean {
  const analysis = shellOf(ctx, job);
  if (!analysis.ok) return false;
  const last = analysis.commands.filter((c) => !c.inSubstitution).at(-1);
  return last !== undefined && STDIN_READERS.has(program(last).name ?? '');
}

const clip = (text: string, max = 30): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const unescapedPercent: Rule = {
  id: 'unescaped-percent',
  title: 'Unescaped % cuts the command',
  practice: 5,
  severity: 'high',
  fixKind: 'auto',
  docs: {
    rationale:
      'In a crontab, `%` is not a character of the command: cron cuts the command at the first unescaped `%` and sends ' +
      'the rest to the job’s standard input as lines. `tar czf /b/$(date +%F).tgz /etc` becomes `tar czf /b/$(date +` — ' +
      'a syntax error, every night, usually unnoticed until the backup is needed.',
    bad: [
      { text: '0 3 * * * root /bin/tar czf /var/backups/etc-$(date +%F).tgz /etc\n' },
      { text: '0 3 * * * root /usr/bin/find /var/log/app -name "*.log" -newermt "$(date -d yesterday +%Y-%m-%d)" -delete\n' },
      { text: '0 3 * * * root /bin/echo "100% done" >> /var/log/x\n' },
    ],
    good: [
      { text: '0 3 * * * root /bin/tar czf /var/backups/etc-$(date +\\%F).tgz /etc\n' },
      { text: '0 3 * * * root /usr/bin/mail -s "disk report" root%Please check the disks.%\n', note: 'deliberate: % feeds mail its body' },
      { text: '0 3 * * * root /usr/local/bin/backup >/dev/null 2>&1\n' },
    ],
    references: ['crontab(5): "Percent-signs (%) in the command, unless escaped with backslash (\\\\), will be changed into newline characters"', 'Debian cron do_command.c'],
    remedy: 'Escape every `%` as `\\%` (the plan does this); cron then hands the shell a plain `%`.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.stdin === null || job.sourceKind === 'anacron' || deliberate(ctx, job)) continue;
      const positions = unescapedPercents(job.raw);
      if (positions.length === 0) continue;
      const first = positions[0];
      drafts.push({
        job,
        message:
          `unescaped % at column ${first + 1} of the command: cron runs only \`${clip(job.command)}\` and feeds ` +
          `“${clip(job.raw.slice(first + 1))}” to its standard input — escape it as \\%`,
        data: { positions },
      });
    }
    return drafts;
  },
};
