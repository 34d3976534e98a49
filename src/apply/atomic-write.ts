// The one writer for every file cronwarden changes (DESIGN §6).
//
// Not the npm `write-file-atomic` package: its temp names are predictable (pid + counter, an
// attacker who can write the directory can pre-create them), it does not create them exclusively
// or refuse symlinks, and it never fsyncs the directory, so a power cut after rename can bring the
// old file back — or leave none. Here: a dot-prefixed random temp name (Debian cron and run-parts
// skip dotted names, so a leftover is never loaded), O_CREAT|O_EXCL|O_NOFOLLOW, a full write loop,
// fsync, owner and mode set on the open descriptor, rename over the target, fsync of the directory.

import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { RefusedError } from '../core/errors.js';
import { O, type FsLayer, type FsStats } from './fs-layer.js';
import { checkParents, toAbs, tryLstat } from './safe-fs.js';

export const TEMP_PREFIX = '.cronwarden-';
export const TEMP_NAME = /^\.cronwarden-[0-9a-f]{16}$/;

/** Fails unless the path is still exactly what was inspected: the same inode, not a symlink, one
 *  link (a hard link elsewhere would let the write or chmod reach a file nobody reviewed). */
export function verifyIdentity(fs: FsLayer, abs: string, hostPath: string, expect: FsStats | null): void {
  const now = tryLstat(fs, abs);
  if (!expect) {
    if (now) throw new RefusedError(`${hostPath} appeared while cronwarden was working`, 'find out who created it, then run the command again');
    return;
  }
  if (!now) throw new RefusedError(`${hostPath} vanished while cronwarden was working`, 'find out who removed it, then run the command again');
  if (now.isSymbolicLink()) throw new RefusedError(`${hostPath} was replaced by a symlink`, 'someone is tampering with this path: investigate before anything else');
  if (now.ino !== expect.ino || now.dev !== expect.dev) {
    throw new RefusedError(`${hostPath} was replaced by another file while cronwarden was working`, 'run the command again after checking who changed it');
  }
  if (now.isFile() && now.nlink !== 1) {
    throw new RefusedError(`${hostPath} has ${now.nlink} hard links: changing it would change another path nobody reviewed`, `remove the other links to ${hostPath} first`);
  }
}

export function fsyncDir(fs: FsLayer, abs: string): void {
  const fd = fs.open(abs, O.O_RDONLY | O.O_DIRECTORY | O.O_NOFOLLOW);
  try {
    fs.fsync(fd);
  } finally {
    fs.close(fd);
  }
}

/** A modification time cron will see as new: it compares whole seconds with the time it last
 *  loaded the file (Debian database.c), so two writes within one second must still differ. */
function freshMtime(fs: FsLayer, previous: FsStats | null): Date {
  const now = fs.now();
  if (!previous) return now;
  const floor = (Math.floor(previous.mtimeMs / 1000) + 1) * 1000;
  return now.getTime() >= floor ? now : new Date(floor);
}

export interface WriteRequest {
  root: string;
  path: string;
  bytes: Uint8Array;
  mode: number;
  uid: number;
  gid: number;
  /** lstat of the file that was inspected, or null when it must not exist. */
  expect: FsStats | null;
  /** When given, the directory is added here instead of fsynced at once: the caller fsyncs it
   *  before anything else that must survive a power cut is recorded (live-effects.ts). */
  unsyncedDirs?: Set<string>;
}

