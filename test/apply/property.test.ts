// Property (issue 6): on random small trees, a random plan of writes, chmods, chowns, mkdirs and
// removals applied and then rolled back leaves the exact starting tree (bytes, modes, owners).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { rollback } from '../../src/apply/recover.js';
import type { Operation } from '../../src/core/operations.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, digestText, makePlan, treeDigest } from './helpers.js';

process.env.TMPDIR = '/dev/shm';

const OWNERS = [
  ['root', 'root', 0, 0],
  ['alice', 'alice', 1000, 1000],
  ['www-data', 'backup', 33, 34],
] as const;
const FILE_MODES = [0o600, 0o640, 0o644, 0o755, 0o700, 0o4755];
const DIR_MODES = [0o700, 0o750, 0o755, 0o1755];

const fileArb = fc.record({
  dir: fc.constantFrom('/opt/a', '/opt/a/b', '/srv'),
  name: fc.constantFrom('x', 'y', 'z.sh', 'w.conf'),
  content: fc.uint8Array({ maxLength: 48 }),
  mode: fc.constantFrom(...FILE_MODES),
  owner: fc.nat(OWNERS.length - 1),
});

const actionArb = fc.record({
  kind: fc.constantFrom('write', 'chmod', 'chown', 'mkdir', 'remove'),
  pick: fc.nat(),
  name: fc.constantFrom('n1', 'n2', 'n3'),
  content: fc.uint8Array({ maxLength: 48 }),
  mode: fc.nat(FILE_MODES.length - 1),
  owner: fc.nat(OWNERS.length - 1),
});

type Action = typeof actionArb extends fc.Arbitrary<infer T> ? T : never;

/** Turns abstract actions into a plan that is valid for the tree, tracking what exists. */
function planFor(root: string, actions: Action[]): Operation[] {
  const files = new Set<string>();
  const dirs = new Set<string>(['/opt/a', '/opt/a/b', '/srv']);
  const seen = (p: string) => before(root, p);
  for (const p of ['/opt/a', '/opt/a/b', '/srv']) for (const n of ['x', 'y', 'z.sh', 'w.conf']) if (seen(`${p}/${n}`).exists) files.add(`${p}/${n}`);
  const ops: Operation[] = [];
  for (const a of actions) {
    const pickOf = <T,>(xs: T[]): T | undefined => (xs.length ? xs[a.pick % xs.length] : undefined);
    const [owner, group] = OWNERS[a.owner] ?? OWNERS[0];
    const content = Buffer.from(a.content).toString('base64');
    if (a.kind === 'write') {
      const dir = pickOf([...dirs]) as string;
      const path = pickOf([...files, `${dir}/${a.name}`]) as string;
      ops.push({ op: 'write-file', path, before: seen(path), content, encoding: 'base64', mode: FILE_MODES[a.mode] ?? 0o644, owner, group, why: 'p' });
      files.add(path);
    } else if (a.kind === 'chmod') {
      const path = pickOf([...files, ...dirs]) as string;
      const mode = dirs.has(path) ? (DIR_MODES[a.mode % DIR_MODES.length] ?? 0o755) : (FILE_MODES[a.mode] ?? 0o644);
      ops.push({ op: 'chmod', path, before: seen(path), mode, why: 'p' });
    } else if (a.kind === 'chown') {
      const path = pickOf([...files, ...dirs]) as string;
      // Directories stay root-owned: apply rightly refuses to write through any other.
      ops.push({ op: 'chown', path, before: seen(path), owner: dirs.has(path) ? 'root' : owner, group, why: 'p' });
    } else if (a.kind === 'mkdir') {
      const path = `${pickOf([...dirs]) as string}/${a.name}.d`;
      if (dirs.has(path) || files.has(path)) continue;
      ops.push({ op: 'mkdir', path, before: seen(path), mode: DIR_MODES[a.mode % DIR_MODES.length] ?? 0o755, owner: 'root', group, why: 'p' });
      dirs.add(path);
    } else {
      const path = pickOf([...files]);
      if (!path) continue;
      ops.push({ op: 'remove-file', path, before: seen(path), why: 'p' });
      files.delete(path);
    }
  }
  return ops;
}

describe('apply then rollback', () => {
  it('is the identity on random trees and random plans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { maxLength: 6 }), fc.array(actionArb, { minLength: 1, maxLength: 8 }), async (files, actions) => {
        const spec: TreeSpec = { ...debianBase(), '/var/lib': { type: 'dir' }, '/opt/a/b': { type: 'dir' }, '/srv': { type: 'dir', mode: 0o750 } };
        for (const f of files) {
          const [, , uid, gid] = OWNERS[f.owner] ?? OWNERS[0];
          spec[`${f.dir}/${f.name}`] = { content: f.content, mode: f.mode, uid, gid };
        }
        const t = tempRoot(spec);
        try {
          const start = digestText(treeDigest(t.dir));
          const ops = planFor(t.dir, actions);
          fc.pre(ops.length > 0);
          await apply(makePlan(t.dir, ops), { root: t.dir, io: collectIo(), yes: true });
          await rollback({ root: t.dir, io: collectIo(), yes: true });
          expect(digestText(treeDigest(t.dir))).toBe(start);
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
