import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { realFs } from '../../src/apply/fs-layer.js';
import { recover, rollback, listBackups } from '../../src/apply/recover.js';
import { RefusedError } from '../../src/core/errors.js';
import type { Operation } from '../../src/core/operations.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, faultyFs, makePlan, treeDigest } from './helpers.js';

const OLD = '30 2 * * * root /bin/true\n';
const NEW = '30 2 * * * backup /bin/true\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function host() {
  const t = tempRoot({ ...debianBase(), '/var/lib': { type: 'dir' }, '/etc/cron.d/backup': OLD });
  cleanups.push(t.cleanup);
  return t.dir;
}

const ops = (root: string): Operation[] => [
  { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: NEW, encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
  { op: 'mkdir', path: '/var/lib/job', before: { exists: false }, mode: 0o755, owner: 'root', group: 'root', why: 'm' },
];

describe('rollback', () => {
  it('refuses, with the diff, when a file changed after the apply; --force restores and keeps a copy', async () => {
    const root = host();
    const start = treeDigest(root);
    const { id } = await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
    writeFileSync(`${root}/etc/cron.d/backup`, `${NEW}# edited by hand after the apply\n`);
    const changed = treeDigest(root);
    const error = await rollback({ root, io: collectIo(), yes: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).detail).toContain('+# edited by hand after the apply');
    expect((error as RefusedError).hint).toContain('--force');
    expect(treeDigest(root)).toEqual(changed);
    expect(listBackups(undefined, root)[0]?.state).toBe('applied');

    const io = collectIo();
    await rollback({ root, io, yes: true, force: true });
    expect(treeDigest(root)).toEqual(start);
    const saved = readdirSync(`${root}/var/lib/cronwarden/backups/${id}/files`).find((n) => n.startsWith('overwritten-'));
    expect(readFileSync(`${root}/var/lib/cronwarden/backups/${id}/files/${saved}`, 'utf8')).toContain('edited by hand');
    expect(io.stdout()).toContain('saved the changed /etc/cron.d/backup');
  });

  it('restores only mode and owner of a path the apply only chowned: its content belongs to the job', async () => {
    const root = host();
    writeFileSync(`${root}/var/lib/job.state`, 'run 1\n');
    chmodSync(`${root}/var/lib/job.state`, 0o644);
    const plan = makePlan(root, [
      { op: 'chown', path: '/var/lib/job.state', before: before(root, '/var/lib/job.state'), owner: 'backup', group: 'backup', why: 'the job writes it' },
      { op: 'chmod', path: '/var/lib/job.state', before: before(root, '/var/lib/job.state'), mode: 0o600, why: 'private' },
    ]);
    await apply(plan, { root, io: collectIo(), yes: true });
    writeFileSync(`${root}/var/lib/job.state`, 'run 2, as backup\n');
    await rollback({ root, io: collectIo(), yes: true });
    const st = statSync(`${root}/var/lib/job.state`);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, 0, 0o644]);
    expect(readFileSync(`${root}/var/lib/job.state`, 'utf8')).toBe('run 2, as backup\n');
  });

  it('keeps a directory the apply created when it now holds someone else\'s files', async () => {
    const root = host();
    await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
    mkdirSync(`${root}/var/lib/job/data`);
    const io = collectIo();
    await rollback({ root, io, yes: true });
    expect(io.stdout()).toContain('kept /var/lib/job: /var/lib/job, created by the apply, now holds data');
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(OLD);
    expect(existsSync(`${root}/var/lib/job/data`)).toBe(true);
  });

  it('an interrupted apply blocks the next one until recover undoes it', async () => {
    const root = host();
    const start = treeDigest(root);
    // Crash just after the first operation's rename (the last rename before its journal entry).
    const probe = faultyFs(realFs(), Infinity, 'crash');
    const probeRoot = host();
    await apply(makePlan(probeRoot, ops(probeRoot)), { root: probeRoot, io: collectIo(), yes: true, fs: probe.fs });
    const renameOfWrite = probe.log.find((l) => l.includes(' rename ') && l.includes('/etc/cron.d/.cronwarden-'));
    const at = Number(renameOfWrite?.split(' ')[0]) + 1;
    const crashing = faultyFs(realFs(), at, 'crash');
    await expect(apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true, fs: crashing.fs })).rejects.toThrow();
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(NEW);
    writeFileSync(`${root}/var/lib/cronwarden/lock`, JSON.stringify({ pid: 2 ** 22 + 7, start: null, command: 'apply', since: '' }));
    const next = await apply(makePlan(root, [ops(root)[1] as Operation]), { root, io: collectIo(), yes: true, lockWaitMs: 0 }).catch((e: unknown) => e);
    expect((next as RefusedError).hint).toContain('cronwarden recover');
    const plain = await rollback({ root, io: collectIo(), yes: true, lockWaitMs: 0 }).catch((e: unknown) => e);
    expect((plain as RefusedError).hint).toContain('cronwarden recover');
    const io = collectIo();
    expect(await recover({ root, io })).toBe(1);
    expect(io.stdout()).toContain('rolled back to the state before the apply');
    expect(treeDigest(root)).toEqual(start);
    const again = collectIo();
    expect(await recover({ root, io: again })).toBe(0);
    expect(again.stdout()).toContain('nothing to recover');
  });
});
