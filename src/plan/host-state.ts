// What a path looks like now, in the terms of a plan precondition and fingerprint. sha256 through
// node:crypto is pure (no I/O); every read goes through the Host, which refuses symlinks.

import { createHash } from 'node:crypto';
import type { PlanFingerprint, Precondition } from '../core/operations.js';
import type { GroupEntry, Host, PasswdEntry } from '../core/types.js';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** null when the path is something a plan must not touch (a symlink, a device, a socket). */
export function preconditionOf(host: Host, path: string): Precondition | null {
  const info = host.lstat(path);
  if (!info) return { exists: false };
  if (info.type === 'dir') return { exists: true, type: 'dir', mode: info.mode, uid: info.uid, gid: info.gid };
  if (info.type !== 'file') return null;
  return { exists: true, type: 'file', sha256: sha256(host.readFile(path)), mode: info.mode, uid: info.uid, gid: info.gid };
}

export function fingerprintOf(host: Host, path: string): PlanFingerprint {
  const info = host.lstat(path);
  if (!info) return { path, sha256: null, mode: null, uid: null, gid: null };
  const hash = info.type === 'file' ? sha256(host.readFile(path)) : null;
  return { path, sha256: hash, mode: info.mode, uid: info.uid, gid: info.gid };
}

export function userName(host: Host, uid: number): string | null {
  return firstNames(userIndex, host.users(), (u) => u.uid).get(uid) ?? null;
}

export function groupName(host: Host, gid: number): string | null {
  return firstNames(groupIndex, host.groups(), (g) => g.gid).get(gid) ?? null;
}

// id → the first entry's name, per passwd/group list (hosts read each once): a plan asks for every
// file it writes, and a host with thousands of users made each question a search of them all.
const userIndex = new WeakMap<readonly PasswdEntry[], Map<number, string>>();
const groupIndex = new WeakMap<readonly GroupEntry[], Map<number, string>>();

function firstNames<T extends { name: string }>(cache: WeakMap<readonly T[], Map<number, string>>, entries: readonly T[], id: (entry: T) => number): Map<number, string> {
  let index = cache.get(entries);
  if (!index) {
    index = new Map();
    for (const entry of entries) if (!index.has(id(entry))) index.set(id(entry), entry.name);
    cache.set(entries, index);
  }
  return index;
}

export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** Content as the plan stores it: UTF-8 text when the bytes are valid UTF-8, else base64. */
export function encodeContent(bytes: Uint8Array): { content: string; encoding: 'utf8' | 'base64' } {
  try {
    return { content: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { content: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
  }
}

export function decodeContent(content: string, encoding: 'utf8' | 'base64'): Uint8Array {
  return encoding === 'base64' ? new Uint8Array(Buffer.from(content, 'base64')) : new TextEncoder().encode(content);
}
