// Fault injection at every file-system step of apply and of rollback (issue 6): after each fault
// every path is byte-identical to its old or its new state (mode and owner included), no temp file
// cron would load is left, and recover (or rollback) returns the exact starting tree.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { realFs } from '../../src/apply/fs-layer.js';
import { listBackups, recover, rollback } from '../../src/apply/recover.js';
import type { Operation } from '../../src/core/operations.js';
import { CRONTAB_GID, DEBIAN_GROUP, DEBIAN_PASSWD } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, digestText, faultyFs, makePlan, treeDigest, type Fault } from './helpers.js';

// A small host (accounts, cron directories, spool): thousands of copies are made below.
const SPEC = {
  '/etc/passwd': DEBIAN_PASSWD,
  '/etc/group': DEBIAN_GROUP,
  '/var/spool/cron/crontabs': { type: 'dir' as const, mode: 0o1730, gid: CRONTAB_GID },
  '/var/lib': { type: 'dir' as const },
  '/etc/crontab': '# system\n',
  '/etc/cron.d/backup': '30 2 * * * root /opt/jobs/run.sh\n',
  '/etc/cron.d/stale': '# nothing\n',
  '/opt/jobs': { type: 'dir' as const, mode: 0o777 },
  '/opt/jobs/run.sh': { content: '#!/bin/sh\necho old\n', mode: 0o755 },
};

function ops(root: string): Operation[] {
  return [
    // The fix for the world-writable directory runs before the write inside it.
    { op: 'chmod', path: '/opt/jobs', before: before(root, '/opt/jobs'), mode: 0o755, why: 'o-w' },
    { op: 'write-file', path: '/opt/jobs/run.sh', before: before(root, '/opt/jobs/run.sh'), content: '#!/bin/sh\necho new\n', encoding: 'utf8', mode: 0o750, owner: 'root', group: 'backup', why: 'w' },
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: '30 2 * * * backup /opt/jobs/run.sh\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
    { op: 'write-file', path: '/etc/cron.d/added', before: { exists: false }, content: '@hourly root /bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
    { op: 'remove-file', path: '/etc/cron.d/stale', before: before(root, '/etc/cron.d/stale'), why: 'r' },
    { op: 'chown', path: '/etc/crontab', before: before(root, '/etc/crontab'), owner: 'root', group: 'crontab', why: 'c' },
    { op: 'mkdir', path: '/var/lib/jobs', before: { exists: false }, mode: 0o750, owner: 'root', group: 'backup', why: 'm' },
    { op: 'install-user-crontab', user: 'bob', path: '/var/spool/cron/crontabs/bob', before: { exists: false }, content: '5 * * * * /bin/true\n', encoding: 'utf8', why: 'i' },
  ];
}

// Thousands of applies: on tmpfs, fsync costs nothing and the run stays within its budget.
process.env.TMPDIR = '/dev/shm';

const FAULTS: Fault[] = ['throw', 'ENOSPC', 'EACCES', 'EXDEV', 'crash'];
const TEMP = /\/\.cronwarden-[0-9a-f]{16}$/;

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function fresh(): string {
  const t = tempRoot(SPEC);
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The command's process has ended (after kill -9 too): a lock left behind names a pid that no
 *  longer exists. */
function simulateDeath(root: string): void {
  const lock = `${root}/var/lib/cronwarden/lock`;
  if (!existsSync(lock)) return;
  const dead = spawnSync('true').pid;
  writeFileSync(lock, JSON.stringify({ pid: dead, start: null, command: 'crashed', since: new Date().toISOString() }));
}

/** Every path is old or new; anything else is a dot-named temp file cron never loads. */
function expectOldOrNew(now: Map<string, string>, start: Map<string, string>, after: Map<string, string>, label: string): void {
  for (const [path, value] of now) {
    if (TEMP.test(path)) continue;
    if (value !== start.get(path) && value !== after.get(path)) {
      throw new Error(`${label}: ${path} is neither old nor new: ${value}\nold: ${start.get(path)}\nnew: ${after.get(path)}`);
    }
  }
  for (const path of new Set([...start.keys(), ...after.keys()])) {
    if (!now.has(path) && start.has(path) && after.has(path)) throw new Error(`${label}: ${path} vanished`);
  }
}

async function restoreAndCheck(root: string, start: Map<string, string>, label: string): Promise<void> {
  await recover({ root, io: collectIo(), lockWaitMs: 0 });
  if (digestText(treeDigest(root)) !== digestText(start)) {
    const applied = listBackups(undefined, root).filter((b) => b.state === 'applied');
    expect(applied, `${label}: tree changed but no applied backup`).toHaveLength(1);
    await rollback({ root, io: collectIo(), yes: true, lockWaitMs: 0 });
  }
  expect(digestText(treeDigest(root)), label).toBe(digestText(start));
}

const references = new Map<Fault, { after: Map<string, string>; applyCalls: number; rollbackCalls: number }>();

/** Runs apply and rollback once without failing, counting the steps where `fault` can strike. */
async function reference(fault: Fault) {
  const known = references.get(fault);
  if (known) return known;
  const root = fresh();
  const start = treeDigest(root);
  const counter = faultyFs(realFs(), Infinity, fault);
  await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true, fs: counter.fs });
  const after = treeDigest(root);
  const rb = faultyFs(realFs(), Infinity, fault);
  await rollback({ root, io: collectIo(), yes: true, fs: rb.fs });
  expect(digestText(treeDigest(root))).toBe(digestText(start));
  const result = { after, applyCalls: counter.calls(), rollbackCalls: rb.calls() };
  references.set(fault, result);
  return result;
}

describe('fault injection', () => {
  for (const fault of FAULTS) {
    it(`apply: ${fault} at every step leaves old-or-new files, and recover restores the exact tree`, async () => {
      const { after, applyCalls } = await reference(fault);
      expect(applyCalls).toBeGreaterThan(fault === 'EXDEV' ? 10 : 50);
      for (let k = 1; k <= applyCalls; k++) {
        const root = fresh();
        const start = treeDigest(root);
        const { fs } = faultyFs(realFs(), k, fault);
        const error = await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true, fs, lockWaitMs: 0 }).catch((e: unknown) => e);
        const label = `${fault} at apply step ${k}`;
        expectOldOrNew(treeDigest(root), start, after, label);
        // Only a failure to remove the lock at the very end is survivable: the apply completed.
        if (!(error instanceof Error)) expect(listBackups(undefined, root).map((b) => b.state), label).toEqual(['applied']);
        simulateDeath(root);
        await restoreAndCheck(root, start, label);
        cleanups.pop()?.();
      }
    }, 300_000);

    it(`rollback: ${fault} at every step leaves old-or-new files, and recover finishes the job`, async () => {
      const { after, rollbackCalls } = await reference(fault);
      for (let k = 1; k <= rollbackCalls; k++) {
        const root = fresh();
        const start = treeDigest(root);
        await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true });
        const { fs } = faultyFs(realFs(), k, fault);
        await rollback({ root, io: collectIo(), yes: true, fs, lockWaitMs: 0 }).catch((e: unknown) => e);
        const label = `${fault} at rollback step ${k}`;
        expectOldOrNew(treeDigest(root), start, after, label);
        simulateDeath(root);
        await restoreAndCheck(root, start, label);
        cleanups.pop()?.();
      }
    }, 300_000);
  }
});
