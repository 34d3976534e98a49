import type { FindingDraft, Rule } from './rule.js';
import type { Severity } from '../core/types.js';
import { groupName, octal, uidOf, userFacts, userName } from '../core/facts/index.js';
import type { RuleContext } from './rule.js';

const DEBIAN_SPOOL = '/var/spool/cron/crontabs';
const RHEL_SPOOL = '/var/spool/cron';
/** not-loaded reports these (cron skips the file) with the same chown/chmod fix. */
const NOT_LOADED_CAUSES = new Set(['wrong-owner', 'insecure-mode', 'orphan', 'not-regular', 'hard-links']);

export const spoolPerms: Rule = {
  id: 'spool-perms',
  title: 'User crontab or cron spool directory with the wrong owner or mode',
  practice: 2,
  severity: 'medium',
  fixKind: 'auto',
  docs: {
    rationale:
      'crontab(1) keeps each user crontab as USER:crontab 0600 in a root:crontab 1730 spool (Debian): users can add ' +
      'their own crontab through the setgid crontab program but cannot read, replace or delete anyone else’s. Other ' +
      'owners or modes either let users tamper with each other’s jobs or make cron ignore the file.',
    bad: [
      { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n', files: { '/var/spool/cron/crontabs': { type: 'dir', mode: 0o1777, gid: 102 } } },
      { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n', files: { '/var/spool/cron/crontabs/alice': { content: '0 3 * * * /usr/bin/true\n', mode: 0o600, uid: 0, gid: 102 } } },
    ],
    good: [{ path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' }],
    references: ['crontab(1) Debian', 'cron(8) Debian: user crontabs must be 0600 and owned by their user', 'Lynis SCHD-7704'],
    remedy: 'chown USER:crontab and chmod 0600 each user crontab; root:crontab 1730 for the spool directory (root:root 0700 on RHEL).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const crontabGid = ctx.host.groups().find((g) => g.name === 'crontab')?.gid ?? null;
    const debianSpool = ctx.host.lstat(DEBIAN_SPOOL);
    const dirPath = debianSpool ? DEBIAN_SPOOL : RHEL_SPOOL;
    const dir = debianSpool ?? ctx.host.lstat(RHEL_SPOOL);
    if (dir?.type === 'dir') {
      const want = debianSpool && crontabGid !== null ? { gid: crontabGid, mode: 0o1730 } : { gid: 0, mode: 0o700 };
      if (dir.uid !== 0 || dir.gid !== want.gid || dir.mode !== want.mode) {
        // Without the sticky bit, anyone who can write the directory can rename or delete any crontab in it.
        const open = (dir.mode & 0o022) !== 0 && (dir.mode & 0o1000) === 0;
        const severity: Severity = open ? 'high' : 'medium';
        drafts.push({
          path: dirPath,
          line: null,
          severity,
          message:
            `${dirPath} is ${userName(ctx, dir.uid)}:${groupName(ctx, dir.gid)} ${octal(dir.mode)}, not root:${groupName(ctx, want.gid)} ${octal(want.mode)}` +
            (open ? ': other users can replace or delete crontabs in it' : ''),
          data: { mode: dir.mode, uid: dir.uid, gid: dir.gid, suggestedMode: want.mode, owner: 'root', group: groupName(ctx, want.gid) },
        });
      }
    }
    for (const source of ctx.inventory.sources) {
      if (source.kind !== 'user' || !source.info || source.info.type !== 'file') continue;
      if (source.notLive && NOT_LOADED_CAUSES.has(source.notLive.code)) continue;
      const user = source.crontabUser ?? source.path.slice(source.path.lastIndexOf('/') + 1);
      const uid = uidOf(ctx, user);
      const { info } = source;
      const problems: string[] = [];
      if (uid !== null && info.uid !== uid) problems.push(`owned by ${userName(ctx, info.uid)}, not ${user} (crontab -e by ${user} cannot replace it)`);
      if (info.mode !== 0o600) problems.push(`mode ${octal(info.mode)}, not 0600`);
      const wantGroup = source.path.startsWith(`${DEBIAN_SPOOL}/`) && crontabGid !== null ? crontabGid : null;
      const groupOnly = problems.length === 0 && wantGroup !== null && info.gid !== wantGroup;
      if (groupOnly) problems.push(`group ${groupName(ctx, info.gid)}, not crontab`);
      if (problems.length === 0) continue;
      drafts.push({
        path: source.path,
        line: null,
        severity: groupOnly ? 'low' : 'medium',
        message: `${source.path} is ${problems.join(', ')}`,
        // cronie's crontab(1) leaves the user's own primary group (it only fchown()s the uid).
        data: { mode: info.mode, uid: info.uid, gid: info.gid, suggestedMode: 0o600, owner: user, group: wantGroup !== null ? 'crontab' : primaryGroup(ctx, user) },
      });
    }
    return drafts;
  },
};

function primaryGroup(ctx: RuleContext, user: string): string {
  const entry = userFacts(ctx, user)?.entry;
  return entry ? groupName(ctx, entry.gid) : user;
}
