// Apply of a plan that creates users under a root prefix, where the accounts are written directly
// (account-files.ts): no shadow-utils process runs, the manifest keeps the account files as they
// were, rollback --remove-users gives the files back byte for byte, and a fault at any step leaves
// each account file old or new — never a user without its group or its locked shadow entry.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { readBackup, readCopy } from '../../src/apply/backup-store.js';
import { realFs } from '../../src/apply/fs-layer.js';
import { recover, rollback } from '../../src/apply/recover.js';
import type { Operation } from '../../src/core/operations.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, debianGshadow, faultyFs, makePlan, treeDigest, type Fault } from './helpers.js';

process.env.TMPDIR = '/dev/shm';

const haveUserdel = existsSync('/usr/sbin/userdel') && existsSync('/usr/sbin/groupdel') && process.getuid?.() === 0;
if (!haveUserdel) {
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error('rollback --remove-users needs userdel and groupdel, run as root, in CI');
  console.warn('SKIPPING rollback --remove-users after a direct account write: userdel/groupdel missing or not root');
}

const SPEC = {
  ...debianBase(),
  '/etc/gshadow': debianGshadow(),
  '/var/lib': { type: 'dir' as const },
  '/etc/cron.d/backup': '30 2 * * * root /bin/true\n',
};
const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow'];
/** The account files, their `-` backups and lock links: checked on their own terms below. */
const ACCOUNT_PATH = /^\/etc\/(passwd|group|shadow|gshadow)(-|\.lock)?$|^\/etc\/\.cronwarden-[0-9a-f]{16}$/;

function ops(root: string): Operation[] {
  const user = (name: string, group = name): Operation => ({ op: 'create-user', name, group, home: '/nonexistent', shell: '/usr/sbin/nologin', why: 'dedicated user' });
  return [
    user('cw-backup'),
    user('cw-report'),
    user('cw-archive', 'backup'),
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: '30 2 * * * cw-backup /bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
    { op: 'install-user-crontab', user: 'cw-report', path: '/var/spool/cron/crontabs/cw-report', before: { exists: false }, content: '@daily /bin/true\n', encoding: 'utf8', why: 'i' },
  ];
}

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

const files = (root: string): string[] => ACCOUNT_FILES.map((f) => readFileSync(root + f, 'utf8'));
const others = (root: string): string =>
  [...treeDigest(root)].filter(([p]) => !ACCOUNT_PATH.test(p)).map(([p, v]) => `${p} ${v}`).join('\n');

describe('create-user under a root prefix, written directly', () => {
  it('runs no shadow-utils process, keeps the files in the backup, and rollback --remove-users restores them', async () => {
    const root = fresh();
    const original = files(root);
    const counter = faultyFs(realFs(), Infinity, 'throw');
    const { id } = await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true, fs: counter.fs });
    expect(counter.log.filter((l) => l.split(' ')[1] === 'run')).toEqual([]);
    const passwd = readFileSync(`${root}/etc/passwd`, 'utf8');
    // As useradd would pick them: below postgres (106); groups below crontab (102), then the top.
    expect(passwd).toMatch(/^cw-backup:x:105:101::\/nonexistent:\/usr\/sbin\/nologin\ncw-report:x:104:999::.*\ncw-archive:x:103:34::/m);
    expect(readFileSync(`${root}/etc/gshadow`, 'utf8')).toMatch(/^cw-report:!::$/m);

    const { manifest } = readBackup(realFs(), root, id ?? '');
    expect(manifest.accountFiles?.map((e) => e.path)).toEqual(['/etc/passwd', '/etc/group', '/etc/gshadow', '/etc/shadow']);
    const copies = Object.fromEntries((manifest.accountFiles ?? []).map((e) => [e.path, Buffer.from(readCopy(realFs(), root, id ?? '', e.copy ?? '')).toString('utf8')]));
    expect(ACCOUNT_FILES.map((f) => copies[f])).toEqual(original);

    const io = collectIo();
    await rollback({ root, io, yes: true });
    expect(io.stdout()).toContain('kept user cw-backup, which the apply created');
    if (!haveUserdel) return;
    await rollback({ root, io: collectIo(), id: id ?? '', yes: true, removeUsers: true });
    expect(files(root)).toEqual(original);
  });

  const FAULTS: Fault[] = ['throw', 'ENOSPC', 'EACCES', 'EXDEV', 'crash'];
  for (const fault of FAULTS) {
    it(`${fault} at every step: each account file old or new and consistent, everything else restored`, async () => {
      const probe = fresh();
      const original = files(probe);
      const counter = faultyFs(realFs(), Infinity, fault);
      await apply(makePlan(probe, ops(probe)), { root: probe, io: collectIo(), yes: true, fs: counter.fs });
      const applied = files(probe);
      expect(counter.calls()).toBeGreaterThan(fault === 'EXDEV' ? 5 : 40);
      for (let k = 1; k <= counter.calls(); k++) {
        const root = fresh();
        const start = others(root);
        const { fs } = faultyFs(realFs(), k, fault);
        await apply(makePlan(root, ops(root)), { root, io: collectIo(), yes: true, fs, lockWaitMs: 0 }).catch((e: unknown) => e);
        const label = `${fault} at apply step ${k}`;
        const now = files(root);
        now.forEach((text, n) => expect([original[n], applied[n]], `${label}: ${ACCOUNT_FILES[n]}`).toContain(text));
        // A user is only ever in passwd together with its group and its shadow entry.
        for (const name of ['cw-backup', 'cw-report', 'cw-archive']) {
          if (!now[0]?.includes(`\n${name}:`)) continue;
          expect(now[2], `${label}: shadow entry of ${name}`).toContain(`\n${name}:!:`);
          if (name !== 'cw-archive') expect(now[1], `${label}: group of ${name}`).toContain(`\n${name}:x:`);
        }
        // A lock link left behind (its unlink failed) names this process: stale once it exits.
        const locks = readdirSync(`${root}/etc`).filter((n) => n.endsWith('.lock'));
        for (const f of locks) expect(readFileSync(`${root}/etc/${f}`, 'latin1'), label).toBe(`${process.pid}\0`);
        // After kill -9 the lock files name a process that is gone.
        const dead = String(spawnSync('true').pid);
        for (const f of readdirSync(`${root}/etc`).filter((n) => n.endsWith('.lock'))) writeFileSync(`${root}/etc/${f}`, `${dead}\0`);
        if (existsSync(`${root}/var/lib/cronwarden/lock`)) writeFileSync(`${root}/var/lib/cronwarden/lock`, JSON.stringify({ pid: Number(dead), start: null, command: 'crashed', since: '' }));
        await recover({ root, io: collectIo(), lockWaitMs: 0 });
        if (others(root) !== start) await rollback({ root, io: collectIo(), yes: true, lockWaitMs: 0 });
        expect(others(root), label).toBe(start);
        expect(readdirSync(`${root}/etc`).filter((n) => n.startsWith('.cronwarden-')), label).toEqual([]);
        cleanups.pop()?.();
      }
    }, 300_000);
  }
});
