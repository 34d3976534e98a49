// Real shadow-utils under a root prefix (useradd/groupadd/usermod/userdel --prefix, Debian 12):
// apply creates and changes accounts inside the prefix only; rollback puts shells and groups back
// and removes created users only with --remove-users and only when nothing refers to them.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, chownSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { rollback } from '../../src/apply/recover.js';
import type { Operation } from '../../src/core/operations.js';
import { CRONTAB_GID, DEBIAN_GROUP, DEBIAN_PASSWD, DEBIAN_SHADOW, debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, debianGshadow, makePlan } from './helpers.js';

const haveTools = ['useradd', 'groupadd', 'usermod', 'userdel'].every((t) => existsSync(`/usr/sbin/${t}`));
const isRoot = process.getuid?.() === 0;
const reason = !isRoot ? 'not running as root' : !haveTools ? 'shadow-utils (useradd…) not installed' : null;
if (reason) {
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(`account tests cannot run in CI: ${reason}`);
  console.warn(`SKIPPING real useradd --prefix tests: ${reason}`);
}

const JOB = '30 2 * * * root /usr/local/bin/backup.sh\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function host(): string {
  const t = tempRoot({
    ...debianBase(),
    '/var/lib': { type: 'dir' },
    '/etc/gshadow': debianGshadow(),
    '/etc/cron.d/backup': JOB,
    '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 },
  });
  cleanups.push(t.cleanup);
  return t.dir;
}

function ops(root: string): Operation[] {
  return [
    { op: 'create-user', name: 'cw-backup', group: 'cw-backup', home: '/nonexistent', shell: '/usr/sbin/nologin', why: 'dedicated user' },
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: '30 2 * * * cw-backup /usr/local/bin/backup.sh\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'run as cw-backup' },
    { op: 'chown', path: '/usr/local/bin/backup.sh', before: before(root, '/usr/local/bin/backup.sh'), owner: 'root', group: 'cw-backup', why: 'group can read' },
    { op: 'install-user-crontab', user: 'cw-backup', path: '/var/spool/cron/crontabs/cw-backup', before: { exists: false }, content: '@daily /bin/true\n', encoding: 'utf8', why: 'own crontab' },
    { op: 'set-shell', user: 'bob', shell: '/usr/sbin/nologin', lockPassword: true, why: 'no logins' },
    { op: 'add-to-group', user: 'alice', group: 'crontab', why: 'cron.allow group' },
  ];
}

const line = (text: string, name: string): string | undefined => text.split('\n').find((l) => l.startsWith(`${name}:`));

describe.skipIf(reason !== null)('accounts under a root prefix (real shadow-utils)', () => {
  it('creates a locked system user inside the prefix, changes shells and groups, and rolls them back', async () => {
    const root = host();
    const hostPasswd = readFileSync('/etc/passwd', 'utf8');
    const { id } = await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
    expect(readFileSync('/etc/passwd', 'utf8')).toBe(hostPasswd);
    const passwd = readFileSync(`${root}/etc/passwd`, 'utf8');
    const user = line(passwd, 'cw-backup')?.split(':') ?? [];
    expect(user[6]).toBe('/usr/sbin/nologin');
    expect(Number(user[2])).toBeLessThan(1000);
    expect(line(readFileSync(`${root}/etc/shadow`, 'utf8'), 'cw-backup')?.split(':')[1]).toBe('!');
    expect(line(passwd, 'bob')?.split(':')[6]).toBe('/usr/sbin/nologin');
    expect(line(readFileSync(`${root}/etc/shadow`, 'utf8'), 'bob')?.split(':')[1]).toMatch(/^!\$y\$/);
    expect(line(readFileSync(`${root}/etc/group`, 'utf8'), 'crontab')).toBe(`crontab:x:${CRONTAB_GID}:alice`);
    const spool = statSync(`${root}/var/spool/cron/crontabs/cw-backup`);
    expect([spool.uid, spool.gid, spool.mode & 0o7777]).toEqual([Number(user[2]), CRONTAB_GID, 0o600]);

    const io = collectIo();
    await rollback({ root, io, yes: true });
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(JOB);
    expect(existsSync(`${root}/var/spool/cron/crontabs/cw-backup`)).toBe(false);
    expect(line(readFileSync(`${root}/etc/passwd`, 'utf8'), 'bob')).toBe(line(DEBIAN_PASSWD, 'bob'));
    expect(line(readFileSync(`${root}/etc/shadow`, 'utf8'), 'bob')).toBe(line(DEBIAN_SHADOW, 'bob'));
    expect(line(readFileSync(`${root}/etc/group`, 'utf8'), 'crontab')).toBe(`crontab:x:${CRONTAB_GID}:`);
    expect(io.stdout()).toContain('kept user cw-backup, which the apply created (pass --remove-users to remove it)');
    expect(line(readFileSync(`${root}/etc/passwd`, 'utf8'), 'cw-backup')).toBeDefined();

    const io2 = collectIo();
    await rollback({ root, io: io2, id: id ?? '', yes: true, removeUsers: true });
    expect(io2.stdout()).toContain('removed user cw-backup');
    expect(readFileSync(`${root}/etc/passwd`, 'utf8')).toBe(DEBIAN_PASSWD);
    expect(readFileSync(`${root}/etc/group`, 'utf8')).toBe(DEBIAN_GROUP);
  });

  it('keeps a created user that something still refers to, even with --remove-users', async () => {
    const root = host();
    await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
    const uid = Number(line(readFileSync(`${root}/etc/passwd`, 'utf8'), 'cw-backup')?.split(':')[2]);
    writeFileSync(`${root}/var/lib/report.txt`, 'written by the job\n');
    chownSync(`${root}/var/lib/report.txt`, uid, 0);
    const io = collectIo();
    await rollback({ root, io, yes: true, removeUsers: true });
    expect(io.stdout()).toContain('kept user cw-backup: still referenced by /var/lib/report.txt, which it owns');
    expect(execFileSync('grep', ['-c', '^cw-backup:', `${root}/etc/passwd`], { encoding: 'utf8' }).trim()).toBe('1');
  });

  it('leaves a shell someone changed after the apply alone', async () => {
    const root = host();
    await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
    execFileSync('/usr/sbin/usermod', ['--prefix', root, '--shell', '/bin/dash', 'bob']);
    const io = collectIo();
    await rollback({ root, io, yes: true });
    expect(io.stdout()).toContain('left the shell of bob alone: it changed after the apply (now /bin/dash)');
    expect(line(readFileSync(`${root}/etc/passwd`, 'utf8'), 'bob')?.split(':')[6]).toBe('/bin/dash');
    expect(line(readFileSync(`${root}/etc/group`, 'utf8'), 'crontab')).toBe(`crontab:x:${CRONTAB_GID}:`);
  });
});
