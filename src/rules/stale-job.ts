import { parseSchedule } from '../core/schedule.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { parsedLines, userExists } from './helpers.js';

/** A comment that is a job with "#" in front: a schedule cron would accept, then a command. */
function commentedOutJob(text: string): boolean {
  const body = text.replace(/^\s*#+\s*/, '');
  const tokens = body.split(/[ \t]+/);
  if (tokens[0]?.startsWith('@')) return tokens.length >= 2 && parseSchedule(tokens[0]).ok;
  return tokens.length >= 6 && /^[\d*]/.test(tokens[0]) && parseSchedule(tokens.slice(0, 5).join(' ')).ok;
}

/** Human accounts (uid ≥ 1000) whose password is locked: people who left, crontabs nobody watches. */
function lockedHumans(ctx: RuleContext): Set<string> {
  const locked = new Set((ctx.host.shadow() ?? []).filter((s) => s.password === 'locked').map((s) => s.name));
  return new Set(ctx.host.users().filter((u) => u.uid >= 1000 && u.uid < 65534 && locked.has(u.name)).map((u) => u.name));
}

export const staleJob: Rule = {
  id: 'stale-job',
  title: 'Leftover job: commented out, or owned by a locked account',
  practice: 11,
  severity: 'low',
  fixKind: 'suggestion',
  docs: {
    rationale:
      'Commented-out jobs get uncommented during an incident without anyone re-reading them; crontabs of people who ' +
      'left keep running with their rights. Both are clutter that hides what really runs.',
    bad: [
      { text: '#0 3 * * * root /usr/local/bin/old-backup.sh\n0 4 * * * root /usr/bin/true\n' },
      { path: '/var/spool/cron/crontabs/bob', text: '0 3 * * * /usr/bin/true\n', files: { '/etc/shadow': 'root:*:19700:0:99999:7:::\nbob:!$y$j9T$x$y:19700:0:99999:7:::\n' } },
    ],
    good: [
      { text: '# Run the backup at 03:00 every day\n0 3 * * * root /usr/local/bin/backup.sh\n' },
      { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' },
    ],
    references: ['tiger cron001w', 'CIS Controls v8 2.3 (address unauthorised software)'],
    remedy: 'Delete the line or the crontab (a suggestion: planned only when you choose it). Version control keeps history, not comments.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind === 'comment' && commentedOutJob(line.text)) {
        drafts.push({ path: source.path, line: line.number, message: 'commented-out job: delete it, or it may come back unreviewed' });
      }
    }
    const locked = lockedHumans(ctx);
    for (const source of ctx.inventory.sources) {
      if (source.kind !== 'user' || !source.crontabUser) continue;
      if (locked.has(source.crontabUser)) {
        drafts.push({ path: source.path, line: null, message: `crontab of ${source.crontabUser}, whose account is locked: its jobs still run` });
      } else if (!userExists(ctx, source.crontabUser)) {
        drafts.push({ path: source.path, line: null, message: `crontab of ${source.crontabUser}, who no longer exists: remove it before the name is reused` });
      }
    }
    return drafts;
  },
};
