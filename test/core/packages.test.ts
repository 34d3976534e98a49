import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasPackageDb, isInstalled, isUnmodified, managedSource, ownerPackage, packageDb } from '../../src/core/packages.js';
import type { Host, Inventory } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import type { RuleContext } from '../../src/rules/rule.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const PHP_CRON = '09,39 * * * * root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n';
const SESSIONCLEAN = '#!/bin/sh\necho clean\n';

const STATUS = `Package: php-common
Status: install ok installed
Architecture: all
Conffiles:
 /etc/cron.d/php ${md5(PHP_CRON)}
 /etc/php/old.conf 0123456789abcdef0123456789abcdef obsolete
Description: Common files for PHP packages

Package: coreutils
Status: install ok installed
Architecture: amd64

Package: pinned
Status: hold ok installed

Package: gone
Status: deinstall ok config-files
Conffiles:
 /etc/cron.d/gone ${md5('x\n')}
`;

function dpkgTree(extra: TreeSpec = {}): TreeSpec {
  return {
    '/var/lib/dpkg/status': STATUS,
    '/var/lib/dpkg/info/php-common.list': '/.\n/etc\n/etc/cron.d\n/etc/cron.d/php\n/usr/lib/php/sessionclean\n',
    '/var/lib/dpkg/info/php-common.md5sums': `${md5(SESSIONCLEAN)}  usr/lib/php/sessionclean\n`,
    '/var/lib/dpkg/info/php-common.conffiles': '/etc/cron.d/php\n',
    '/var/lib/dpkg/info/coreutils:amd64.list': '/.\n/bin\n/bin/ls\n/usr/bin/env\n',
    '/etc/cron.d/php': PHP_CRON,
    '/usr/lib/php/sessionclean': { content: SESSIONCLEAN, mode: 0o755 },
    ...extra,
  };
}

/** The real in-memory host, counting the reads it serves (to check what is read lazily). */
function counting(host: Host): { host: Host; reads: string[] } {
  const reads: string[] = [];
  return { host: { ...host, readFile: (path, max) => (reads.push(path), host.readFile(path, max)) }, reads };
}

const EMPTY: Inventory = { root: '/', sources: [], jobs: [] };
const ctxOf = (host: Host): RuleContext => ({ host, inventory: EMPTY, cache: new Map() });

describe('package database', () => {
  it('knows owners from .list files and conffiles, per package and architecture', () => {
    const ctx = ctxOf(memoryHost(dpkgTree()));
    expect(ownerPackage(ctx, '/usr/lib/php/sessionclean')).toBe('php-common');
    expect(ownerPackage(ctx, '/etc/cron.d/php')).toBe('php-common');
    expect(ownerPackage(ctx, '/usr/bin/env')).toBe('coreutils:amd64');
    expect(ownerPackage(ctx, '/usr/local/bin/backup.sh')).toBeNull();
    expect(isInstalled(ctx, 'php-common')).toBe(true);
    expect(isInstalled(ctx, 'pinned')).toBe(true);
    expect(isInstalled(ctx, 'gone')).toBe(false);
  });

  it('follows dpkg-divert: a local diversion makes the file the admin’s', () => {
    const ctx = ctxOf(
      memoryHost(
        dpkgTree({
          '/var/lib/dpkg/info/coreutils:amd64.list': '/.\n/usr/bin/env\n/usr/bin/date\n',
          '/var/lib/dpkg/info/faketime.list': '/.\n/usr/bin/date\n',
          '/var/lib/dpkg/diversions': '/usr/bin/env\n/usr/bin/env.distrib\n:\n/usr/bin/date\n/usr/bin/date.real\nfaketime\n',
        }),
      ),
    );
    expect(ownerPackage(ctx, '/usr/bin/env')).toBeNull();
    expect(ownerPackage(ctx, '/usr/bin/env.distrib')).toBe('coreutils:amd64');
    expect(ownerPackage(ctx, '/usr/bin/date')).toBe('faketime');
    expect(ownerPackage(ctx, '/usr/bin/date.real')).toBe('coreutils:amd64');
  });

  it('maps /bin and /usr/bin onto each other on a merged-/usr root', () => {
    const merged = ctxOf(memoryHost(dpkgTree({ '/bin': { target: 'usr/bin' }, '/usr/bin/ls': { content: '', mode: 0o755 } })));
    expect(ownerPackage(merged, '/usr/bin/ls')).toBe('coreutils:amd64');
    const split = ctxOf(memoryHost(dpkgTree({ '/usr/bin/ls': { content: '', mode: 0o755 } })));
    expect(ownerPackage(split, '/usr/bin/ls')).toBeNull();
  });

  it('checks content against md5sums and the conffile hashes', () => {
    const ctx = ctxOf(memoryHost(dpkgTree()));
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(isUnmodified(ctx, '/usr/lib/php/sessionclean', bytes(SESSIONCLEAN))).toBe(true);
    expect(isUnmodified(ctx, '/usr/lib/php/sessionclean', bytes(`${SESSIONCLEAN}# edited\n`))).toBe(false);
    expect(isUnmodified(ctx, '/etc/cron.d/php', bytes(PHP_CRON))).toBe(true);
    expect(isUnmodified(ctx, '/etc/php/old.conf', bytes(''))).toBe(false);
    expect(isUnmodified(ctx, '/usr/local/bin/x', bytes(''))).toBe(false);
  });

  it('managedSource: only a package file exactly as shipped', () => {
    expect(managedSource(ctxOf(memoryHost(dpkgTree())), '/etc/cron.d/php')).toBe('php-common');
    expect(managedSource(ctxOf(memoryHost(dpkgTree({ '/etc/cron.d/php': `${PHP_CRON}0 1 * * * root /x\n` }))), '/etc/cron.d/php')).toBeNull();
    expect(managedSource(ctxOf(memoryHost(dpkgTree({ '/etc/cron.d/backup': PHP_CRON }))), '/etc/cron.d/backup')).toBeNull();
    // A removed package's leftover conffile belongs to no installed package.
    expect(managedSource(ctxOf(memoryHost(dpkgTree({ '/etc/cron.d/gone': 'x\n' }))), '/etc/cron.d/gone')).toBeNull();
    expect(managedSource(ctxOf(memoryHost({ '/etc/cron.d/php': PHP_CRON })), '/etc/cron.d/php')).toBeNull();
  });

  it('reads lazily: sources under /etc need only the status file; .list files are read once', () => {
    const { host, reads } = counting(memoryHost(dpkgTree({ '/etc/cron.d/mine': 'x\n' })));
    const ctx = ctxOf(host);
    managedSource(ctx, '/etc/cron.d/php');
    managedSource(ctx, '/etc/cron.d/mine');
    managedSource(ctx, '/var/spool/cron/crontabs/alice');
    expect(reads.filter((p) => p.startsWith('/var/lib/dpkg/'))).toEqual(['/var/lib/dpkg/status']);
    ownerPackage(ctx, '/usr/bin/env');
    ownerPackage(ctx, '/usr/bin/true');
    const lists = reads.filter((p) => p.endsWith('.list'));
    expect(lists).toEqual(['/var/lib/dpkg/info/coreutils:amd64.list', '/var/lib/dpkg/info/php-common.list']);
  });

  it('says whether a root has a database at all', () => {
    expect(hasPackageDb(memoryHost(dpkgTree()))).toBe(true);
    expect(hasPackageDb(memoryHost({ '/var/lib/dpkg/info': { type: 'dir' } }))).toBe(false);
    expect(packageDb(memoryHost({})).owner('/usr/bin/env')).toBeNull();
  });
});
