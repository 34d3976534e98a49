// One apply/rollback/recover at a time per root: <root>/var/lib/cronwarden/lock, created with
// O_EXCL and holding the holder's pid and kernel start time. A lock whose holder is gone (killed,
// power cut) is stale and taken over; `recover` then finds the journal of what the holder left.

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
    // Unreadable or torn: stale only once it is old enough that no live writer is mid-write.
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
  for (;;) {
    let fd: number | null = null;
    try {
      fd = fs.open(abs, O.O_WRONLY | O.O_CREAT | O.O_EXCL | O.O_NOFOLLOW, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== null) {
      const holder: Holder = { pid, start: fs.processStartTime(pid), command: options.command, since: fs.now().toISOString() };
      const bytes = Buffer.from(JSON.stringify(holder));
      try {
        fs.write(fd, bytes, 0, bytes.length, 0);
        fs.fsync(fd);
      } finally {
        fs.close(fd);
      }
      return () => fs.unlink(abs);
    }
    const holder = readHolder(fs, abs);
    if (isStale(fs, holder, abs)) {
      // Known narrow race: two processes breaking the same stale lock at the same instant.
      fs.unlink(abs);
      continue;
    }
    if (fs.now().getTime() >= deadline) {
      throw new RefusedError(
        `another cronwarden (pid ${holder?.pid ?? 'unknown'}, \`${holder?.command ?? '?'}\`, since ${holder?.since ?? '?'}) is changing this host`,
        `wait for it to finish; if that process is gone, run the command again (its lock is then stale: ${LOCK_PATH})`,
      );
    }
    fs.sleep(100);
  }
}
