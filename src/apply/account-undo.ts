// Undoing account changes. Shell and group changes are put back; users the apply created stay
// unless --remove-users, and even then only when nothing still refers to them (a file they own, a
// crontab, a job line naming them): deleting a user that owns files would leave the uid free for
// the next useradd to inherit them.

import { parseCrontab } from '../core/crontab.js';
import type { Operation } from '../core/operations.js';
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

/** Puts accounts back as they were, but only what this apply changed and nobody changed since
 *  (an admin's later edit to a shell or a group is theirs to keep). One line per change. */
export function undoAccounts(
  fs: FsLayer,
  root: string,
  accounts: readonly AccountEntry[],
  /** The operations that were started (an interrupted apply may not have reached them all). */
  operations: readonly Operation[],
  removeUsers: boolean,
): string[] {
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
    for (const op of operations) {
      if (op.op === 'set-shell' && op.user === acct.user) {
        if (acct.shell !== null && now.shell === op.shell && op.shell !== acct.shell) {
          runAccountTool(fs, root, 'usermod', ['--shell', acct.shell, acct.user]);
          notes.push(`restored the shell of ${acct.user} to ${acct.shell}`);
        } else if (now.shell !== op.shell) notes.push(`left the shell of ${acct.user} alone: it changed after the apply (now ${now.shell})`);
        if (op.lockPassword && !acct.locked && db.locked.has(acct.user)) {
          runAccountTool(fs, root, 'usermod', ['--unlock', acct.user]);
          notes.push(`unlocked the password of ${acct.user} again`);
        }
      }
      if (op.op === 'add-to-group' && op.user === acct.user && !acct.groups.includes(op.group)) {
        if (db.groups.some((g) => g.name === op.group && g.members.includes(acct.user))) {
          runAccountTool(fs, root, 'usermod', ['--remove', '--groups', op.group, acct.user]);
          notes.push(`removed ${acct.user} from group ${op.group} again`);
        }
      }
    }
  }
  return notes;
}
