import { execFileSync } from 'node:child_process';
import { chmodSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInventory, loadSource } from '../../src/core/inventory.js';
import type { Host, Inventory, Source } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { rootHost } from '../../src/host/root-host.js';
import { CRONTAB_GID, debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

const BACKUP = `# backups
MAILTO=ops@example.com
PATH=/usr/local/bin:/usr/bin:/bin
30 2 * * * backup /usr/local/bin/backup.sh >/dev/null 2>&1
HOME=/srv
@hourly root echo "tick %H" % stdin
`;

const sourceAt = (inv: { sources: Source[] }, path: string): Source => {
  const s = inv.sources.find((x) => x.path === path);
  if (!s) throw new Error(`no source ${path} in ${inv.sources.map((x) => x.path).join(', ')}`);
  return s;
};

describe('buildInventory', () => {
  const host = memoryHost({
    ...debianBase(),
    '/etc/cron.d/backup': BACKUP,
    '/etc/cron.daily/logrotate': { content: '#!/bin/sh\n', mode: 0o755 },
    '/var/spool/cron/crontabs/alice': { content: 'SHELL=/bin/bash\nLOGNAME=mallory\n*/5 * * * * ~/bin/sync\n', mode: 0o600, uid: 1000, gid: CRONTAB_GID },
    '/etc/cron.allow': 'alice\n',
  });
  const inv = buildInventory(host);

  it('lists sources with owner and group names and their jobs with stable ids', () => {
    expect(inv.root).toBe('/');
    expect(inv.sources.map((s) => [s.path, s.kind, s.owner, s.group, s.live])).toEqual([
      ['/etc/cron.d/backup', 'system', 'root', 'root', true],
      ['/etc/cron.daily/logrotate', 'run-parts', 'root', 'root', true],
      ['/var/spool/cron/crontabs/alice', 'user', 'alice', 'crontab', true],
      ['/etc/cron.allow', 'access', 'root', 'root', true],
    ]);
    expect(inv.jobs.map((j) => [j.id, j.user, j.schedule, j.command, j.stdin])).toEqual([
      ['etc-cron.d-backup:4', 'backup', '30 2 * * *', '/usr/local/bin/backup.sh >/dev/null 2>&1', null],
      ['etc-cron.d-backup:6', 'root', '@hourly', 'echo "tick', 'H" \n stdin'],
      ['etc-cron.daily-logrotate:1', 'root', '@daily', '/etc/cron.daily/logrotate', null],
      ['var-spool-cron-crontabs-alice:3', 'alice', '*/5 * * * *', '~/bin/sync', null],
    ]);
    expect(sourceAt(inv, '/var/spool/cron/crontabs/alice').crontabUser).toBe('alice');
    expect(sourceAt(inv, '/etc/cron.d/backup').parsed?.lines).toHaveLength(6);
    expect(sourceAt(inv, '/etc/cron.allow').parsed).toBeNull();
  });

  it("gives each job cron's environment: lines above it, then defaults, LOGNAME forced", () => {
    const [backup, tick, script, sync] = inv.jobs;
    expect(backup!.env).toEqual({ MAILTO: 'ops@example.com', PATH: '/usr/local/bin:/usr/bin:/bin', SHELL: '/bin/sh', HOME: '/var/backups', LOGNAME: 'backup' });
    // HOME set below the first job applies only to the jobs after it.
    expect(tick!.env).toMatchObject({ HOME: '/srv', LOGNAME: 'root' });
    expect(script!.env).toEqual({ SHELL: '/bin/sh', HOME: '/root', PATH: '/usr/bin:/bin', LOGNAME: 'root' });
    // entry.c sets LOGNAME after the crontab's own lines: a crontab cannot pretend to be someone else.
    expect(sync!.env).toEqual({ SHELL: '/bin/bash', LOGNAME: 'alice', HOME: '/home/alice', PATH: '/usr/bin:/bin' });
  });

  it('reports each source through onSource as it is read', () => {
    const seen: string[] = [];
    buildInventory(host, { onSource: (s, jobs) => seen.push(`${s.path}:${jobs.length}`) });
    expect(seen).toEqual(['/etc/cron.d/backup:2', '/etc/cron.daily/logrotate:1', '/var/spool/cron/crontabs/alice:1', '/etc/cron.allow:0']);
  });

  it('keeps the jobs of an orphaned crontab, not live, with no HOME', () => {
    const orphan = memoryHost({ ...debianBase(), '/var/spool/cron/crontabs/carol': { content: '@daily /usr/bin/true\n', mode: 0o600, uid: 1002 } });
    const { source, jobs } = loadSource(orphan, { path: '/var/spool/cron/crontabs/carol', kind: 'user' });
    expect(source.owner).toBeNull();
    expect(source.notLive?.code).toBe('orphan');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ user: 'carol', live: false });
    expect(jobs[0]!.env).toEqual({ SHELL: '/bin/sh', PATH: '/usr/bin:/bin', LOGNAME: 'carol' });
  });
});

