// Path mapping and careful reads for apply/rollback. Every check here is about one threat: a
// planted symlink or hard link, or a directory someone else can write, turning a root-run write
// into a write somewhere else.

import { posix } from 'node:path';
import { RefusedError, UsageError } from '../core/errors.js';
import { sha256 } from '../plan/host-state.js';
import { O, type FsLayer, type FsStats } from './fs-layer.js';

export type NodeType = 'file' | 'dir' | 'symlink' | 'other';

/** What a path looks like, in the terms rollback restores and compares. */
export type PathState =
  | { exists: false }
  | { exists: true; type: NodeType; sha256: string | null; mode: number; uid: number; gid: number };

export interface Inspected {
  state: PathState;
  stats: FsStats | null;
}

/** Maps a host path ("/etc/cron.d/x") under the root prefix. Refuses anything not normalised, so
 *  "..", "//" or a trailing slash can never walk out of the prefix. */
export function toAbs(root: string, hostPath: string): string {
  if (!hostPath.startsWith('/') || posix.normalize(hostPath) !== hostPath || hostPath === '/' || hostPath.endsWith('/')) {
    throw new UsageError(`plan names an unusable path ${JSON.stringify(hostPath)}`, 'paths in a plan are absolute and normalised; make a new plan');
  }
  return root === '/' ? hostPath : `${root.replace(/\/+$/, '')}${hostPath}`;
}

export function nodeType(st: FsStats): NodeType {
  return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
}

export function tryLstat(fs: FsLayer, abs: string): FsStats | null {
  try {
    return fs.lstat(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Reads a regular file through a descriptor opened without following symlinks; `expect` (from an
 *  earlier lstat) must still be the same inode, so a file swapped in between is noticed. */
export function readRegular(fs: FsLayer, abs: string, expect?: FsStats): Uint8Array {
  const fd = fs.open(abs, O.O_RDONLY | O.O_NOFOLLOW | O.O_NONBLOCK);
  try {
    const st = fs.fstat(fd);
    if (!st.isFile()) throw new RefusedError(`${abs} is not a regular file`, 'inspect it by hand');
    if (expect && (st.ino !== expect.ino || st.dev !== expect.dev)) {
      throw new RefusedError(`${abs} was replaced while cronwarden was reading it`, 'run the command again');
    }
    const chunks: Uint8Array[] = [];
    let position = 0;
    for (;;) {
      const buffer = new Uint8Array(64 * 1024);
      const n = fs.read(fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      position += n;
    }
    return Buffer.concat(chunks);
  } finally {
    fs.close(fd);
  }
}

export function inspect(fs: FsLayer, abs: string): Inspected {
  const st = tryLstat(fs, abs);
  if (!st) return { state: { exists: false }, stats: null };
  const type = nodeType(st);
  const digest = type === 'file' ? sha256(readRegular(fs, abs, st)) : null;
  return { state: { exists: true, type, sha256: digest, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }, stats: st };
}

export function sameState(a: PathState, b: PathState): boolean {
  if (!a.exists || !b.exists) return a.exists === b.exists;
  return a.type === b.type && a.sha256 === b.sha256 && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
}

export function describeState(s: PathState): string {
  if (!s.exists) return 'absent';
  const mode = s.mode.toString(8).padStart(4, '0');
  return `${s.type} ${mode} uid ${s.uid} gid ${s.gid}${s.sha256 ? ` sha256 ${s.sha256.slice(0, 12)}` : ''}`;
}

/** Directory owners and modes the plan itself sets before a later operation writes inside them
 *  (its own chmod of a world-writable directory, or a directory it creates). */
export type DirOverlay = Map<string, { mode: number; uid: number }>;

/**
 * Every directory from the root prefix down to the parent of `hostPath` must be a real directory
 * (not a symlink), owned by root and not writable by others: otherwise another user could swap a
 * path component between our check and our rename and steer a root-owned write anywhere.
 * Group write is allowed: Debian's spool dir is root:crontab 1730 by design.
 */
export function checkParents(fs: FsLayer, root: string, hostPath: string, overlay?: DirOverlay): void {
  const parts = hostPath.split('/').filter(Boolean).slice(0, -1);
  for (let i = 0; i <= parts.length; i++) {
    const hostDir = `/${parts.slice(0, i).join('/')}`;
    const abs = i === 0 ? (root === '/' ? '/' : root.replace(/\/+$/, '')) : toAbs(root, hostDir);
    const known = overlay?.get(hostDir);
    const st = tryLstat(fs, abs);
    if (!st && known) continue;
    if (!st) throw new RefusedError(`${hostDir} does not exist, so ${hostPath} cannot be written`, 'make a new plan for this host');
    if (st.isSymbolicLink() || !st.isDirectory()) {
      throw new RefusedError(
        `${hostDir} is ${st.isSymbolicLink() ? 'a symlink' : 'not a directory'}: writing ${hostPath} through it could land outside the reviewed path`,
        `inspect ${hostDir}; cronwarden only writes through real, root-owned directories`,
      );
    }
    const uid = known?.uid ?? st.uid;
    const mode = known?.mode ?? st.mode & 0o7777;
    if (uid !== 0 || mode & 0o002) {
      throw new RefusedError(
        `${hostDir} is ${uid !== 0 ? `owned by uid ${uid}` : 'writable by everyone'}: another user could replace ${hostPath} behind cronwarden's back`,
        `fix ${hostDir} first (chown root, chmod o-w); \`cronwarden plan\` proposes that fix`,
      );
    }
  }
}
