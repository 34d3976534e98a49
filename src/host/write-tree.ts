// Builds a TreeSpec on disk under `dir` with exact owners and modes (we run as root), so host,
// apply and CLI tests work on the same fixtures as the in-memory host. Modes are set with chmod
// after creation (umask-proof) and after chown (chown clears set-id bits).

import { chmodSync, chownSync, lchownSync, lstatSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TreeNode, TreeSpec } from './tree-spec.js';

function onDisk(dir: string, hostPath: string): string {
  if (!hostPath.startsWith('/') || hostPath.split('/').includes('..')) {
    throw new Error(`tree spec path "${hostPath}" must be absolute and must not contain ".."`);
  }
  return join(dir, hostPath);
}

function kindOf(n: TreeNode): 'file' | 'dir' | 'symlink' {
  return n.type ?? (n.target !== undefined ? 'symlink' : n.content !== undefined ? 'file' : 'dir');
}

/** mkdir -p, but every directory it creates gets root:root 0755 whatever the umask. */
function ensureDirs(dir: string, hostDir: string): void {
  let current = dir;
  for (const part of hostDir.split('/').filter((p) => p !== '')) {
    current = join(current, part);
    const existing = lstatSync(current, { throwIfNoEntry: false });
    if (existing?.isDirectory()) continue;
    // Never write through a link: a spec listing files under a symlinked directory is a test bug.
    if (existing) throw new Error(`tree spec: ${current} exists and is not a directory`);
    mkdirSync(current);
    chmodSync(current, 0o755);
  }
}

export function writeTree(dir: string, spec: TreeSpec): void {
  // `dir` becomes the host's "/": root:root 0755 like a real one (a mkdtemp dir is 0700, which would
  // read as "nobody but root can reach any program"), unless the spec says otherwise.
  const entries = Object.entries({ '/': { type: 'dir', mode: 0o755 } as TreeNode, ...spec })
    .map(([path, value]) => [path, typeof value === 'string' ? { content: value } : value] as const)
    .sort(([a], [b]) => a.split('/').length - b.split('/').length);
  const dirModes: Array<[string, TreeNode]> = [];
  // Directories first (explicit ones keep their owner and mode), then files and links inside them.
  for (const [path, node] of entries) {
    if (kindOf(node) !== 'dir') continue;
    const target = onDisk(dir, path);
    ensureDirs(dir, path);
    dirModes.push([target, node]);
  }
  for (const [path, node] of entries) {
    const kind = kindOf(node);
    if (kind === 'dir') continue;
    const target = onDisk(dir, path);
    ensureDirs(dir, dirname(path));
    if (kind === 'symlink') {
      symlinkSync(node.target ?? '', target);
      lchownSync(target, node.uid ?? 0, node.gid ?? 0);
      continue;
    }
    writeFileSync(target, node.content ?? '', { flag: 'wx' });
    chownSync(target, node.uid ?? 0, node.gid ?? 0);
    chmodSync(target, node.mode ?? 0o644);
    for (const link of node.hardLinks ?? []) {
      const linkPath = onDisk(dir, link);
      ensureDirs(dir, dirname(link));
      linkSync(target, linkPath);
    }
  }
  // Deepest first, so a restrictive parent mode is set after its children were created.
  for (const [target, node] of dirModes.reverse()) {
    chownSync(target, node.uid ?? 0, node.gid ?? 0);
    chmodSync(target, node.mode ?? 0o755);
  }
}
