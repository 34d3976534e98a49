// System users and groups under a root prefix, written straight into the tree's passwd, group,
// shadow and gshadow in ONE locked transaction, instead of one groupadd + one useradd process per
// account (each of which locks, fsyncs and rewrites all four files: ~25 ms per account).
//
// The entries are exactly what `groupadd --system G` then `useradd --system --no-create-home
// --home-dir H --shell S --gid G U` write under --prefix (shadow-utils 4.13, Debian 12):
//   group   G:x:GID:            gshadow  G:!::         (groupadd.c new_grent/new_sgent)
//   passwd  U:x:UID:GID::H:S    shadow   U:!:DAYS::::::  (useradd.c new_pwent/new_spent with -r:
//           no aging; "!" locks the password; "!" instead of "x" in passwd when there is no shadow)
// with ids from find_new_uid.c/find_new_gid.c (system range, searched from the top down) and
// the locks and `<file>-` backups of commonio.c. Under a prefix the tools skip lckpwdf()
// (/etc/.pwd.lock is the live host's), so the `<file>.lock` hard link is the whole protocol.
// Unlike useradd --prefix, nothing outside the prefix is touched (4.13 resets the live host's
// /var/log/lastlog and faillog entries for the new uid, and flushes its nscd/sssd caches).
//
// Anything this module is not sure to do exactly as the tools would (a name outside the portable
// set, NIS "+" lines, a symlinked or hard-linked account file, login.defs values it does not parse
// the way getdef.c does, TCB) makes it decline before changing anything: the caller then runs the
// tools themselves. The live host (`--root /`) always goes through the tools.

import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { RefusedError } from '../core/errors.js';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write.js';
import { O, type FsLayer, type FsStats } from './fs-layer.js';
import { checkParents, readRegular, toAbs, tryLstat } from './safe-fs.js';

export interface NewAccount {
  name: string;
  group: string;
  home: string;
  shell: string;
}

/** Names useradd and groupadd accept on every distribution (chkname.c is laxer): no quoting or
 *  escaping question can arise in a colon-separated file. */
const PORTABLE_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const FIELD_PATH = /^\/[^:\n\r]*$/;

/** Whether this account alone could be written directly (the files may still decline). */
export function directlyWritable(account: NewAccount): boolean {
  return PORTABLE_NAME.test(account.name) && PORTABLE_NAME.test(account.group) && FIELD_PATH.test(account.home) && FIELD_PATH.test(account.shell);
}

/** In the order useradd locks them. */
export const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/gshadow', '/etc/shadow'] as const;
type AccountFile = (typeof ACCOUNT_FILES)[number];

interface Loaded {
  stats: FsStats;
  text: string;
}

/** How long another holder of a `<file>.lock` is waited for (useradd itself waits up to 15 s). */
const LOCK_WAIT_MS = 5000;

/** commonio.c do_lock_file: a private file holding our pid (NUL-terminated, as commonio writes
 *  it), hard-linked to `<file>.lock`; the link count proves the link is ours. A lock whose pid is
 *  gone is stale and replaced, as commonio does. Returns the unlock. */
