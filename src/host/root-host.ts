// The real Host: read-only access to a host tree mounted under a root prefix ("/" for the live
// host). Host paths go in, prefixed paths are used inside, and symlinks in parent directories are
// resolved inside the root, so a planted link can never make a scan read outside it. Sync calls
// only: a scan of 10k files must stay within its budget, with no per-file work beyond
// lstat + open + fstat + read + close.

import { accessSync, closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { HostError, type FileInfo, type GroupEntry, type Host, type PasswdEntry, type ShadowEntry } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_MAX_BYTES, notDirectory, notRegular, readFailure, tooBig } from './messages.js';
import { parseGroup, parsePasswd, parseShadow, zoneFromLocaltimeLink, zoneFromTimezoneFile } from './passwd.js';
import { byteOrder, resolveForLstat, resolveInRoot, type NodeKind, type Probe, type Resolved } from './resolve.js';

const ACCOUNT_FILE_LIMIT = 64 * 1024 * 1024;
const decoder = new TextDecoder();

function kindOf(s: Stats): NodeKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other';
}

function toInfo(s: Stats): FileInfo {
  return {
    type: kindOf(s) as FileInfo['type'],
    mode: s.mode & 0o7777,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    nlink: s.nlink,
    ino: s.ino,
    dev: s.dev,
    mtimeMs: s.mtimeMs,
  };
}

function describe(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}

/** The absolute root prefix, or a UsageError when `root` is not a directory this process can
 *  read: a scan of an unreadable root would otherwise find nothing and pass. */
export function checkRootDir(root: string): string {
  const prefix = resolve(root);
  const rootStat = statSync(prefix, { throwIfNoEntry: false });
  if (!rootStat) {
    throw new UsageError(`root directory ${root} does not exist`, 'pass --root the directory that holds the host tree (its etc/ and var/), or omit it to scan this machine');
  }
  if (!rootStat.isDirectory()) {
    throw new UsageError(`root ${root} is not a directory`, 'pass --root the directory that holds the host tree (its etc/ and var/)');
  }
  try {
    accessSync(prefix, constants.R_OK | constants.X_OK);
  } catch (error) {
    throw new UsageError(`cannot read root directory ${root} (${errnoOf(error)})`, 'run cronwarden as root, or pass a root directory this user can read');
  }
  return prefix;
}

export function rootHost(root = '/', options: { now?: Date } = {}): Host {
  const prefix = checkRootDir(root);
  const real = (canonical: string): string => (prefix === '/' ? canonical : canonical === '/' ? prefix : prefix + canonical);
  const lstatReal = (canonical: string): Stats | undefined => {
    try {
      return lstatSync(real(canonical), { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  const probe: Probe = {
    kind: (p) => {
      const s = lstatReal(p);
      return s ? kindOf(s) : null;
    },
    link: (p) => {
      try {
        return readlinkSync(real(p));
      } catch {
        return null;
      }
    },
  };
  // Parent directories repeat for every file of a scan (10k files in one cron.d): resolve each
  // once. A Host is a snapshot for one scan; apply re-checks everything itself before writing.
  const parents = new Map<string, Resolved>();
  const canonicalForLstat = (path: string): Resolved => {
    const at = path.lastIndexOf('/');
    const base = path.slice(at + 1);
    if (at < 0 || base === '' || base === '.' || base === '..') return resolveForLstat(path, probe);
    const dir = path.slice(0, at) || '/';
    let parent = parents.get(dir);
    if (!parent) {
      parent = resolveInRoot(dir, true, probe);
      if (!('error' in parent) && probe.kind(parent.path) !== 'dir') parent = { error: 'ENOTDIR' };
      parents.set(dir, parent);
    }
    if ('error' in parent) return parent;
    return { path: parent.path === '/' ? `/${base}` : `${parent.path}/${base}` };
  };
  const lookup = (path: string, follow: boolean): Stats | undefined => {
    const r = follow ? resolveInRoot(path, true, probe) : canonicalForLstat(path);
    return 'error' in r ? undefined : lstatReal(r.path);
  };

  const readFile = (path: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array => {
    const r = canonicalForLstat(path);
    if ('error' in r) throw readFailure(path, r.error);
    let fd: number;
    try {
      // O_NOFOLLOW: a link planted in place of a crontab is refused, never read through.
      // O_NONBLOCK: opening a FIFO must not hang the scan; fstat below rejects it.
      fd = openSync(real(r.path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      throw readFailure(path, errnoOf(error), (error as Error).message);
    }
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) throw notRegular(path, describe(s));
      if (s.size > maxBytes) throw tooBig(path, s.size, maxBytes);
      // Read one byte past the size seen: a file growing under us must not slip past the limit.
      const buffer = Buffer.allocUnsafe(Math.min(s.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === buffer.length) {
          if (length > maxBytes) throw tooBig(path, length, maxBytes);
          break;
        }
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    } catch (error) {
      if (error instanceof HostError) throw error;
      throw readFailure(path, errnoOf(error), (error as Error).message);
    } finally {
      closeSync(fd);
    }
  };

  // Account files may be links (into /usr/lib on some distributions): follow them, inside the root.
  const accountText = (path: string): string | null => {
    const r = resolveInRoot(path, true, probe);
    if ('error' in r) return null;
    try {
      return decoder.decode(readFile(r.path, ACCOUNT_FILE_LIMIT));
    } catch {
      return null;
    }
  };

  let users: PasswdEntry[] | undefined;
  let groups: GroupEntry[] | undefined;
  let shadow: ShadowEntry[] | null | undefined;
  let zone: string | undefined;

  return {
    root: prefix,
    lstat: (path) => {
      const s = lookup(path, false);
      return s ? toInfo(s) : null;
    },
    stat: (path) => {
      const s = lookup(path, true);
      return s ? toInfo(s) : null;
    },
    readlink: (path) => {
      const r = canonicalForLstat(path);
      if ('error' in r) return null;
      return lstatReal(r.path)?.isSymbolicLink() ? probe.link(r.path) : null;
    },
    readFile,
    readdir: (path) => {
      const r = resolveInRoot(path, true, probe);
      if ('error' in r) throw readFailure(path, r.error);
      if (probe.kind(r.path) !== 'dir') throw notDirectory(path);
      try {
        return readdirSync(real(r.path)).sort(byteOrder);
      } catch (error) {
        throw readFailure(path, errnoOf(error), (error as Error).message);
      }
    },
    users: () => (users ??= parsePasswd(accountText('/etc/passwd') ?? '')),
    groups: () => (groups ??= parseGroup(accountText('/etc/group') ?? '')),
    shadow: () => {
      if (shadow === undefined) {
        const text = accountText('/etc/shadow');
        shadow = text === null ? null : parseShadow(text);
      }
      return shadow;
    },
    timeZone: () => {
      if (zone === undefined) {
        const text = accountText('/etc/timezone');
        const link = canonicalForLstat('/etc/localtime');
        const target = 'error' in link ? null : lstatReal(link.path)?.isSymbolicLink() ? probe.link(link.path) : null;
        zone =
          (text === null ? null : zoneFromTimezoneFile(text)) ??
          (target === null ? null : zoneFromLocaltimeLink(target)) ??
          Intl.DateTimeFormat().resolvedOptions().timeZone;
      }
      return zone;
    },
    now: () => (options.now ? new Date(options.now.getTime()) : new Date()),
  };
}
