// The demo host's Debian package database, generated from layout.json's package list so the
// hashes always match the tree: /var/lib/dpkg/status (with Conffiles), info/<pkg>.list,
// .md5sums and .conffiles, in dpkg's own formats. Programs a package ships that the tree does
// not hold get a small text stand-in (the demo host is scanned, never executed).

import { createHash } from 'node:crypto';
import type { TreeNode, TreeSpec } from '../host/tree-spec.js';

export interface DemoPackage {
  version: string;
  architecture: string;
  /** Paths as dpkg records them (Debian 12 still lists /bin/… for files under merged /usr/bin). */
  files: string[];
}

/** Debian 12 is merged-/usr: /bin, /sbin and /lib are symlinks into /usr. */
export function canonicalPath(path: string): string {
  return path.replace(/^\/(bin|sbin|lib)\//, '/usr/$1/');
}

function md5(content: string | Uint8Array): string {
  return createHash('md5').update(content).digest('hex');
}

function nodeOf(spec: TreeSpec, path: string): TreeNode | undefined {
  const value = spec[path];
  return typeof value === 'string' ? { content: value } : value;
}

const EXECUTABLE_DIR = /^\/usr\/(local\/)?(s?bin|libexec)\//;

/** Every parent directory of the files, as dpkg lists them ("/." first). */
function listing(files: string[]): string {
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').filter((p) => p !== '');
    for (let i = 1; i < parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  return ['/.', ...[...dirs, ...files].sort()].join('\n') + '\n';
}

/** Adds stand-ins and the dpkg database to `spec` (in place). Throws when a package lists a
 *  path whose canonical form is a directory in the spec: the layout is wrong. */
export function addDpkgDatabase(spec: TreeSpec, packages: Record<string, DemoPackage>): void {
  const status: string[] = [];
  for (const name of Object.keys(packages).sort()) {
    const pkg = packages[name]!;
    const md5sums: string[] = [];
    const conffiles: string[] = [];
    for (const file of pkg.files) {
      const path = canonicalPath(file);
      let node = nodeOf(spec, path);
      if (node === undefined) {
        node = {
          content: `demo-host stand-in for ${file} from the Debian package ${name} ${pkg.version}\n`,
          mode: EXECUTABLE_DIR.test(path) ? 0o755 : 0o644,
        };
        spec[path] = node;
      }
      if (node.target !== undefined || node.type === 'symlink') continue;
      if (node.content === undefined) {
        throw new Error(`demo host layout: package ${name} lists ${file}, but ${path} is a directory in the tree`);
      }
      if (file.startsWith('/etc/')) conffiles.push(` ${file} ${md5(node.content)}`);
      else md5sums.push(`${md5(node.content)}  ${file.slice(1)}`);
    }
    spec[`/var/lib/dpkg/info/${name}.list`] = listing(pkg.files);
    if (md5sums.length > 0) spec[`/var/lib/dpkg/info/${name}.md5sums`] = md5sums.join('\n') + '\n';
    if (conffiles.length > 0) {
      spec[`/var/lib/dpkg/info/${name}.conffiles`] = conffiles.map((c) => c.trim().split(' ')[0]).join('\n') + '\n';
    }
    status.push(
      [
        `Package: ${name}`,
        'Status: install ok installed',
        `Architecture: ${pkg.architecture}`,
        `Version: ${pkg.version}`,
        ...(conffiles.length > 0 ? ['Conffiles:', ...conffiles] : []),
        `Description: ${name} (demo host entry)`,
      ].join('\n'),
    );
  }
  spec['/var/lib/dpkg/status'] = status.join('\n\n') + '\n';
}
