import { targetsOf } from '../core/facts/index.js';
import { parseSchedule } from '../core/schedule.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { parsedLines, userExists } from './helpers.js';

/** The examples crontab(1) and Debian's /etc/crontab ship as comments: documentation, not leftovers. */
const TEMPLATE_EXAMPLES = [/^0 5 \* \* 1 tar -zcf \/var\/backups\/home\.tgz \/home\/$/, /user-name\s+command to be executed$/];

/** A comment that is a job with "#" in front: a schedule cron would accept, then (in a system
 *  crontab) an existing user, then a command. */
function commentedOutJob(ctx: RuleContext, text: string, system: boolean): boolean {
  const body = text.replace(/^\s*#+\s*/, '').trimEnd();
  if (TEMPLATE_EXAMPLES.some((example) => example.test(body))) return false;
  const tokens = body.split(/[ \t]+/);
  const scheduleWords = tokens[0]?.startsWith('@') ? 1 : 5;
  if (tokens.length < scheduleWords + (system ? 2 : 1)) return false;
  if (scheduleWords === 5 && !/^[\d*]/.test(tokens[0])) return false;
  if (!parseSchedule(tokens.slice(0, scheduleWords).join(' ')).ok) return false;
  return !system || userExists(ctx, tokens[scheduleWords]);
}

/** Human accounts (uid ≥ 1000) whose password is locked: people who left, crontabs nobody watches. */
function lockedHumans(ctx: RuleContext): Set<string> {
  const locked = new Set((ctx.host.shadow() ?? []).filter((s) => s.password === 'locked').map((s) => s.name));
  return new Set(ctx.host.users().filter((u) => u.uid >= 1000 && u.uid < 65534 && locked.has(u.name)).map((u) => u.name));
}

export const staleJob: Rule = {
  id: 'stale-job',
  title: 'Leftover job: commented out, its script gone, or owned by a locked or deleted account',
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
      {
        text: '# Run the backup at 03:00 every day\n0 3 * * * root /usr/local/bin/backup.sh\n',
        files: { '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
      },
      { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' },
    ],
    references: ['tiger cron001w', 'CIS Controls v8 2.3 (address unauthorised software)'],
    remedy: 'Delete the line or the crontab (a suggestion: planned only when you choose it). Version control keeps history, not comments.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind === 'comment' && commentedOutJob(ctx, line.text, source.parsed?.flavor === 'system')) {
        drafts.push({ path: source.path, line: line.number, message: 'commented-out job: delete it, or it may come back unreviewed' });
      }
    }
    // A job whose script is gone (named by its path, not looked up on PATH) is a leftover of removed
    // software; missing-target says it fails, this offers to remove it.
    for (const job of ctx.inventory.jobs) {
      const gone = targetsOf(ctx, job).find((t) => !t.guarded && t.name.startsWith('/') && t.lookup.status === 'missing');
      if (gone) drafts.push({ job, message: `${gone.name} no longer exists: the job fails every time; remove it if the software is gone`, data: { missing: gone.name } });
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
