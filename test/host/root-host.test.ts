import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootHost } from '../../src/host/root-host.js';
import { UsageError } from '../../src/core/errors.js';
import { HostError, type Host } from '../../src/core/types.js';
import { CRONTAB_GID as CRONTAB, debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

// A directory outside the root holding a "secret": no path through the root may reach it.
let outside: string;
let tree: { dir: string; cleanup(): void };
let host: Host;

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'cronwarden-outside-'));
  writeFileSync(join(outside, 'shadow'), 'root:$6$outside-secret:1::::::\n');
  tree = tempRoot({
    ...debianBase(),
    '/etc/cron.d/backup': { content: '30 2 * * * root /usr/local/bin/backup\n', mode: 0o644 },
    '/etc/cron.d/twin': { content: '@daily root true\n', hardLinks: ['/root/twin'] },
    '/etc/cron.d/rel-link': { target: 'backup' },
    '/etc/cron.d/abs-escape': { target: join(outside, 'shadow') },
    '/etc/cron.d/dotdot-escape': { target: '../../../../../../../../etc/shadow' },
    '/etc/cron.d/loop': { target: 'loop' },
    '/etc/cron.monthly': { target: outside },
    '/var/spool/cron/crontabs/alice': { content: '* * * * * true\n', mode: 0o600, uid: 1000, gid: CRONTAB },
    '/secret': { content: 'only root may read this\n', mode: 0o600 },
    '/big': 'x'.repeat(10 * 1024 * 1024),
    '/etc/localtime': { target: '/usr/share/zoneinfo/Europe/Paris' },
  });
  // A FIFO where a crontab should be: opening it must neither block nor be read.
  execFileSync('mkfifo', [join(tree.dir, 'etc/cron.d/pipe')]);
  host = rootHost(tree.dir, { now: new Date('2026-11-25T12:00:00Z') });
});

afterAll(() => {
  tree?.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

describe('rootHost', () => {
  it('refuses a missing root or a file as root with a usage error and a hint', () => {
    expect(() => rootHost('/nonexistent/cronwarden-root')).toThrow(UsageError);
    expect(() => rootHost('/nonexistent/cronwarden-root')).toThrow('root directory /nonexistent/cronwarden-root does not exist');
    expect(() => rootHost(join(tree.dir, 'etc/passwd'))).toThrow(/is not a directory/);
  });

  it('maps host paths under the prefix and reports exact lstat facts', () => {
    expect(host.root).toBe(tree.dir);
    expect(host.lstat('/etc/cron.d/backup')).toMatchObject({ type: 'file', mode: 0o644, uid: 0, gid: 0, nlink: 1 });
    expect(host.lstat('/var/spool/cron/crontabs')).toMatchObject({ type: 'dir', mode: 0o1730, gid: CRONTAB });
    expect(host.lstat('/var/spool/cron/crontabs/alice')).toMatchObject({ mode: 0o600, uid: 1000 });
    expect(host.lstat('/etc/cron.d/twin')!.nlink).toBe(2);
    expect(host.lstat('/etc/cron.d/pipe')!.type).toBe('other');
    expect(host.lstat('/etc/cron.d/nope')).toBeNull();
  });

  it('resolves symlinks inside the root and never outside it', () => {
    expect(host.readlink('/etc/cron.d/rel-link')).toBe('backup');
    expect(host.stat('/etc/cron.d/rel-link')!.ino).toBe(host.lstat('/etc/cron.d/backup')!.ino);
    // The absolute target is re-rooted: <root>/<outside>/shadow does not exist.
    expect(host.stat('/etc/cron.d/abs-escape')).toBeNull();
    // `..` stops at the root: this lands on the root's own /etc/shadow, not the machine's.
    expect(host.stat('/etc/cron.d/dotdot-escape')!.ino).toBe(host.lstat('/etc/shadow')!.ino);
    expect(host.stat('/etc/cron.d/loop')).toBeNull();
    // A symlinked directory pointing outside: nothing of the outside directory is visible.
    expect(host.lstat('/etc/cron.monthly')!.type).toBe('symlink');
    expect(() => host.readdir('/etc/cron.monthly')).toThrow(/does not exist/);
    expect(host.lstat('/etc/cron.monthly/shadow')).toBeNull();
    expect(() => host.readFile('/etc/cron.monthly/shadow')).toThrow(HostError);
  });

  it('readFile refuses symlinks (O_NOFOLLOW), FIFOs, directories and oversized files', () => {
    expect(new TextDecoder().decode(host.readFile('/etc/cron.d/backup'))).toBe('30 2 * * * root /usr/local/bin/backup\n');
    expect(() => host.readFile('/etc/cron.d/abs-escape')).toThrow(/symbolic link/);
    expect(() => host.readFile('/etc/cron.d/rel-link')).toThrow(/symbolic link/);
    expect(() => host.readFile('/etc/cron.d/pipe')).toThrow('/etc/cron.d/pipe is a FIFO (named pipe), not a regular file; not read');
    expect(() => host.readFile('/etc/cron.d')).toThrow('/etc/cron.d is a directory, not a regular file; not read');
    expect(() => host.readFile('/big')).toThrow(/^\/big is 10 MiB, over the 1 MiB limit for a crontab; not read/);
    expect(host.readFile('/big', 20 * 1024 * 1024).length).toBe(10 * 1024 * 1024);
    expect(() => host.readFile('/etc/cron.d/vanished')).toThrow(/does not exist/);
    expect(() => host.readFile('/etc/passwd/x')).toThrow(/parent directories is not a directory/);
  });

  it('reports EACCES as a HostError that says what to do', () => {
    // Root bypasses file modes, so drop the effective uid to nobody for this one read (the test
    // worker is its own process; the real uid stays 0, so seteuid(0) restores it).
    chmodSync(tree.dir, 0o755);
    process.seteuid!(65534);
    let caught: unknown;
    try {
      rootHost(tree.dir).readFile('/secret');
    } catch (error) {
      caught = error;
    } finally {
      process.seteuid!(0);
    }
    expect(caught).toBeInstanceOf(HostError);
    expect((caught as HostError).code).toBe('EACCES');
    expect((caught as HostError).message).toBe('permission denied reading /secret; run cronwarden as root or make the file readable');
  });

  it('lists directories sorted and refuses files', () => {
    expect(host.readdir('/etc/cron.d')).toEqual(['abs-escape', 'backup', 'dotdot-escape', 'loop', 'pipe', 'rel-link', 'twin']);
    expect(() => host.readdir('/etc/passwd')).toThrow(/not a directory/);
  });

  it('reads accounts from the root, not from this machine', () => {
    expect(host.users().map((u) => u.name)).toContain('alice');
    expect(host.groups().find((g) => g.name === 'crontab')!.gid).toBe(CRONTAB);
    expect(host.shadow()!.find((s) => s.name === 'bob')!.password).toBe('set');
    expect(host.timeZone()).toBe('UTC');
    expect(host.now().toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });

  it('takes the zone from the /etc/localtime link when /etc/timezone is absent', () => {
    const bare = tempRoot({
      '/etc/localtime': { target: '/usr/share/zoneinfo/Europe/Paris' },
      '/etc/group': { target: '../usr/lib/group' },
      '/usr/lib/group': 'svc:x:5:\n',
    });
    try {
      const h = rootHost(bare.dir);
      expect(h.timeZone()).toBe('Europe/Paris');
      expect(h.users()).toEqual([]);
      expect(h.groups()).toEqual([{ name: 'svc', gid: 5, members: [] }]);
      expect(h.shadow()).toBeNull();
    } finally {
      bare.cleanup();
    }
  });
});
