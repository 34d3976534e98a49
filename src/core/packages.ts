// The Debian package database, read through the Host: which installed package owns a path
// (/var/lib/dpkg/info/*.list), and whether a file is as the package shipped it (*.md5sums for
// ordinary files; conffiles — everything a package puts in /etc — are hashed in
// /var/lib/dpkg/status instead, dpkg(1)). Read lazily and once per scan: the status file when a
// source is asked about, the .list files only when a rule needs the owner of an arbitrary path.

import { createHash } from 'node:crypto';
import type { Host, Source } from './types.js';
import { memo, type RuleContext } from '../rules/rule.js';

const INFO_DIR = '/var/lib/dpkg/info';
const STATUS = '/var/lib/dpkg/status';
const DIVERSIONS = '/var/lib/dpkg/diversions';
/** dpkg's files can be large on a full desktop (status ~5 MB, linux-image .list ~1 MB). */
const DB_MAX_BYTES = 256 * 1024 * 1024;
/** After the /usr merge (Debian 12) packages still list /bin/ls while the file is found as
 *  /usr/bin/ls: both sides are compared in the /usr form. */
const MERGED_DIRS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

export interface PackageDb {
  /** Package owning the path (canonical /usr form), or null. */
  owner(path: string): string | null;
  /** Package whose conffile the path is, or null; needs only the status file. */
  conffileOwner(path: string): string | null;
  /** md5 the package recorded for the path (conffile or md5sums), or null when none is known. */
  expectedMd5(path: string): string | null;
  /** Installed packages (Status: … ok installed, held ones included). */
  installed(): Set<string>;
}

interface StatusFacts {
  installed: Set<string>;
  conffiles: Map<string, { pkg: string; md5: string }>;
}

const decoder = new TextDecoder();

function readText(host: Host, path: string): string | null {
  try {
    return decoder.decode(host.readFile(path, DB_MAX_BYTES));
  } catch {
    return null;
  }
}

/** Whether the root has a dpkg database at all (else package rules cannot judge it). */
export function hasPackageDb(host: Host): boolean {
  return host.lstat(INFO_DIR)?.type === 'dir' && host.lstat(STATUS)?.type === 'file';
}

export function packageDb(host: Host): PackageDb {
  const merged = host.lstat('/bin')?.type === 'symlink';
  const canonical = (path: string): string => {
    if (!merged) return path;
    const top = path.slice(1, path.indexOf('/', 1) === -1 ? undefined : path.indexOf('/', 1));
    return MERGED_DIRS.includes(top) ? `/usr${path}` : path;
  };

  let diversions: Map<string, { to: string; by: string }> | undefined;
  const divertedPaths = (): Map<string, { to: string; by: string }> => (diversions ??= parseDiversions(readText(host, DIVERSIONS) ?? '', canonical));

  let status: StatusFacts | undefined;
  const statusFacts = (): StatusFacts => (status ??= parseStatus(readText(host, STATUS) ?? '', canonical));

  let owners: Map<string, string> | undefined;
  const ownerIndex = (): Map<string, string> => {
    if (owners) return owners;
    owners = new Map();
    const diverted = divertedPaths();
    const listed = new Map<string, string[]>();
    let names: string[] = [];
    try {
      names = host.readdir(INFO_DIR);
    } catch {
      return owners;
    }
    for (const name of names) {
      if (!name.endsWith('.list')) continue;
      const pkg = name.slice(0, -'.list'.length);
      for (const line of (readText(host, `${INFO_DIR}/${name}`) ?? '').split('\n')) {
        if (line.startsWith('/')) {
          const key = canonical(line);
          if (!owners.has(key)) owners.set(key, pkg);
          if (diverted.has(key)) listed.set(key, [...(listed.get(key) ?? []), pkg]);
        }
      }
    }
    // dpkg-divert: the file at the diverted path is the diverter's (a local diversion, ":", is the
    // admin's own file), and the package's original now lives at the diversion target.
    for (const [from, { to, by }] of diverted) {
      const original = (listed.get(from) ?? []).find((p) => p !== by);
      if (by === ':') owners.delete(from);
      else owners.set(from, by);
      if (original) owners.set(to, original);
    }
    return owners;
  };

  const md5sums = new Map<string, Map<string, string>>();
  const sumsOf = (pkg: string): Map<string, string> => {
    let sums = md5sums.get(pkg);
    if (sums) return sums;
    sums = new Map();
    for (const line of (readText(host, `${INFO_DIR}/${pkg}.md5sums`) ?? '').split('\n')) {
      const match = /^([0-9a-f]{32}) {2}(.+)$/.exec(line);
      if (match) sums.set(canonical(`/${match[2]}`), match[1]!);
    }
    md5sums.set(pkg, sums);
    return sums;
  };

  return {
    conffileOwner: (path) => statusFacts().conffiles.get(canonical(path))?.pkg ?? null,
    owner: (path) => statusFacts().conffiles.get(canonical(path))?.pkg ?? ownerIndex().get(canonical(path)) ?? null,
    expectedMd5: (path) => {
      const key = canonical(path);
      const conffile = statusFacts().conffiles.get(key);
      if (conffile) return conffile.md5;
      const pkg = ownerIndex().get(key);
      return pkg ? (sumsOf(pkg).get(key) ?? null) : null;
    },
    installed: () => statusFacts().installed,
  };
}

