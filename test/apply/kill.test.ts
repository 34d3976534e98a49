// The real thing: the CLI in a child process, SIGKILLed (CRONWARDEN_TEST_CRASH_AT) just before the
// n-th rename — after a temp file was written and fsynced, before it replaced its target — for
// every rename an apply makes; then `cronwarden recover` in a new process restores the exact tree.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { realFs } from '../../src/apply/fs-layer.js';
import { rollback } from '../../src/apply/recover.js';
import type { Operation } from '../../src/core/operations.js';
import { serializePlan } from '../../src/plan/plan-file.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, digestText, faultyFs, makePlan, treeDigest } from './helpers.js';

process.env.TMPDIR = '/dev/shm';

const ROLLDOWN = join(process.cwd(), 'node_modules/.bin/rolldown');
const missing = existsSync(ROLLDOWN) ? null : 'rolldown (installed with vitest) is missing, so the CLI cannot be bundled for a child process';
if (missing) {
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(missing);
  console.warn(`SKIPPING kill -9 tests: ${missing}`);
}

const SPEC = {
  ...debianBase(),
  '/var/lib': { type: 'dir' as const },
  '/etc/cron.d/backup': '30 2 * * * root /bin/true\n',
  '/etc/cron.d/stale': '# x\n',
};

function ops(root: string): Operation[] {
  return [
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(root, '/etc/cron.d/backup'), content: '30 2 * * * backup /bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
    { op: 'write-file', path: '/etc/cron.d/added', before: { exists: false }, content: '@hourly root /bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'w' },
    { op: 'remove-file', path: '/etc/cron.d/stale', before: before(root, '/etc/cron.d/stale'), why: 'r' },
    { op: 'install-user-crontab', user: 'alice', path: '/var/spool/cron/crontabs/alice', before: { exists: false }, content: '5 * * * * /bin/true\n', encoding: 'utf8', why: 'i' },
  ];
}

let bundleDir = '';
const trees: Array<() => void> = [];

beforeAll(() => {
  if (missing) return;
  bundleDir = mkdtempSync(join(tmpdir(), 'cronwarden-bundle-'));
  const r = spawnSync(ROLLDOWN, ['src/cli.ts', '--platform', 'node', '--format', 'esm', '--dir', bundleDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundling the CLI failed: ${r.stderr}`);
}, 60_000);

afterAll(() => {
  for (const t of trees) t();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(bundleDir, 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe.skipIf(missing !== null)('kill -9 of the real CLI', () => {
  it('at every rename of an apply: files stay old or new, and recover restores the exact tree', async () => {
    const probe = tempRoot(SPEC);
    trees.push(probe.cleanup);
    const counter = faultyFs(realFs(), Infinity, 'crash');
    await apply(makePlan(probe.dir, ops(probe.dir)), { root: probe.dir, io: collectIo(), yes: true, fs: counter.fs });
    const after = treeDigest(probe.dir);
    const renames = counter.log.filter((l) => l.split(' ')[1] === 'rename').length;
    // ensureStateDir (2 directories), the backup's staging and files directories and its
    // publication, and the three file writes: the copies inside the staging directory are written
    // in place, so they add none.
    expect(renames).toBe(8);
    await rollback({ root: probe.dir, io: collectIo(), yes: true });

    for (let n = 1; n <= renames; n++) {
      const t = tempRoot(SPEC);
      trees.push(t.cleanup);
      const start = treeDigest(t.dir);
      const planFile = join(t.dir, '..', `${t.dir.split('/').pop()}.plan.json`);
      writeFileSync(planFile, serializePlan(makePlan(t.dir, ops(t.dir))));
      trees.push(() => rmSync(planFile, { force: true }));
      const killed = cli(['apply', planFile, '--root', t.dir, '--yes'], { CRONWARDEN_TEST_CRASH_AT: `rename:${n}` });
      expect(killed.signal, `rename ${n}: ${killed.stderr}`).toBe('SIGKILL');
      for (const [path, value] of treeDigest(t.dir)) {
        if (/\/\.cronwarden-[0-9a-f]{16}$/.test(path)) continue;
        expect([start.get(path), after.get(path)], `rename ${n}: ${path}`).toContain(value);
      }
      const recovered = cli(['recover', '--root', t.dir]);
      expect(recovered.status, recovered.stderr).toBe(0);
      expect(digestText(treeDigest(t.dir)), `after kill at rename ${n}`).toBe(digestText(start));
      const list = cli(['backups', '--root', t.dir]);
      expect(list.stdout).not.toContain('interrupted');
    }
  }, 180_000);
});
