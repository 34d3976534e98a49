// The bundled demo host (fixtures/demo-host): a small Debian 12 web server with one planted case
// for every rule. Its files live under tree/ exactly as on the host; layout.json adds what git
// cannot carry (owners, modes, symlinks, hard links, empty directories) and the package list the
// dpkg database is generated from. One builder, used by `--demo`, the tests and build.js.

import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { parseGroup, parsePasswd } from '../host/passwd.js';
import type { TreeNode, TreeSpec } from '../host/tree-spec.js';
import { writeTree } from '../host/write-tree.js';
import { addDpkgDatabase, type DemoPackage } from './dpkg-database.js';

/** One entry of layout.json's `paths`. Modes are octal strings ("0664", "1730"). */
export interface LayoutEntry {
  mode?: string;
  owner?: string | number;
  group?: string | number;
  /** An empty (or implied) directory with this owner and mode. */
  dir?: boolean;
  symlink?: string;
  hardLinks?: string[];
}

export interface DemoLayout {
  paths: Record<string, LayoutEntry>;
  packages: Record<string, DemoPackage>;
}

/** src/demo/demo-host.ts and dist/demo/demo-host.js are both two levels below the package root. */
export function demoHostDir(): string {
  return fileURLToPath(new URL('../../fixtures/demo-host/', import.meta.url));
}

export function readDemoLayout(fixtures = demoHostDir()): DemoLayout {
  return JSON.parse(readFileSync(join(fixtures, 'layout.json'), 'utf8')) as DemoLayout;
}

/** Host path → bytes of every regular file under tree/ (git carries no other kind here). */
function readTreeFiles(treeDir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (hostDir: string): void => {
    for (const name of readdirSync(join(treeDir, hostDir)).sort()) {
      const hostPath = `${hostDir === '/' ? '' : hostDir}/${name}`;
      const info = lstatSync(join(treeDir, hostPath));
      if (info.isDirectory()) walk(hostPath);
      else if (info.isFile()) files.set(hostPath, readFileSync(join(treeDir, hostPath)));
      else throw new Error(`demo host: ${join(treeDir, hostPath)} is neither a file nor a directory; list links in layout.json`);
    }
  };
  walk('/');
  return files;
}

function parseMode(path: string, mode: string): number {
  if (!/^[0-7]{3,4}$/.test(mode)) throw new Error(`demo host layout: ${path} has mode "${mode}"; write it as octal, e.g. "0644"`);
  return parseInt(mode, 8);
}

function idResolver(kind: 'owner' | 'group', byName: Map<string, number>) {
  return (path: string, value: string | number | undefined): number => {
    if (value === undefined) return 0;
    if (typeof value === 'number') return value;
    const id = byName.get(value);
    if (id === undefined) throw new Error(`demo host layout: ${path} names ${kind} "${value}", which tree/etc/${kind === 'owner' ? 'passwd' : 'group'} lacks`);
    return id;
  };
}

/** The demo host as a TreeSpec: tree/ plus layout.json, with the generated dpkg database. */
export function demoHostSpec(fixtures = demoHostDir()): TreeSpec {
  const files = readTreeFiles(join(fixtures, 'tree'));
  const layout = readDemoLayout(fixtures);
  const text = (path: string): string => Buffer.from(files.get(path) ?? new Uint8Array()).toString('utf8');
  const uidOf = idResolver('owner', new Map(parsePasswd(text('/etc/passwd')).map((u) => [u.name, u.uid])));
  const gidOf = idResolver('group', new Map(parseGroup(text('/etc/group')).map((g) => [g.name, g.gid])));

  const spec: TreeSpec = {};
  for (const [path, content] of files) spec[path] = { content, mode: 0o644 };
  const fileEntries: Array<[string, LayoutEntry]> = [];
  for (const [path, entry] of Object.entries(layout.paths)) {
    const ids = { uid: uidOf(path, entry.owner), gid: gidOf(path, entry.group) };
    if (entry.symlink !== undefined) {
      if (files.has(path)) throw new Error(`demo host layout: ${path} is a symlink in layout.json and a file in tree/`);
      spec[path] = { type: 'symlink', target: entry.symlink, ...ids };
    } else if (entry.dir === true) {
      spec[path] = { type: 'dir', mode: parseMode(path, entry.mode ?? '0755'), ...ids };
    } else {
      fileEntries.push([path, entry]);
    }
  }
  // After the package stand-ins exist, so layout.json can give one a mode (sudo's setuid bit).
  addDpkgDatabase(spec, layout.packages);
  for (const [path, entry] of fileEntries) {
    const existing = spec[path];
    const content = typeof existing === 'string' ? existing : existing?.content;
    if (content === undefined) throw new Error(`demo host layout: ${path} is listed in layout.json but is neither in tree/ nor a package file`);
    const node: TreeNode = { content, mode: parseMode(path, entry.mode ?? '0644'), uid: uidOf(path, entry.owner), gid: gidOf(path, entry.group) };
    if (entry.hardLinks !== undefined) node.hardLinks = entry.hardLinks;
    spec[path] = node;
  }
  return spec;
}

/** Writes the demo host into `dir` (created if missing; it must be empty) or a fresh temp dir,
 *  and returns the directory. Needs root: owners are real uids (UsageError with a hint otherwise). */
export function buildDemoHost(dir?: string): string {
  if (process.getuid?.() !== 0) {
    throw new UsageError(
      'the demo host needs root to build: its files belong to alice, www-data, deploy and a deleted uid, and those owners are what half the rules judge',
      'run it as root (sudo npm start, or sudo node dist/cli.js --demo); it only writes into a fresh temp directory',
    );
  }
  const target = dir ?? mkdtempSync(join(tmpdir(), 'cronwarden-demo-'));
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    if (readdirSync(dir).length > 0) throw new UsageError(`the demo host directory ${dir} is not empty`, 'give an empty or new directory, or none for a fresh temp dir');
  }
  try {
    writeTree(target, demoHostSpec());
  } catch (error) {
    if (dir === undefined) rmSync(target, { recursive: true, force: true });
    throw error;
  }
  return target;
}
