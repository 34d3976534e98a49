// One apply/rollback/recover at a time per root: <root>/var/lib/cronwarden/lock, holding the
// holder's pid and kernel start time. It is written to a private temp file first and then
// hard-linked into place (link fails if the lock exists), so a lock is never seen half-written.
// A lock whose holder is gone (killed, power cut) is stale and taken over; `recover` then finds
// the journal of what the holder left.

import { randomBytes } from 'node:crypto';

import { RefusedError } from '../core/errors.js';
import { O, type FsLayer } from './fs-layer.js';
import { readRegular, toAbs, tryLstat } from './safe-fs.js';
import { STATE_DIR } from './backup-store.js';

export const LOCK_PATH = `${STATE_DIR}/lock`;

interface Holder {
  pid: number;
  start: string | null;
  command: string;
  since: string;
}

export interface LockOptions {
  command: string;
  /** How long to wait for another holder before refusing. */
  waitMs?: number;
  pid?: number;
}

function readHolder(fs: FsLayer, abs: string): Holder | null {
  try {
    return JSON.parse(Buffer.from(readRegular(fs, abs)).toString('utf8')) as Holder;
  } catch {
    return null;
  }
}

function isStale(fs: FsLayer, holder: Holder | null, abs: string): boolean {
  if (!holder) {
    // Not written by cronwarden (ours are linked into place whole): stale once it is old enough
    // that it cannot be another tool's lock being written right now.
    const st = tryLstat(fs, abs);
    return !!st && fs.now().getTime() - st.mtimeMs > 10_000;
  }
  if (!fs.processAlive(holder.pid)) return true;
  const start = fs.processStartTime(holder.pid);
  return holder.start !== null && start !== null && start !== holder.start;
}

/** Takes the lock or throws RefusedError naming the holder; returns the release function. */
export function acquireLock(fs: FsLayer, root: string, options: LockOptions): () => void {
  const abs = toAbs(root, LOCK_PATH);
  const pid = options.pid ?? process.pid;
  const deadline = fs.now().getTime() + (options.waitMs ?? 3000);
  const holder: Holder = { pid, start: fs.processStartTime(pid), command: options.command, since: fs.now().toISOString() };
  const tmp = `${abs.slice(0, abs.lastIndexOf('/'))}/.lock-${randomBytes(8).toString('hex')}`;
  const bytes = Buffer.from(JSON.stringify(holder));
  const fd = fs.open(tmp, O.O_WRONLY | O.O_CREAT | O.O_EXCL | O.O_NOFOLLOW, 0o600);
  try {
    try {
      let offset = 0;
      while (offset < bytes.length) offset += fs.write(fd, bytes, offset, bytes.length - offset, offset);
      fs.fsync(fd);
    } finally {
      fs.close(fd);
    }
    for (;;) {
      if (tryLink(fs, tmp, abs)) return () => fs.unlink(abs);
      const current = readHolder(fs, abs);
      if (isStale(fs, current, abs)) {
        // Known narrow race: two processes breaking the same stale lock at the same instant.
        fs.unlink(abs);
        continue;
      }
      if (fs.now().getTime() >= deadline) {
        throw new RefusedError(
          `another cronwarden (pid ${current?.pid ?? 'unknown'}, \`${current?.command ?? '?'}\`, since ${current?.since ?? '?'}) is changing this host`,
          `wait for it to finish and run the command again; a lock whose process is gone is taken over by the next command (${LOCK_PATH})`,
        );
      }
      fs.sleep(100);
    }
  } finally {
    try {
      fs.unlink(tmp);
    } catch {
      // A dot-named leftover next to the lock; it is never read as the lock.
    }
  }
}

function tryLink(fs: FsLayer, from: string, to: string): boolean {
  try {
    fs.link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
