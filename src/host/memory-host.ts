// The Host interface over an in-memory TreeSpec: the same semantics as rootHost (symlinks resolved
// inside the root, reads that refuse links, non-files and oversized files), so core and rule tests
// run without a disk. Build the same tree on disk with writeTree when a test needs the real thing.

import type { FileInfo, GroupEntry, Host, PasswdEntry, ShadowEntry } from '../core/types.js';
import type { TreeNode, TreeSpec } from './tree-spec.js';
import { DEFAULT_MAX_BYTES, notDirectory, notRegular, readFailure, tooBig } from './messages.js';
import { parseGroup, parsePasswd, parseShadow, zoneFromLocaltimeLink, zoneFromTimezoneFile } from './passwd.js';
import { byteOrder, joinCanonical, resolveForLstat, resolveInRoot, splitHostPath, type Probe } from './resolve.js';

interface MemNode {
  type: 'file' | 'dir' | 'symlink';
  content: Uint8Array;
  target: string;
  mode: number;
  uid: number;
  gid: number;
  ino: number;
  nlink: number;
}

export const MEMORY_HOST_NOW = new Date('2026-11-25T12:00:00Z');

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Normalise a spec key lexically: the spec describes the tree itself, so no link is involved. */
function specPath(key: string): string {
  const parts: string[] = [];
  for (const part of splitHostPath(key)) {
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return joinCanonical(parts);
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

export function memoryHost(spec: TreeSpec, options: { now?: Date; timeZone?: string } = {}): Host {
  const nodes = new Map<string, MemNode>();
  const children = new Map<string, Set<string>>();
  let nextIno = 2;

  const makeNode = (n: TreeNode): MemNode => {
    const type = n.type ?? (n.target !== undefined ? 'symlink' : n.content !== undefined ? 'file' : 'dir');
    const content = typeof n.content === 'string' ? encoder.encode(n.content) : (n.content ?? new Uint8Array());
    const target = n.target ?? '';
    const defaultMode = type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644;
    const mode = type === 'symlink' ? 0o777 : (n.mode ?? defaultMode) & 0o7777;
    return { type, content, target, mode, uid: n.uid ?? 0, gid: n.gid ?? 0, ino: nextIno++, nlink: 1 };
  };

  const place = (path: string, node: MemNode): void => {
    if (path === '/') {
      nodes.set('/', node);
      return;
    }
    ensureDir(parentOf(path));
    nodes.set(path, node);
    children.get(parentOf(path))!.add(path.slice(path.lastIndexOf('/') + 1));
  };

  const ensureDir = (path: string): void => {
    const existing = nodes.get(path);
    if (!existing) place(path, makeNode({ type: 'dir' }));
    else if (existing.type !== 'dir') throw new Error(`tree spec: ${path} is a ${existing.type} but other entries are listed under it`);
    if (!children.has(path)) children.set(path, new Set());
  };

  ensureDir('/');
  // Explicit directories first, so an implied parent never shadows a listed one's owner or mode.
  const entries = Object.entries(spec).map(([key, value]) => [specPath(key), typeof value === 'string' ? { content: value } : value] as const);
  entries.sort(([a], [b]) => a.split('/').length - b.split('/').length);
  for (const [path, def] of entries) {
    const node = makeNode(def);
    place(path, node);
    if (node.type === 'dir' && !children.has(path)) children.set(path, new Set());
    for (const link of def.hardLinks ?? []) {
      place(specPath(link), node);
      node.nlink++;
    }
  }
  for (const [path, node] of nodes) {
    if (node.type === 'dir') node.nlink = 2 + [...children.get(path)!].filter((c) => nodes.get(joinCanonical([...splitHostPath(path), c]))?.type === 'dir').length;
  }

  const probe: Probe = {
    kind: (p) => nodes.get(p)?.type ?? null,
    link: (p) => {
      const n = nodes.get(p);
      return n?.type === 'symlink' ? n.target : null;
    },
  };
  const mtimeMs = (options.now ?? MEMORY_HOST_NOW).getTime();
  const info = (n: MemNode): FileInfo => ({
    type: n.type,
    mode: n.mode,
    uid: n.uid,
    gid: n.gid,
    size: n.type === 'symlink' ? encoder.encode(n.target).length : n.type === 'dir' ? 4096 : n.content.length,
    nlink: n.nlink,
    ino: n.ino,
    dev: 1,
    mtimeMs,
  });
  const lookup = (path: string, follow: boolean): MemNode | null => {
    const r = follow ? resolveInRoot(path, true, probe) : resolveForLstat(path, probe);
    return 'error' in r ? null : (nodes.get(r.path) ?? null);
  };
  // Account files may be links (into /usr/lib on some distributions): follow them, inside the root.
  const text = (path: string): string | null => {
    const n = lookup(path, true);
    return n?.type === 'file' ? decoder.decode(n.content) : null;
  };

  let users: PasswdEntry[] | undefined;
  let groups: GroupEntry[] | undefined;
  let shadow: ShadowEntry[] | null | undefined;

  return {
    root: '/',
    lstat: (path) => {
      const n = lookup(path, false);
      return n ? info(n) : null;
    },
    stat: (path) => {
      const n = lookup(path, true);
      return n ? info(n) : null;
    },
    readlink: (path) => {
      const n = lookup(path, false);
      return n?.type === 'symlink' ? n.target : null;
    },
    readFile: (path, maxBytes = DEFAULT_MAX_BYTES) => {
      const r = resolveForLstat(path, probe);
      if ('error' in r) throw readFailure(path, r.error);
      const n = nodes.get(r.path);
      if (!n) throw readFailure(path, 'ENOENT');
      // O_NOFOLLOW on the last component: a link is refused, never read through.
      if (n.type === 'symlink') throw readFailure(path, 'ELOOP');
      if (n.type === 'dir') throw notRegular(path, 'a directory');
      if (n.content.length > maxBytes) throw tooBig(path, n.content.length, maxBytes);
      return n.content.slice();
    },
    readdir: (path) => {
      const r = resolveInRoot(path, true, probe);
      if ('error' in r) throw readFailure(path, r.error);
      const names = children.get(r.path);
      if (!names) throw notDirectory(path);
      return [...names].sort(byteOrder);
    },
    users: () => (users ??= parsePasswd(text('/etc/passwd') ?? '')),
    groups: () => (groups ??= parseGroup(text('/etc/group') ?? '')),
    shadow: () => {
      if (shadow === undefined) {
        const t = text('/etc/shadow');
        shadow = t === null ? null : parseShadow(t);
      }
      return shadow;
    },
    timeZone: () => {
      if (options.timeZone) return options.timeZone;
      const tz = text('/etc/timezone');
      const fromFile = tz === null ? null : zoneFromTimezoneFile(tz);
      if (fromFile) return fromFile;
      const link = lookup('/etc/localtime', false);
      return (link?.type === 'symlink' ? zoneFromLocaltimeLink(link.target) : null) ?? 'UTC';
    },
    now: () => new Date((options.now ?? MEMORY_HOST_NOW).getTime()),
  };
}
