import { readFileSync, statSync, readdirSync, existsSync, utimesSync, chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { listBackups, renderBackups, rollback } from '../../src/apply/recover.js';
import { RefusedError } from '../../src/core/errors.js';
import type { Operation } from '../../src/core/operations.js';
import { CRONTAB_GID, debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, makePlan, treeDigest } from './helpers.js';

const OLD_JOB = 'SHELL=/bin/sh\n30 2 * * * root /usr/local/bin/backup.sh\n';
const NEW_JOB = 'SHELL=/bin/sh\n30 2 * * * backup /usr/local/bin/backup.sh\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function host() {
  const t = tempRoot({
    ...debianBase(),
    '/var/lib': { type: 'dir' },
    '/etc/crontab': { content: '# empty\n', mode: 0o644 },
    '/etc/cron.d/backup': OLD_JOB,
    '/etc/cron.d/stale': '# old\n',
    '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o777, uid: 1000 },
  });
  cleanups.push(t.cleanup);
  return t.dir;
}

function ops(root: string): Operation[] {
  return [
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: NEW_JOB, encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'run as backup' },
    { op: 'write-file', path: '/etc/cron.d/new-job', before: { exists: false }, content: '@daily root /bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'new' },
    { op: 'chmod', path: '/etc/crontab', before: before(root, '/etc/crontab'), mode: 0o600, why: 'CIS' },
    { op: 'chown', path: '/usr/local/bin/backup.sh', before: before(root, '/usr/local/bin/backup.sh'), owner: 'root', group: 'root', why: 'root-owned' },
    { op: 'chmod', path: '/usr/local/bin/backup.sh', before: before(root, '/usr/local/bin/backup.sh'), mode: 0o755, why: 'go-w' },
    { op: 'mkdir', path: '/var/lib/backup-job', before: { exists: false }, mode: 0o750, owner: 'root', group: 'backup', why: 'state dir' },
    { op: 'remove-file', path: '/etc/cron.d/stale', before: before(root, '/etc/cron.d/stale'), why: 'stale' },
    { op: 'install-user-crontab', user: 'alice', path: '/var/spool/cron/crontabs/alice', before: { exists: false }, content: '0 * * * * /bin/true\n', encoding: 'utf8', why: 'moved' },
  ];
}

describe('apply and rollback', () => {
  it('applies every operation, backs up first, and rollback restores the exact tree', async () => {
    const root = host();
    const start = treeDigest(root);
    const io = collectIo();
    const { id } = await apply(makePlan(root, ops(root)), { root, io, yes: true });
    expect(id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(io.stdout()).toContain(`cronwarden rollback ${id} --root ${root}`);
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(NEW_JOB);
    expect(statSync(`${root}/etc/crontab`).mode & 0o7777).toBe(0o600);
    const script = statSync(`${root}/usr/local/bin/backup.sh`);
    expect([script.uid, script.mode & 0o7777]).toEqual([0, 0o755]);
    expect(statSync(`${root}/var/lib/backup-job`).mode & 0o7777).toBe(0o750);
    expect(existsSync(`${root}/etc/cron.d/stale`)).toBe(false);
    const spool = statSync(`${root}/var/spool/cron/crontabs/alice`);
    expect([spool.uid, spool.gid, spool.mode & 0o7777]).toEqual([1000, CRONTAB_GID, 0o600]);
    const backupDir = `${root}/var/lib/cronwarden/backups/${id}`;
    expect(statSync(backupDir).mode & 0o7777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(`${backupDir}/manifest.json`, 'utf8'));
    expect(manifest.paths.find((p: { path: string }) => p.path === '/etc/cron.d/backup')).toMatchObject({ existed: true, type: 'file', mode: 0o644, uid: 0, nlink: 1 });
    expect(manifest.operations).toHaveLength(8);
    expect(renderBackups(listBackups(undefined, root))).toContain(`${id}`);
    expect(listBackups(undefined, root)[0]?.state).toBe('applied');

    const rio = collectIo();
    await rollback({ root, io: rio, yes: true });
    expect(treeDigest(root)).toEqual(start);
    expect(listBackups(undefined, root)[0]?.state).toBe('rolled-back');
    // Twice is the same as once.
    await rollback({ root, io: rio, id: id ?? '', yes: true });
    expect(rio.stdout()).toContain('already rolled back');
    expect(treeDigest(root)).toEqual(start);
  });

  it('dry run prints diffs and one-liners and writes nothing', async () => {
    const root = host();
    const start = treeDigest(root);
    const io = collectIo();
    await apply(makePlan(root, ops(root)), { root, io, dryRun: true });
    expect(io.stdout()).toContain('-30 2 * * * root /usr/local/bin/backup.sh');
    expect(io.stdout()).toContain('+30 2 * * * backup /usr/local/bin/backup.sh');
    expect(io.stdout()).toContain('chmod 0600 /etc/crontab');
    expect(treeDigest(root)).toEqual(start);
    expect(existsSync(`${root}/var/lib/cronwarden`)).toBe(false);
  });

  it('refuses without --yes when there is no terminal, naming --yes', async () => {
    const root = host();
    const start = treeDigest(root);
    const error = await apply(makePlan(root, ops(root)), { root, io: collectIo() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).hint).toContain('--yes');
    expect(treeDigest(root)).toEqual(start);
  });

  it('asks to type `apply` on a terminal and cancels on anything else', async () => {
    const root = host();
    const start = treeDigest(root);
    const io = collectIo(true);
    const questions: string[] = [];
    const error = await apply(makePlan(root, ops(root)), { root, io, ask: async (q) => (questions.push(q), 'yes') }).catch((e: unknown) => e);
    expect(questions[0]).toContain('Type `apply`');
    expect(error).toBeInstanceOf(RefusedError);
    expect(treeDigest(root)).toEqual(start);
    const { id } = await apply(makePlan(root, ops(root)), { root, io, ask: async () => 'apply' });
    expect(id).not.toBeNull();
    expect(readdirSync(`${root}/var/lib/cronwarden/backups`)).toEqual([id]);
  });

  it('makes cron notice a mode fix: fresh mtime on the file and on /etc/cron.d or the spool dir', async () => {
    const root = host();
    chmodSync(`${root}/etc/cron.d/backup`, 0o664);
    const old = new Date('2020-01-01T00:00:00Z');
    for (const p of ['/etc/cron.d/backup', '/etc/cron.d', '/etc/crontab', '/var/spool/cron/crontabs']) utimesSync(root + p, old, old);
    const plan = makePlan(root, [
      { op: 'chmod', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), mode: 0o644, why: 'cron refuses group-writable files' },
      { op: 'chmod', path: '/etc/crontab', before: before(root, '/etc/crontab'), mode: 0o600, why: 'CIS' },
    ]);
    await apply(plan, { root, io: collectIo(), yes: true });
    // Debian's cron rescans /etc/cron.d only when the directory's mtime changes; the file it
    // refused before is in no list it rechecks.
    for (const p of ['/etc/cron.d/backup', '/etc/cron.d', '/etc/crontab']) expect(statSync(root + p).mtimeMs, p).toBeGreaterThan(old.getTime());
    expect(statSync(`${root}/var/spool/cron/crontabs`).mtimeMs).toBe(old.getTime());
    await rollback({ root, io: collectIo(), yes: true });
    expect(statSync(`${root}/etc/cron.d/backup`).mode & 0o7777).toBe(0o664);
  });
});
