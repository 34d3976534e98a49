// Bad input, as a sysadmin trying to break the tool would give it: every case must get a clear
// message on stderr, nothing on stdout, the right exit code (DESIGN §4) and leave the tree untouched.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli, type CliResult } from '../helpers/cli.js';
import { tempRoot } from '../helpers/temp-root.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';

/** Every path under dir with its type, mode, owner and content hash: equal digests, untouched tree. */
function digest(dir: string): string {
  const lines: string[] = [];
  const walk = (rel: string) => {
    const abs = join(dir, rel);
    const s = lstatSync(abs);
    const body = s.isFile() ? createHash('sha256').update(readFileSync(abs)).digest('hex') : s.isSymbolicLink() ? readlinkSync(abs) : '';
    lines.push(`${rel} ${s.mode.toString(8)} ${s.uid}:${s.gid} ${body}`);
    if (s.isDirectory()) for (const name of readdirSync(abs).sort()) walk(`${rel}/${name}`);
  };
  walk('.');
  return lines.join('\n');
}

const HOST: TreeSpec = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
  '/etc/group': 'root:x:0:\n',
  '/etc/crontab': 'SHELL=/bin/sh\n17 * * * * root /usr/bin/true\n',
};

function expectUserError(r: CliResult, code: number, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(code);
}

const asRoot = process.getuid?.() === 0;

describe('bad input (built binary)', () => {
  const cleanups: (() => void)[] = [];
  const root = (spec: TreeSpec = HOST) => {
    const t = tempRoot(spec);
    cleanups.push(t.cleanup);
    return t.dir;
  };
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('backups, rollback and recover refuse a root that is missing or not a directory (exit 2)', () => {
    const dir = root();
    for (const command of [['backups'], ['rollback', '--yes'], ['recover']]) {
      expectUserError(runCli([...command, '--root', join(dir, 'missing')]), 2, /root directory .*missing does not exist/);
      expectUserError(runCli([...command, '--root', join(dir, 'etc/crontab')]), 2, /root .*etc\/crontab is not a directory/);
    }
  });

  it('rollback of an unknown backup id is a usage error naming how to list them', () => {
    const dir = root();
    const before = digest(dir);
    expectUserError(runCli(['rollback', 'nope', '--root', dir, '--yes']), 2, new RegExp(`no backup "nope".*\\n.*cronwarden backups --root ${dir}`));
    expectUserError(runCli(['rollback', '20261125T093000Z-1a2b3c', '--root', dir, '--yes']), 2, /no backup 20261125T093000Z-1a2b3c under/);
    expect(digest(dir)).toBe(before);
  });

  it('plan -o to a directory or into a missing directory says so without a stack trace (exit 2)', () => {
    const dir = root();
    const before = digest(dir);
    const toDir = runCli(['plan', '--root', dir, '-o', dir]);
    expect(toDir.stderr).toMatch(/cannot open .*: illegal operation on a directory \(EISDIR\)/);
    expect(toDir.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(toDir.code).toBe(2);
    const intoMissing = runCli(['plan', '--root', dir, '-o', join(dir, 'no/such/dir/plan.json')]);
    expect(intoMissing.stderr).toMatch(/cannot open .*plan\.json: no such file or directory \(ENOENT\)/);
    expect(intoMissing.code).toBe(2);
    expect(digest(dir)).toBe(before);
  });

  it('scan refuses a root with no etc/ (the parent of the host, an empty dir) instead of passing with 0 jobs', () => {
    const dir = root({ '/web1/etc/passwd': HOST['/etc/passwd']!, '/web1/etc/crontab': HOST['/etc/crontab']! });
    expectUserError(runCli(['scan', '--root', dir]), 2, /has no etc\/ directory: it does not look like the root of a host\n.*e\.g\. \/mnt\/web1, not \/mnt/);
    expectUserError(runCli(['scan', '--root', join(dir, 'web1/etc')]), 2, /has no etc\/ directory/);
    expect(runCli(['scan', '--root', join(dir, 'web1')]).stdout).toMatch(/1 job/);
  });

  it('scan refuses an /etc/passwd that holds no users or is not a file: every job would look orphaned', () => {
    const garbage = root({ ...HOST, '/etc/passwd': '# emptied by mistake\n' });
    expectUserError(runCli(['scan', '--root', garbage]), 2, /cannot read the users of .*: it holds no valid user line/);
    const dir = root({ ...HOST, '/etc/passwd': { type: 'dir' } });
    expectUserError(runCli(['scan', '--root', dir, '--format', 'json']), 2, /cannot read the users of .*: \/etc\/passwd is a directory/);
  });

  it('scan of a tree with cron files but no /etc/passwd warns on stderr that every user will look unknown', () => {
    const { '/etc/passwd': _passwd, ...noPasswd } = HOST;
    const r = runCli(['scan', '--root', root(noPasswd), '--format', 'json']);
    expect(JSON.parse(r.stdout).summary.jobs).toBe(1);
    expect(r.stderr).toMatch(/warning: .* has no \/etc\/passwd: every job's user is reported as unknown/);
  });

  it.skipIf(!asRoot)('scan as a user who cannot read /etc/passwd is an error, not a host full of orphans (exit 2)', () => {
    const dir = root({ ...HOST, '/etc/passwd': { content: HOST['/etc/passwd'] as string, mode: 0o600 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
    expectUserError({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, 2, /cannot read the users of .*: permission denied reading \/etc\/passwd/);
  });

  it.skipIf(!asRoot)('a spool this user cannot list is not claimed to be unreadable for cron too (cron runs as root)', () => {
    const dir = root({ ...HOST, '/var/spool/cron/crontabs': { type: 'dir', mode: 0o700 }, '/var/spool/cron/crontabs/root': { content: '0 1 * * * /usr/bin/true\n', mode: 0o600 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir, '--format', 'json'], { encoding: 'utf8', uid: 65534, gid: 65534 });
    const spool = JSON.parse(r.stdout).sources.find((s: { path: string }) => s.path === '/var/spool/cron/crontabs');
    expect(spool.notLiveReason).toMatch(/permission denied .*; cron itself may still load its crontabs, so check them by hand$/);
  });

  it('the text summary counts one job and one source in the singular', () => {
    expect(runCli(['scan', '--root', root()]).stdout).toMatch(/\n1 source, 1 job — \d+ findings/);
  });

  it.skipIf(!asRoot)('a root this user cannot read is an error, not an empty host that passes (exit 2)', () => {
    const dir = root({ ...HOST, '/': { type: 'dir', mode: 0o700 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
    expectUserError({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, 2, /cannot read root directory .* \(EACCES\)\n.*run cronwarden as root/);
  });
});
