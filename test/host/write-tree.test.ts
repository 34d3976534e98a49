import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRoot } from '../helpers/temp-root.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('writeTree', () => {
  it('creates exact owners, modes, links and implied parents whatever the umask', () => {
    const old = process.umask(0o077);
    let dir: string;
    try {
      ({ dir, cleanup } = tempRoot({
        '/var/spool/cron/crontabs': { type: 'dir', mode: 0o1730, gid: 102 },
        '/var/spool/cron/crontabs/alice': { content: 'x\n', mode: 0o600, uid: 1000, gid: 102 },
        '/etc/cron.d/shared': { content: 'y\n', mode: 0o664, hardLinks: ['/srv/copy'] },
        '/etc/cron.d/link': { target: '/etc/cron.d/shared', uid: 1000 },
        '/etc/cron.daily/job': { content: '#!/bin/sh\n', mode: 0o755 },
      }));
    } finally {
      process.umask(old);
    }
    const at = (p: string) => lstatSync(join(dir, p));
    expect(at('/var/spool/cron/crontabs').mode & 0o7777).toBe(0o1730);
    expect(at('/var/spool/cron/crontabs').gid).toBe(102);
    expect(at('/var/spool').mode & 0o7777).toBe(0o755);
    expect(at('/var/spool/cron/crontabs/alice')).toMatchObject({ uid: 1000, gid: 102 });
    expect(at('/var/spool/cron/crontabs/alice').mode & 0o7777).toBe(0o600);
    expect(at('/etc/cron.d/shared').mode & 0o7777).toBe(0o664);
    expect(at('/etc/cron.d/shared').nlink).toBe(2);
    expect(at('/srv/copy').ino).toBe(at('/etc/cron.d/shared').ino);
    expect(at('/etc/cron.d/link').isSymbolicLink()).toBe(true);
    expect(at('/etc/cron.d/link').uid).toBe(1000);
    expect(readlinkSync(join(dir, '/etc/cron.d/link'))).toBe('/etc/cron.d/shared');
    expect(at('/etc/cron.daily/job').mode & 0o7777).toBe(0o755);
    expect(readFileSync(join(dir, '/etc/cron.d/shared'), 'utf8')).toBe('y\n');
  });

  it('refuses paths that climb out of the directory', () => {
    expect(() => tempRoot({ '/etc/../../escape': 'x' })).toThrow(/must not contain/);
  });
});
