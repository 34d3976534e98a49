import type { FindingDraft, Rule } from './rule.js';
import type { Source } from '../core/types.js';
import { groupName, octal, userName, writeRisks } from '../core/facts/index.js';

export const cronFilePerms: Rule = {
  id: 'cron-file-perms',
  title: 'Cron file not owned by root:root, or writable or readable by others',
  practice: 2,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      'Whoever can edit /etc/crontab, a cron.d file or a run-parts script schedules commands as root. Debian cron ' +
      'refuses some unsafe files outright (not-loaded), but run-parts runs any script it finds and cronie is more ' +
      'lenient, so ownership and modes must be root:root and not writable by others. CIS also wants /etc/crontab ' +
      'unreadable by other users, so it does not map out what runs when.',
    bad: [
      { path: '/etc/crontab', text: 'SHELL=/bin/sh\n0 3 * * * root /usr/bin/true\n', files: { '/etc/crontab': { content: 'SHELL=/bin/sh\n0 3 * * * root /usr/bin/true\n', mode: 0o644, gid: 4 } } },
    ],
    good: [
      { path: '/etc/crontab', text: 'SHELL=/bin/sh\n0 3 * * * root /usr/bin/true\n', files: { '/etc/crontab': { content: 'SHELL=/bin/sh\n0 3 * * * root /usr/bin/true\n', mode: 0o600 } } },
      { text: '0 3 * * * root /usr/bin/true\n', note: 'a cron.d file root:root 0644' },
    ],
    references: ['CIS Debian 12 2.4.1.2 (/etc/crontab 0600 root:root)', 'Lynis SCHD-7704', 'cron(8) Debian: system crontabs must be owned by root and not group- or other-writable'],
    remedy: 'chown root:root and chmod 0644 (0600 for /etc/crontab, 0755 for run-parts scripts).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const source of ctx.inventory.sources) {
      if (source.kind !== 'system' && source.kind !== 'run-parts' && source.kind !== 'anacron') continue;
      const info = source.info;
      // Also on a file Debian's cron refuses for it (not-loaded says that): cronie loads it, and
      // the members of that group can still rewrite what runs once someone "fixes" the mode.
      if (!info || info.type !== 'file') continue;
      const script = source.kind === 'run-parts';
      // A run-parts script others can write is writable-target's (critical) finding already.
      if (script && writeRisks(ctx, { path: source.path, role: 'target', info }, 'root').length > 0) continue;
      const problems: string[] = [];
      let severity: 'medium' | 'low' = 'medium';
      if (info.uid !== 0 || info.gid !== 0) problems.push(`owned by ${userName(ctx, info.uid)}:${groupName(ctx, info.gid)}, not root:root`);
      if (info.mode & 0o022) problems.push(`writable by ${info.mode & 0o002 ? 'everyone' : `group ${groupName(ctx, info.gid)}`}`);
      if (problems.length === 0 && source.path === '/etc/crontab' && info.mode & 0o077) {
        problems.push('readable by other users (CIS 2.4.1.2 wants 0600)');
        severity = 'low';
      }
      if (problems.length === 0) continue;
      drafts.push({
        path: source.path,
        line: null,
        severity,
        message: `${source.path} is ${problems.join(' and ')} (${octal(info.mode)})`,
        data: { mode: info.mode, uid: info.uid, gid: info.gid, suggestedMode: suggestedMode(source), owner: 'root', group: 'root' },
      });
    }
    return drafts;
  },
};

function suggestedMode(source: Source): number {
  if (source.path === '/etc/crontab') return 0o600;
  return source.kind === 'run-parts' ? 0o755 : 0o644;
}