/** /var/lib/dpkg/diversions: three lines per diversion — the path, where the original went, and
 *  the diverting package (":" for a local diversion by the admin). */
function parseDiversions(text: string, canonical: (p: string) => string): Map<string, { to: string; by: string }> {
  const out = new Map<string, { to: string; by: string }>();
  const lines = text.split('\n');
  for (let i = 0; i + 2 < lines.length; i += 3) out.set(canonical(lines[i]!), { to: canonical(lines[i + 1]!), by: lines[i + 2]! });
  return out;
}

function parseStatus(text: string, canonical: (p: string) => string): StatusFacts {
  const installed = new Set<string>();
  const conffiles = new Map<string, { pkg: string; md5: string }>();
  for (const stanza of text.split(/\n\n+/)) {
    const pkg = /^Package: (\S+)/m.exec(stanza)?.[1];
    if (!pkg) continue;
    // The first word is what the admin wants (install, hold, deinstall…); the last, what is on disk.
    const isInstalled = /^Status: [a-z]+ ok installed$/m.test(stanza);
    if (isInstalled) installed.add(pkg);
    const block = /^Conffiles:\n((?: .*\n?)*)/m.exec(stanza)?.[1];
    if (!block || !isInstalled) continue;
    for (const line of block.split('\n')) {
      // " /etc/cron.d/php 2b3e…  [obsolete]": an obsolete conffile is no longer the package's.
      const match = /^ (\/\S+) ([0-9a-f]{32})(?: (.*))?$/.exec(line);
      if (match && !/\b(obsolete|remove-on-upgrade)\b/.test(match[3] ?? '')) conffiles.set(canonical(match[1]!), { pkg, md5: match[2]! });
    }
  }
  return { installed, conffiles };
}

function db(ctx: RuleContext): PackageDb | null {
  return memo(ctx, 'packages:db', () => (hasPackageDb(ctx.host) ? packageDb(ctx.host) : null));
}

/** Installed package owning the path, or null (also when the host has no dpkg database). */
export function ownerPackage(ctx: RuleContext, path: string): string | null {
  return db(ctx)?.owner(path) ?? null;
}

export function isInstalled(ctx: RuleContext, pkg: string): boolean {
  return db(ctx)?.installed().has(pkg) ?? false;
}

/** Whether `bytes` are what the package shipped at `path` (false when nothing is recorded). */
export function isUnmodified(ctx: RuleContext, path: string, bytes: Uint8Array): boolean {
  const expected = db(ctx)?.expectedMd5(path) ?? null;
  return expected !== null && createHash('md5').update(bytes).digest('hex') === expected;
}

/**
 * RULES.md "Package-managed sources": the package owning a source file that is exactly as shipped,
 * or null. Everything a package installs under /etc is a conffile (debhelper marks them), whose
 * hash is in the status file; spool crontabs are users' own. So a scan reads the .list files only
 * for a cron source elsewhere, or when a rule asks who owns a program.
 */
export function managedSource(ctx: RuleContext, source: Pick<Source, 'path' | 'info'> | string): string | null {
  const path = typeof source === 'string' ? source : source.path;
  if (path.startsWith('/var/spool/')) return null;
  const packages = db(ctx);
  if (!packages) return null;
  const perScan = memo(ctx, 'packages:managed', () => new Map<string, string | null>());
  let found = perScan.get(path);
  if (found === undefined) perScan.set(path, (found = managedNow(ctx, packages, path)));
  return found;
}

function managedNow(ctx: RuleContext, packages: PackageDb, path: string): string | null {
  const pkg = path.startsWith('/etc/') ? packages.conffileOwner(path) : packages.owner(path);
  if (!pkg) return null;
  let bytes: Uint8Array;
  try {
    bytes = ctx.host.readFile(path);
  } catch {
    return null;
  }
  return isUnmodified(ctx, path, bytes) ? pkg : null;
}
