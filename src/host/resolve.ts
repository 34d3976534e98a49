// Symlink resolution *inside* a root prefix, shared by the real and the in-memory host. A planted
// link must never lead a scan outside the root: absolute targets restart at the root, and `..`
// at the root stays at the root (as it does for a chrooted process).

import { HostError } from '../core/types.js';

export type NodeKind = 'file' | 'dir' | 'symlink' | 'other';

/** How a host looks up one canonical path (no symlinks in its parents). */
export interface Probe {
  kind(canonical: string): NodeKind | null;
  link(canonical: string): string | null;
}

export type Resolved = { path: string } | { error: 'ENOENT' | 'ENOTDIR' | 'ELOOP' };

/** Linux's own limit (MAXSYMLINKS in fs/namei.c). */
const MAX_LINKS = 40;

/** Components of an absolute host path; a relative one is a caller bug, not a host problem. */
export function splitHostPath(path: string): string[] {
  if (!path.startsWith('/')) {
    throw new HostError(`"${path}" is not an absolute host path`, path, 'EINVAL');
  }
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

export function joinCanonical(parts: readonly string[]): string {
  return `/${parts.join('/')}`;
}

/** Resolve every symlink in `path` (the last component too when followLast) without leaving the root. */
export function resolveInRoot(path: string, followLast: boolean, probe: Probe): Resolved {
  const pending = splitHostPath(path).reverse();
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === '.') continue;
    if (name === '..') {
      done.pop();
      continue;
    }
    const canonical = joinCanonical([...done, name]);
    const last = pending.length === 0;
    const kind = probe.kind(canonical);
    if (kind === null) return { error: 'ENOENT' };
    if (kind === 'symlink' && (followLast || !last)) {
      if (++links > MAX_LINKS) return { error: 'ELOOP' };
      const target = probe.link(canonical) ?? '';
      if (target === '') return { error: 'ENOENT' };
      if (target.startsWith('/')) done.length = 0;
      for (const part of target.split('/').reverse()) if (part !== '' && part !== '.') pending.push(part);
      continue;
    }
    if (!last && kind !== 'dir') return { error: 'ENOTDIR' };
    done.push(name);
  }
  return { path: joinCanonical(done) };
}

/** The canonical path lstat should look at: parents resolved inside the root, the last name kept. */
export function resolveForLstat(path: string, probe: Probe): Resolved {
  const parts = splitHostPath(path);
  const base = parts.pop();
  if (base === undefined || base === '..') return resolveInRoot(path, false, probe);
  const parent = resolveInRoot(joinCanonical(parts), true, probe);
  if ('error' in parent) return parent;
  if (probe.kind(parent.path) !== 'dir') return { error: 'ENOTDIR' };
  return { path: parent.path === '/' ? `/${base}` : `${parent.path}/${base}` };
}

/** Byte order of the UTF-8 names (code point order), as `ls` with LC_ALL=C sorts. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
