import type { FindingDraft, Rule } from './rule.js';
import { describeRisks, groupName, octal, userName, writeRisks } from '../core/facts/index.js';

const CRON_DIRS = ['/etc/cron.d', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/etc/cron.yearly'];

export const cronDirPerms: Rule = {
  id: 'cron-dir-perms',
  title: 'Cron directory not root:root 0700',
  practice: 2,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'run-parts runs every executable in /etc/cron.daily and its siblings as root, whoever owns it: a directory others ' +
      'can write is a root shell for them. CIS also asks that the directories be readable only by root, so other users ' +
      'cannot read what runs, when, and which scripts to target.',
    bad: [{ text: '0 3 * * * root /usr/bin/true\n', files: { '/etc/cron.daily': { type: 'dir', mode: 0o777 } } }],
    good: [
      {
        text: '0 3 * * * root /usr/bin/true\n',
        files: Object.fromEntries(CRON_DIRS.slice(0, 5).map((d) => [d, { type: 'dir' as const, mode: 0o700 }])),
      },
    ],
    references: ['CIS Debian 12 2.4.1.3–2.4.1.7 (cron directories 0700 root:root)', 'Lynis SCHD-7704'],
    remedy: 'chown root:root and chmod 0700 the directory.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const dir of CRON_DIRS) {
      const info = ctx.host.lstat(dir);
      if (!info || info.type !== 'dir') continue;
      const risks = writeRisks(ctx, { path: dir, role: 'dir', info }, 'root');
      const owned = `${userName(ctx, info.uid)}:${groupName(ctx, info.gid)} ${octal(info.mode)}`;
      const data = { mode: info.mode, uid: info.uid, gid: info.gid, suggestedMode: 0o700, owner: 'root', group: 'root' };
      if (risks.length > 0) {
        const what = dir === '/etc/cron.d' ? 'plant or remove system crontabs' : 'add scripts that run-parts runs as root';
        drafts.push({ path: dir, line: null, severity: 'high', message: `${dir} is ${describeRisks(risks)} (${owned}): they can ${what}`, data });
      } else if (info.uid !== 0 || info.gid !== 0 || info.mode & 0o077) {
        drafts.push({ path: dir, line: null, message: `${dir} is ${owned}; CIS wants root:root 0700 so other users cannot read it`, data });
      }
    }
    return drafts;
  },
};