function lockAccountFile(fs: FsLayer, root: string, hostPath: string): () => void {
  const abs = toAbs(root, hostPath);
  const lock = `${abs}.lock`;
  const tmp = `${posix.dirname(abs)}/${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
  const pid = Buffer.from(`${process.pid}\0`);
  const fd = fs.open(tmp, O.O_WRONLY | O.O_CREAT | O.O_EXCL | O.O_NOFOLLOW, 0o600);
  try {
    try {
      fs.write(fd, pid, 0, pid.length, 0);
      fs.fsync(fd);
    } finally {
      fs.close(fd);
    }
    const deadline = fs.now().getTime() + LOCK_WAIT_MS;
    for (;;) {
      try {
        fs.link(tmp, lock);
        if (fs.lstat(tmp).nlink !== 2) throw new RefusedError(`${hostPath}.lock is in use (unexpected link count)`, 'run the command again');
        return () => fs.unlink(lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = tryLstat(fs, lock);
      if (!held) continue;
      const text = held.isFile() ? Buffer.from(readRegular(fs, lock, held)).toString('latin1') : '';
      const holder = /^(\d+)\0?$/.exec(text)?.[1];
      if (!holder) {
        throw new RefusedError(`${hostPath}.lock exists but holds no process id, so cronwarden cannot tell whether another tool is changing the accounts`, `check that no useradd, vipw or passwd is running, then remove ${hostPath}.lock under the root`);
      }
      if (!fs.processAlive(Number(holder))) {
        fs.unlink(lock);
        continue;
      }
      if (fs.now().getTime() >= deadline) {
        throw new RefusedError(`${hostPath} is locked by process ${holder} (${hostPath}.lock), which is still running`, 'wait for it (useradd, vipw, passwd …) to finish, then run the command again');
      }
      fs.sleep(100);
    }
  } finally {
    try {
      fs.unlink(tmp);
    } catch {
      // Dot-named in /etc: nothing reads it, and `recover` sweeps it.
    }
  }
}

/** Reads one account file under its lock; null when absent, undefined when it is not a plain
 *  regular file with one link (the tools would write through a symlink: leave that to them). */
function load(fs: FsLayer, root: string, hostPath: string, withBackup = true): Loaded | null | undefined {
  for (const path of withBackup ? [hostPath, `${hostPath}-`] : [hostPath]) {
    const st = tryLstat(fs, toAbs(root, path));
    if (st && (!st.isFile() || st.nlink !== 1)) return undefined;
  }
  const stats = tryLstat(fs, toAbs(root, hostPath));
  if (!stats) return null;
  return { stats, text: Buffer.from(readRegular(fs, toAbs(root, hostPath), stats)).toString('utf8') };
}

interface Ranges {
  uid: [number, number];
  gid: [number, number];
}

/** The system id ranges of getdef.c/find_new_uid.c get_ranges, or null when login.defs says
 *  something this module does not read exactly as getdef.c would (strtoul base 0, TCB). */
function systemRanges(fs: FsLayer, root: string): Ranges | null {
  const loaded = load(fs, root, '/etc/login.defs', false);
  if (loaded === undefined) return null;
  const defs = new Map<string, string>();
  for (const raw of (loaded?.text ?? '').split('\n')) {
    const [name, value] = raw.trim().split(/\s+/);
    if (!name || name.startsWith('#')) continue;
    defs.set(name, (value ?? '').replace(/^"(.*)"$/, '$1'));
  }
  if (/^yes$/i.test(defs.get('USE_TCB') ?? '')) return null;
  const num = (key: string, fallback: number): number | null => {
    const value = defs.get(key);
    if (value === undefined) return fallback;
    return /^(0|[1-9]\d{0,9})$/.test(value) ? Number(value) : null;
  };
  const range = (kind: 'UID' | 'GID'): [number, number] | null => {
    const min = num(`SYS_${kind}_MIN`, 101);
    const userMin = num(`${kind}_MIN`, 1000);
    if (min === null || userMin === null) return null;
    const max = num(`SYS_${kind}_MAX`, userMin - 1);
    if (max === null || max < min) return null;
    return [Math.max(min, 1), max];
  };
  const uid = range('UID');
  const gid = range('GID');
  return uid && gid ? { uid, gid } : null;
}

/** find_new_uid.c for a system account: below the lowest id in use in the range (a deleted
 *  account's id is not handed out while fresh ones remain), else the highest free one. */
export function newSystemId(used: ReadonlySet<number>, [min, max]: [number, number]): number | null {
  let lowest = max;
  for (const id of used) if (id >= min && id <= lowest) lowest = id - 1;
  if (lowest < min) lowest = max;
  for (let id = lowest; id >= min; id--) if (!used.has(id)) return id;
  for (let id = max; id > lowest; id--) if (!used.has(id)) return id;
  return null;
}

const entries = (text: string): string[][] => text.split('\n').filter((l) => l !== '').map((l) => l.split(':'));

const ids = (text: string): Set<number> => new Set(entries(text).flatMap((f) => (/^\d+$/.test(f[2] ?? '') ? [Number(f[2])] : [])));

/** commonio.c rewrites every line and ends the last one with a newline; new entries go last. */
const appended = (text: string, lines: string[]): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`) + lines.map((l) => `${l}\n`).join('');

/**
 * Adds the accounts (in order) in one transaction. Returns false, having changed nothing, when
 * the tree is one the tools should handle themselves. `beforeChange` runs under the locks, just
 * before the first write (the journal records the operations as started there).
 */
