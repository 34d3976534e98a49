import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { HostError } from '../../src/core/types.js';
import { CRONTAB_GID, debianBase } from '../helpers/debian-base.js';

const host = memoryHost({
  ...debianBase(),
  '/etc/cron.d/backup': '30 2 * * * root /usr/local/bin/backup\n',
  '/etc/cron.d/link-in': { target: 'backup' },
  '/etc/cron.d/link-abs': { target: '/etc/cron.d/backup', uid: 1000 },
  '/etc/cron.d/escape': { target: '../../../../etc/shadow' },
  '/etc/cron.d/loop': { target: 'loop' },
  '/etc/cron.d/twin': { content: 'x\n', hardLinks: ['/tmp/twin'] },
  '/srv/real-crond/job': '@daily root true\n',
  '/etc/cron.weekly': { target: '/srv/real-crond' },
  '/big': 'x'.repeat(2 * 1024 * 1024),
});

describe('memoryHost', () => {
  it('reports stat facts from the spec, with implied parents root:root 0755', () => {
    expect(host.lstat('/etc/cron.d/backup')).toMatchObject({ type: 'file', mode: 0o644, uid: 0, nlink: 1 });
    expect(host.lstat('/var/spool/cron/crontabs')).toMatchObject({ type: 'dir', mode: 0o1730, gid: CRONTAB_GID });
    expect(host.lstat('/var/spool')).toMatchObject({ type: 'dir', mode: 0o755, uid: 0 });
    expect(host.lstat('/nope')).toBeNull();
    expect(host.lstat('/etc/passwd/x')).toBeNull();
  });

  it('counts hard links on every name of a file', () => {
    expect(host.lstat('/etc/cron.d/twin')!.nlink).toBe(2);
    expect(host.lstat('/tmp/twin')!.ino).toBe(host.lstat('/etc/cron.d/twin')!.ino);
  });

  it('lstat sees links; stat resolves them inside the root', () => {
    expect(host.lstat('/etc/cron.d/link-abs')).toMatchObject({ type: 'symlink', uid: 1000 });
    expect(host.readlink('/etc/cron.d/link-abs')).toBe('/etc/cron.d/backup');
    expect(host.readlink('/etc/cron.d/backup')).toBeNull();
    expect(host.stat('/etc/cron.d/link-in')!.ino).toBe(host.lstat('/etc/cron.d/backup')!.ino);
    // `..` stops at the root: the escape lands on the root's own /etc/shadow.
    expect(host.stat('/etc/cron.d/escape')!.ino).toBe(host.lstat('/etc/shadow')!.ino);
    expect(host.stat('/etc/cron.d/loop')).toBeNull();
  });

  it('resolves symlinked parent directories', () => {
    expect(host.readdir('/etc/cron.weekly')).toEqual(['job']);
    expect(host.lstat('/etc/cron.weekly/job')).toMatchObject({ type: 'file' });
  });

  it('readFile refuses links, directories and oversized files with clear messages', () => {
    expect(new TextDecoder().decode(host.readFile('/etc/cron.d/backup'))).toContain('backup');
    expect(() => host.readFile('/etc/cron.d/link-in')).toThrow(/symbolic link/);
    expect(() => host.readFile('/etc/cron.d')).toThrow(/is a directory, not a regular file/);
    expect(() => host.readFile('/big')).toThrow('/big is 2 MiB, over the 1 MiB limit for a crontab; not read');
    expect(host.readFile('/big', 4 * 1024 * 1024).length).toBe(2 * 1024 * 1024);
    try {
      host.readFile('/gone');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HostError);
      expect((error as HostError).code).toBe('ENOENT');
      expect((error as HostError).path).toBe('/gone');
    }
  });

  it('readdir lists sorted names and refuses non-directories', () => {
    expect(host.readdir('/etc/cron.d')).toEqual(['backup', 'escape', 'link-abs', 'link-in', 'loop', 'twin']);
    expect(() => host.readdir('/etc/passwd')).toThrow(/not a directory/);
    expect(() => host.readdir('/missing')).toThrow(/does not exist/);
  });

  it('parses accounts, shadow states, zone and clock', () => {
    expect(host.users().find((u) => u.name === 'alice')).toEqual({
      name: 'alice', uid: 1000, gid: 1000, gecos: 'Alice,,,', home: '/home/alice', shell: '/bin/bash',
    });
    expect(host.groups().find((g) => g.name === 'crontab')!.gid).toBe(CRONTAB_GID);
    expect(host.shadow()!.find((s) => s.name === 'root')!.password).toBe('locked');
    expect(host.shadow()!.find((s) => s.name === 'alice')!.password).toBe('set');
    expect(host.timeZone()).toBe('UTC');
    expect(host.now().toISOString()).toBe('2026-11-25T12:00:00.000Z');
    const bare = memoryHost({ '/etc/localtime': { target: '/usr/share/zoneinfo/Europe/Paris' } }, { now: new Date(0) });
    expect(bare.timeZone()).toBe('Europe/Paris');
    expect(bare.users()).toEqual([]);
    expect(bare.shadow()).toBeNull();
    expect(bare.now().getTime()).toBe(0);
    expect(memoryHost({}, { timeZone: 'Asia/Tokyo' }).timeZone()).toBe('Asia/Tokyo');
    const linked = memoryHost({ '/etc/passwd': { target: '../usr/lib/passwd' }, '/usr/lib/passwd': 'svc:x:5:5::/:/bin/false\n' });
    expect(linked.users().map((u) => u.name)).toEqual(['svc']);
  });

  it('rejects a spec that lists files under a symlink', () => {
    expect(() => memoryHost({ '/a': { target: '/b' }, '/a/x': 'y' })).toThrow(/tree spec/);
  });
});
