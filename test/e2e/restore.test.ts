// The end-to-end test's cleanup, proven on a temp root: every kind of change it records is undone
// exactly (bytes, mode, owner, links), processes are stopped by pid, and one failing step does not
// stop the others.

import { spawn } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MachineRestore } from './restore.js';

const isRoot = process.getuid?.() === 0;
let root = '';
const at = (p: string): string => join(root, p);
const state = (p: string) => {
  const info = lstatSync(at(p));
  return {
    mode: (info.mode & 0o7777).toString(8),
    uid: info.uid,
    gid: info.gid,
    link: info.isSymbolicLink() ? readlinkSync(at(p)) : null,
    bytes: info.isFile() ? readFileSync(at(p)).toString('latin1') : null,
  };
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cronwarden-restore-'));
  mkdirSync(at('/etc/cron.d'), { recursive: true });
  mkdirSync(at('/var/spool/cron/crontabs'), { recursive: true });
  mkdirSync(at('/dev'));
  writeFileSync(at('/etc/cron.d/e2scrub_all'), '30 3 * * 0 root true\n');
  writeFileSync(at('/var/spool/cron/crontabs/root'), '# old root crontab\r\n0 1 * * * /usr/local/bin/old\n', { mode: 0o600 });
  chmodSync(at('/var/spool/cron/crontabs/root'), 0o600);
  symlinkSync('/run/systemd/journal/dev-log', at('/dev/log'));
  writeFileSync(at('/etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\ncwe2e-old:x:990:990::/nonexistent:/usr/sbin/nologin\n');
  writeFileSync(at('/etc/group'), 'root:x:0:\ncrontab:x:102:\ncwe2e-old:x:990:\n');
  writeFileSync(at('/etc/shadow'), 'root:*:19830:0:99999:7:::\ncwe2e-old:!:19830::::::\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('MachineRestore', () => {
  it('restores a changed file byte for byte, with its mode and owner', async () => {
    const before = state('/var/spool/cron/crontabs/root');
    const restore = new MachineRestore(root);
    restore.rememberFile('/var/spool/cron/crontabs/root');
    writeFileSync(at('/var/spool/cron/crontabs/root'), '* * * * * id -un > /tmp/marker\n');
    chmodSync(at('/var/spool/cron/crontabs/root'), 0o644);
    if (isRoot) chownSync(at('/var/spool/cron/crontabs/root'), 1000, 102);
    expect(await restore.restore()).toEqual([]);
    expect(state('/var/spool/cron/crontabs/root')).toEqual(before);
  });

  it('removes what it created: a file that was absent, new entries under a directory, a new directory', async () => {
    const restore = new MachineRestore(root);
    restore.rememberFile('/etc/cron.d/cronwarden-e2e');
    restore.rememberEntries('/etc/cron.d');
    restore.rememberEntries('/var/lib/cronwarden');
    writeFileSync(at('/etc/cron.d/cronwarden-e2e'), '* * * * * root true\n');
    writeFileSync(at('/etc/cron.d/cronwarden-e2e.cron'), '* * * * * root true\n');
    mkdirSync(at('/etc/cron.d/sub/deeper'), { recursive: true });
    mkdirSync(at('/var/lib/cronwarden/backups/20261125-1'), { recursive: true });
    writeFileSync(at('/var/lib/cronwarden/backups/20261125-1/manifest.json'), '{}');
    expect(await restore.restore()).toEqual([]);
    expect(lstatSync(at('/etc/cron.d/cronwarden-e2e'), { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(at('/etc/cron.d/cronwarden-e2e.cron'), { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(at('/etc/cron.d/sub'), { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(at('/var/lib/cronwarden'), { throwIfNoEntry: false })).toBeUndefined();
    expect(readFileSync(at('/etc/cron.d/e2scrub_all'), 'utf8')).toBe('30 3 * * 0 root true\n');
  });

  it('moves /dev/log aside and puts the original symlink back over the listener’s socket', async () => {
    const restore = new MachineRestore(root);
    restore.moveAside('/dev/log');
    expect(lstatSync(at('/dev/log'), { throwIfNoEntry: false })).toBeUndefined();
    writeFileSync(at('/dev/log'), 'stands in for the listener socket');
    expect(await restore.restore()).toEqual([]);
    expect(readlinkSync(at('/dev/log'))).toBe('/run/systemd/journal/dev-log');
  });

  it('restores a symlink that was replaced by a file', async () => {
    symlinkSync('../crontab.d/x', at('/etc/cron.d/linked'));
    const restore = new MachineRestore(root);
    restore.rememberFile('/etc/cron.d/linked');
    rmSync(at('/etc/cron.d/linked'));
    writeFileSync(at('/etc/cron.d/linked'), 'replaced');
    expect(await restore.restore()).toEqual([]);
    expect(readlinkSync(at('/etc/cron.d/linked'))).toBe('../crontab.d/x');
  });

  it('stops the processes it tracks, by pid', async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const restore = new MachineRestore(root);
    restore.trackProcess('sleep', child);
    expect(await restore.restore()).toEqual([]);
    expect(child.signalCode).toBe('SIGTERM');
  });

  it.runIf(isRoot)('deletes the users and groups with the prefix that appeared, keeps older ones', async () => {
    const restore = new MachineRestore(root);
    restore.rememberUsers('cwe2e-');
    writeFileSync(at('/etc/passwd'), 'cwe2e-backup:x:991:991::/nonexistent:/usr/sbin/nologin\n', { flag: 'a' });
    writeFileSync(at('/etc/group'), 'cwe2e-backup:x:991:\n', { flag: 'a' });
    writeFileSync(at('/etc/shadow'), 'cwe2e-backup:!:19830::::::\n', { flag: 'a' });
    expect(await restore.restore()).toEqual([]);
    expect(readFileSync(at('/etc/passwd'), 'utf8')).not.toContain('cwe2e-backup');
    expect(readFileSync(at('/etc/group'), 'utf8')).not.toContain('cwe2e-backup');
    expect(readFileSync(at('/etc/passwd'), 'utf8')).toContain('cwe2e-old');
  });

  it('keeps going when one step fails and reports it', async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const restore = new MachineRestore(root);
    restore.rememberFile('/var/spool/cron/crontabs/root');
    restore.moveAside('/dev/log');
    restore.trackProcess('sleep', child);
    rmSync(at(`/dev/log.cronwarden-e2e-saved-${process.pid}`));
    writeFileSync(at('/var/spool/cron/crontabs/root'), 'changed\n');
    const problems = await restore.restore();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^put back \/dev\/log: .*ENOENT/);
    expect(readFileSync(at('/var/spool/cron/crontabs/root'), 'utf8')).toContain('# old root crontab\r\n');
    expect(child.signalCode).toBe('SIGTERM');
  });
});