export function addSystemAccounts(fs: FsLayer, root: string, accounts: readonly NewAccount[], beforeChange: () => void): boolean {
  if (root === '/' || accounts.length === 0 || !accounts.every(directlyWritable)) return false;
  try {
    // Lock files and temp files go into /etc: only through a directory no one else can swap.
    checkParents(fs, root, '/etc/passwd');
  } catch (error) {
    if (error instanceof RefusedError) return false;
    throw error;
  }
  const unlocks: Array<() => void> = [];
  try {
    const loaded = new Map<AccountFile, Loaded | null>();
    for (const file of ACCOUNT_FILES) {
      const present = tryLstat(fs, toAbs(root, file));
      // Like the tools: passwd and group are locked always, the shadow files only when present.
      if (present || file === '/etc/passwd' || file === '/etc/group') unlocks.push(lockAccountFile(fs, root, file));
      const content = load(fs, root, file);
      if (content === undefined) return false;
      loaded.set(file, content);
    }
    const ranges = systemRanges(fs, root);
    const text = (file: AccountFile): string => loaded.get(file)?.text ?? '';
    if (!ranges || !loaded.get('/etc/passwd') || !loaded.get('/etc/group')) return false;
    if ([text('/etc/passwd'), text('/etc/group')].some((t) => /^[+-]/m.test(t))) return false;

    const users = new Map(entries(text('/etc/passwd')).map((f) => [f[0], f]));
    const groups = new Map(entries(text('/etc/group')).map((f) => [f[0], f]));
    const usedUids = ids(text('/etc/passwd'));
    const usedGids = ids(text('/etc/group'));
    const add: Record<AccountFile, string[]> = { '/etc/passwd': [], '/etc/group': [], '/etc/gshadow': [], '/etc/shadow': [] };
    const shadowed = loaded.get('/etc/shadow') !== null;
    const days = Math.floor(fs.now().getTime() / 86_400_000);
    for (const account of accounts) {
      if (users.has(account.name)) {
        throw new RefusedError(`user ${account.name} already exists under ${root} (added since the plan was checked)`, 'make a new plan for this host');
      }
      let gid = Number(groups.get(account.group)?.[2]);
      if (!groups.has(account.group)) {
        const fresh = newSystemId(usedGids, ranges.gid);
        if (fresh === null) return false;
        gid = fresh;
        usedGids.add(gid);
        groups.set(account.group, [account.group, 'x', String(gid), '']);
        add['/etc/group'].push(`${account.group}:x:${gid}:`);
        if (loaded.get('/etc/gshadow')) add['/etc/gshadow'].push(`${account.group}:!::`);
      }
      if (!Number.isInteger(gid)) return false;
      const uid = newSystemId(usedUids, ranges.uid);
      if (uid === null) return false;
      usedUids.add(uid);
      users.set(account.name, [account.name]);
      add['/etc/passwd'].push(`${account.name}:${shadowed ? 'x' : '!'}:${uid}:${gid}::${account.home}:${account.shell}`);
      if (shadowed) add['/etc/shadow'].push(`${account.name}:!:${days > 0 ? days : ''}::::::`);
    }

    beforeChange();
    // A user shows up in passwd only once its group and its locked shadow entry are in place, so
    // a crash between two files never leaves a user that is missing either.
    for (const file of ['/etc/group', '/etc/gshadow', '/etc/shadow', '/etc/passwd'] as const) {
      const current = loaded.get(file);
      if (!current || add[file].length === 0) continue;
      const { stats } = current;
      // commonio.c: `<file>-` holds the previous version, both with the owner of the original and
      // its mode masked with 0664.
      const meta = { mode: stats.mode & 0o664, uid: stats.uid, gid: stats.gid };
      const backup = `${file}-`;
      writeFileAtomic(fs, { root, path: backup, bytes: Buffer.from(current.text), ...meta, expect: tryLstat(fs, toAbs(root, backup)) });
      writeFileAtomic(fs, { root, path: file, bytes: Buffer.from(appended(current.text, add[file])), ...meta, expect: stats });
    }
    return true;
  } finally {
    for (const unlock of unlocks.reverse()) {
      try {
        unlock();
      } catch {
        // As in commonio.c, which ignores this too: the link names our pid, so useradd and the
        // others take it over as stale once this process has exited.
      }
    }
  }
}