export function writeFileAtomic(fs: FsLayer, req: WriteRequest): void {
  const abs = toAbs(req.root, req.path);
  const dir = posix.dirname(abs);
  checkParents(fs, req.root, req.path);
  verifyIdentity(fs, abs, req.path, req.expect);
  const tmp = `${dir}/${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
  const fd = fs.open(tmp, O.O_WRONLY | O.O_CREAT | O.O_EXCL | O.O_NOFOLLOW, 0o600);
  let renamed = false;
  try {
    try {
      let offset = 0;
      while (offset < req.bytes.length) offset += fs.write(fd, req.bytes, offset, req.bytes.length - offset, offset);
      // chown before chmod: chown clears set-id bits the mode may ask for.
      fs.fchown(fd, req.uid, req.gid);
      fs.fchmod(fd, req.mode);
      const mtime = freshMtime(fs, req.expect);
      fs.futimes(fd, mtime, mtime);
      fs.fsync(fd);
    } finally {
      fs.close(fd);
    }
    verifyIdentity(fs, abs, req.path, req.expect);
    fs.rename(tmp, abs);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        fs.unlink(tmp);
      } catch {
        // The temp name starts with a dot, so cron never loads it; `recover` removes leftovers.
      }
    }
  }
  if (req.unsyncedDirs) req.unsyncedDirs.add(dir);
  else fsyncDir(fs, dir);
}

/** New root-owned files in a directory only cronwarden can see yet (a backup's staging
 *  directory, renamed into place once complete): each created exclusively and written fully,
 *  then all fsynced together (one journal commit instead of one per file, on ext4). No temp names
 *  and no renames are needed there; the caller fsyncs the directory once at the end. */
export async function writeNewFiles(fs: FsLayer, files: ReadonlyMap<string, Uint8Array>, mode: number): Promise<void> {
  const all = [...files];
  // A few at a time: a plan may back up thousands of files, more than a process may hold open.
  for (let start = 0; start < all.length; start += NEW_FILES_AT_ONCE) {
    const fds: number[] = [];
    try {
      for (const [abs, bytes] of all.slice(start, start + NEW_FILES_AT_ONCE)) {
        const fd = fs.open(abs, O.O_WRONLY | O.O_CREAT | O.O_EXCL | O.O_NOFOLLOW, 0o600);
        fds.push(fd);
        let offset = 0;
        while (offset < bytes.length) offset += fs.write(fd, bytes, offset, bytes.length - offset, offset);
        fs.fchown(fd, 0, 0);
        fs.fchmod(fd, mode);
      }
      await fs.fsyncAll(fds);
    } finally {
      for (const fd of fds) fs.close(fd);
    }
  }
}

const NEW_FILES_AT_ONCE = 64;

/** chmod/chown through a descriptor, after checking it is still the inspected file: a path-based
 *  chmod would follow a symlink swapped in since the check. */
export function setModeOwner(
  fs: FsLayer,
  root: string,
  hostPath: string,
  expect: FsStats,
  change: { mode?: number; uid?: number; gid?: number },
): void {
  const abs = toAbs(root, hostPath);
  checkParents(fs, root, hostPath);
  verifyIdentity(fs, abs, hostPath, expect);
  const fd = fs.open(abs, O.O_RDONLY | O.O_NOFOLLOW | O.O_NONBLOCK | (expect.isDirectory() ? O.O_DIRECTORY : 0));
  try {
    const st = fs.fstat(fd);
    if (st.ino !== expect.ino || st.dev !== expect.dev) {
      throw new RefusedError(`${hostPath} was replaced while cronwarden was changing it`, 'run the command again');
    }
    if (change.uid !== undefined || change.gid !== undefined) fs.fchown(fd, change.uid ?? st.uid, change.gid ?? st.gid);
    if (change.mode !== undefined) fs.fchmod(fd, change.mode);
    fs.fsync(fd);
  } finally {
    fs.close(fd);
  }
}

export function removeFile(fs: FsLayer, root: string, hostPath: string, expect: FsStats): void {
  const abs = toAbs(root, hostPath);
  checkParents(fs, root, hostPath);
  verifyIdentity(fs, abs, hostPath, expect);
  fs.unlink(abs);
  fsyncDir(fs, posix.dirname(abs));
}

/** Creates a directory whole: made under a dot-named temp name, given its owner and mode through
 *  a descriptor, then renamed into place, so no one ever sees it with an interim owner or mode. */
export function makeDir(fs: FsLayer, root: string, hostPath: string, mode: number, uid: number, gid: number): void {
  const abs = toAbs(root, hostPath);
  const parent = posix.dirname(hostPath);
  checkParents(fs, root, hostPath);
  verifyIdentity(fs, abs, hostPath, null);
  const tmpName = `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
  const tmpHost = `${parent === '/' ? '' : parent}/${tmpName}`;
  const tmp = toAbs(root, tmpHost);
  fs.mkdir(tmp, 0o700);
  let renamed = false;
  try {
    setModeOwner(fs, root, tmpHost, fs.lstat(tmp), { uid, gid, mode });
    verifyIdentity(fs, abs, hostPath, null);
    fs.rename(tmp, abs);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        fs.rmdir(tmp);
      } catch {
        // Dot-named, so cron never reads it; `recover` removes leftovers.
      }
    }
  }
  fsyncDir(fs, posix.dirname(abs));
}

export function removeDir(fs: FsLayer, root: string, hostPath: string, expect: FsStats): void {
  const abs = toAbs(root, hostPath);
  checkParents(fs, root, hostPath);
  verifyIdentity(fs, abs, hostPath, expect);
  fs.rmdir(abs);
  fsyncDir(fs, posix.dirname(abs));
}

/**
 * Makes the daemon reread a crontab whose mode or owner changed (content changes get a fresh
 * mtime from the writer). Debian's cron (database.c load_database) rereads /etc/crontab only when
 * its mtime changes, and rescans /etc/cron.d or the spool only when the directory's mtime changes
 * — for files it already loaded it also checks their mtimes, but a file it refused before (say,
 * group-writable) is in no list, so only a directory change brings it in. So: fresh mtime on the
 * file, and on its directory, which is also what crontab(1) does (Vixie crontab.c poke_daemon).
 */
export function makeCronNotice(fs: FsLayer, root: string, hostPath: string, cronDir: string | null, touchFile: boolean): void {
  const abs = toAbs(root, hostPath);
  const st = touchFile ? tryLstat(fs, abs) : null;
  if (st?.isFile()) {
    const fd = fs.open(abs, O.O_RDONLY | O.O_NOFOLLOW | O.O_NONBLOCK);
    try {
      const mtime = freshMtime(fs, st);
      fs.futimes(fd, mtime, mtime);
    } finally {
      fs.close(fd);
    }
  }
  const dir = cronDir ? toAbs(root, cronDir) : null;
  if (!dir || !tryLstat(fs, dir)?.isDirectory()) return;
  const fd = fs.open(dir, O.O_RDONLY | O.O_DIRECTORY | O.O_NOFOLLOW);
  try {
    const now = fs.now();
    fs.futimes(fd, now, now);
  } finally {
    fs.close(fd);
  }
}
