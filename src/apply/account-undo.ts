// Undoing account changes. Shell and group changes are put back; users the apply created stay
// unless --remove-users, and even then only when nothing still refers to them (a file they own, a
// crontab, a job line naming them): deleting a user that owns files would leave the uid free for
// the next useradd to inherit them.

import { parseCrontab } from '../core/crontab.js';
import { DEBIAN_SPOOL, RHEL_SPOOL } from '../core/discover.js';
import { readAccounts, runAccountTool } from './accounts.js';
import type { AccountEntry } from './backup-store.js';
import type { FsLayer } from './fs-layer.js';
import { readRegular, toAbs, tryLstat } from './safe-fs.js';

/** Pseudo file systems of a live host: nothing there is a reference. */
const SKIP = new Set(['/proc', '/sys', '/dev', '/run']);

function ownedFile(fs: FsLayer, root: string, uid: number, gid: number): string | null {
  const stack = ['/'];
  while (stack.length) {
    const dir = stack.pop() as string;
    for (const name of fs.readdir(dir === '/' ? (root === '/' ? '/' : root) : toAbs(root, dir))) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (SKIP.has(path) || path === '/var/lib/cronwarden') continue;
      const st = tryLstat(fs, toAbs(root, path));
      if (!st) continue;
      if (st.uid === uid || st.gid === gid) return path;
      if (st.isDirectory()) stack.push(path);
    }
  }
  return null;
}

function jobNaming(fs: FsLayer, root: string, user: string): string | null {
  const files = ['/etc/crontab'];
  const cronD = toAbs(root, '/etc/cron.d');
  if (tryLstat(fs, cronD)?.isDirectory()) files.push(...fs.readdir(cronD).map((n) => `/etc/cron.d/${n}`));
  for (const path of files) {
    const st = tryLstat(fs, toAbs(root, path));
    if (!st?.isFile()) continue;
    const parsed = parseCrontab(readRegular(fs, toAbs(root, path), st), 'system');
    const line = parsed.lines.find((l) => l.job?.user === user);
    if (line) return `${path}:${line.number}`;
  }
  return null;
}

/** What still refers to `user`, or null when nothing does. */
export function referenceTo(fs: FsLayer, root: string, user: string): string | null {
  const db = readAccounts(fs, root);
  const entry = db.users.find((u) => u.name === user);
  if (!entry) return null;
  for (const spool of [`${DEBIAN_SPOOL}/${user}`, `${RHEL_SPOOL}/${user}`]) {
    if (tryLstat(fs, toAbs(root, spool))) return `its crontab ${spool}`;
  }
  const job = jobNaming(fs, root, user);
  if (job) return `a job at ${job}`;
  const file = ownedFile(fs, root, entry.uid, entry.gid);
  return file ? `${file}, which it owns` : null;
}

/** Puts accounts back; returns one line per account for the report. */
export function undoAccounts(fs: FsLayer, root: string, accounts: readonly AccountEntry[], removeUsers: boolean): string[] {
  const notes: string[] = [];
  for (const acct of [...accounts].reverse()) {
    const db = readAccounts(fs, root);
    const now = db.users.find((u) => u.name === acct.user);
    if (!now) continue;
    if (!acct.existed) {
      if (!removeUsers) {
        notes.push(`kept user ${acct.user}, which the apply created (pass --remove-users to remove it)`);
        continue;
      }
      const ref = referenceTo(fs, root, acct.user);
      if (ref) {
        notes.push(`kept user ${acct.user}: still referenced by ${ref}`);
        continue;
      }
      runAccountTool(fs, root, 'userdel', [acct.user]);
      // userdel already drops a same-named primary group left without members (USERGROUPS_ENAB).
      const group = acct.primaryGroup;
      const groupLeft = group !== null && readAccounts(fs, root).groups.some((g) => g.name === group);
      if (group !== null && !acct.groupExisted && groupLeft) runAccountTool(fs, root, 'groupdel', [group]);
      notes.push(`removed user ${acct.user}, which the apply created`);
      continue;
    }
    if (acct.shell !== null && now.shell !== acct.shell) {
      runAccountTool(fs, root, 'usermod', ['--shell', acct.shell, acct.user]);
      notes.push(`restored the shell of ${acct.user} to ${acct.shell}`);
    }
    if (!acct.locked && db.locked.has(acct.user)) {
      runAccountTool(fs, root, 'usermod', ['--unlock', acct.user]);
      notes.push(`unlocked the password of ${acct.user} again`);
    }
    for (const group of db.groups.filter((g) => g.members.includes(acct.user) && !acct.groups.includes(g.name))) {
      runAccountTool(fs, root, 'usermod', ['--remove', '--groups', group.name, acct.user]);
      notes.push(`removed ${acct.user} from group ${group.name} again`);
    }
  }
  return notes;
}