describe('bad input never stops the scan', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  const GOOD = '/etc/cron.d/good';
  const spec = {
    ...debianBase(),
    [GOOD]: '0 1 * * * root /usr/bin/true\n',
    '/etc/cron.d/binary': { content: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 0xff, 10, 0, 0]) },
    '/etc/cron.d/huge': 'x'.repeat(10 * 1024 * 1024),
    '/etc/cron.d/latin': { content: new Uint8Array([...Buffer.from('0 1 * * * root echo caf'), 0xe9, 10]) },
    '/etc/cron.d/long': '0 1 * * * root /usr/bin/true\n'.repeat(100_000).slice(0, 1024 * 1024 - 1),
    '/etc/cron.d/subdir': { type: 'dir' as const },
    '/var/spool/cron/crontabs/ghost': { content: '@daily /usr/bin/true\n', mode: 0o600, uid: 4242 },
  };

  function check(inv: Inventory): void {
    expect(sourceAt(inv, GOOD).live).toBe(true);
    expect(inv.jobs.some((j) => j.source === GOOD && j.live)).toBe(true);

    const binary = sourceAt(inv, '/etc/cron.d/binary');
    expect(binary.live).toBe(false);
    expect(binary.notLive?.code).toBe('syntax-error');
    expect(binary.errors).toEqual([
      '/etc/cron.d/binary is not valid UTF-8; its bytes are shown as Latin-1',
      '/etc/cron.d/binary looks like a binary file (it contains NUL bytes), not a crontab',
    ]);

    const huge = sourceAt(inv, '/etc/cron.d/huge');
    expect(huge.errors).toEqual(['/etc/cron.d/huge is 10 MiB, over the 1 MiB limit for a crontab; not read']);
    expect(huge.notLive).toMatchObject({ code: 'unreadable', message: /cron itself may still load it/ });
    expect(huge.parsed).toBeNull();

    const latin = sourceAt(inv, '/etc/cron.d/latin');
    expect(latin.live).toBe(true);
    expect(inv.jobs.find((j) => j.source === '/etc/cron.d/latin')!.command).toBe('echo café');

    const long = sourceAt(inv, '/etc/cron.d/long');
    expect(long.notLive?.code).toBe('too-long');
    expect(long.notLive?.line).toBe(10004);

    const subdir = sourceAt(inv, '/etc/cron.d/subdir');
    expect(subdir.errors).toEqual(['/etc/cron.d/subdir is not a regular file (dir); not read']);
    expect(subdir.notLive?.code).toBe('not-regular');

    const ghost = sourceAt(inv, '/var/spool/cron/crontabs/ghost');
    expect(ghost.notLive?.code).toBe('orphan');
    expect(ghost.owner).toBeNull();
  }

  it('in memory', () => check(buildInventory(memoryHost(spec))));

  it('on disk, with a FIFO, an unreadable file and a file that vanishes before it is read', () => {
    const tree = tempRoot({ ...spec, '/etc/cron.d/secret': { content: '0 1 * * * root /usr/bin/true\n', mode: 0o600 }, '/etc/cron.d/vanishing': '@daily root true\n' });
    cleanup = tree.cleanup;
    const real = rootHost(tree.dir);
    const host: Host = {
      ...real,
      readFile: (path, max) => {
        if (path === '/etc/cron.d/vanishing') unlinkSync(join(tree.dir, path));
        return real.readFile(path, max);
      },
    };
    execFileSync('mkfifo', [join(tree.dir, 'etc/cron.d/pipe')]);
    const all = buildInventory(host);
    check(all);
    const pipe = sourceAt(all, '/etc/cron.d/pipe');
    expect(pipe.errors).toEqual(['/etc/cron.d/pipe is not a regular file (other); not read']);
    expect(pipe.notLive?.code).toBe('not-regular');
    const vanished = sourceAt(all, '/etc/cron.d/vanishing');
    expect(vanished.errors.join()).toBe('/etc/cron.d/vanishing does not exist (it may have been removed during the scan)');
    expect(vanished.live).toBe(false);

    // Root reads any file, so EACCES needs a lower effective uid (restored right after; the test
    // worker is its own process and keeps real uid 0).
    chmodSync(tree.dir, 0o755);
    process.seteuid!(65534);
    let inv;
    try {
      inv = buildInventory(rootHost(tree.dir));
    } finally {
      process.seteuid!(0);
    }
    const secret = sourceAt(inv, '/etc/cron.d/secret');
    expect(secret.errors).toEqual(['permission denied reading /etc/cron.d/secret; run cronwarden as root or make the file readable']);
    expect(secret.notLive?.code).toBe('unreadable');
    expect(sourceAt(inv, GOOD).live).toBe(true);
  });
});
