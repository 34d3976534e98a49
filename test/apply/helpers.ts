// Shared by the apply tests: plans sealed like real ones, a full tree digest (path, type, bytes,
// mode, uid, gid), a collecting Io, and a file-system layer that fails exactly one chosen step.

import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import type { Io } from '../../src/cli/io.js';
import type { Operation, Plan, Precondition } from '../../src/core/operations.js';
import type { FsLayer } from '../../src/apply/fs-layer.js';
import { sealPlan } from '../../src/plan/plan-file.js';
import type { TreeNode } from '../../src/host/tree-spec.js';
import { DEBIAN_GROUP } from '../helpers/debian-base.js';

export function makePlan(root: string, operations: Operation[]): Plan {
  return sealPlan({
    version: 1,
    tool: 'cronwarden',
    toolVersion: '0.1.0',
    createdAt: '2026-11-25T09:00:00Z',
    root,
    fingerprints: [],
    operations,
    fixed: [],
    unfixed: [],
    checkByHand: [],
  });
}

/** /etc/gshadow matching the stock Debian groups (root:shadow 0640), as shadow-utils keeps it. */
export function debianGshadow(): TreeNode {
  const lines = DEBIAN_GROUP.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*::${l.split(':')[3] ?? ''}\n`);
  return { content: lines.join(''), mode: 0o640, gid: 42 };
}

/** The precondition of a path as it is on disk now (what the planner would have recorded). */
export function before(root: string, hostPath: string): Precondition {
  const st = lstatSync(root + hostPath, { throwIfNoEntry: false });
  if (!st) return { exists: false };
  const base = { exists: true as const, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  if (st.isDirectory()) return { ...base, type: 'dir' };
  return { ...base, type: 'file', sha256: createHash('sha256').update(readFileSync(root + hostPath)).digest('hex') };
}

/** path → "type mode uid gid content-hash" for every entry under the root except cronwarden's own
 *  state directory. */
export function treeDigest(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (host: string): void => {
    for (const name of readdirSync(root + host).sort()) {
      const path = `${host}/${name}`;
      if (path === '/var/lib/cronwarden') continue;
      const st = lstatSync(root + path);
      const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid} ${st.gid}`;
      if (st.isDirectory()) {
        out.set(path, `dir ${meta}`);
        walk(path);
      } else if (st.isSymbolicLink()) out.set(path, `symlink ${readlinkSync(root + path)} ${st.uid} ${st.gid}`);
      else out.set(path, `file ${meta} ${createHash('sha256').update(readFileSync(root + path)).digest('hex')} nlink ${st.nlink}`);
    }
  };
  walk('');
  return out;
}

export function digestText(d: Map<string, string>): string {
  return [...d].map(([p, v]) => `${p} ${v}`).join('\n');
}

export function collectIo(isTTY = false): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    color: false,
    isTTY,
    stdout: () => out,
    stderr: () => err,
  };
}

export type Fault = 'throw' | 'ENOSPC' | 'EACCES' | 'EXDEV' | 'crash';

/** What the layer throws once the simulated process is dead: every later call fails too, so no
 *  cleanup code can run — just as after kill -9. */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash (process killed)');
  }
}

const STEPS: readonly Step[] = ['open', 'close', 'read', 'write', 'fsync', 'fsyncAll', 'fstat', 'fchmod', 'fchown', 'futimes', 'lstat', 'rename', 'link', 'unlink', 'mkdir', 'rmdir', 'readdir', 'run'];
type Step = 'open' | 'close' | 'read' | 'write' | 'fsync' | 'fsyncAll' | 'fstat' | 'fchmod' | 'fchown' | 'futimes' | 'lstat' | 'rename' | 'link' | 'unlink' | 'mkdir' | 'rmdir' | 'readdir' | 'run';

/** The steps where each fault can really happen: ENOSPC where blocks or inodes are allocated,
 *  EXDEV only on rename/link, EACCES on anything that checks permissions; a plain throw and a
 *  crash anywhere. */
export const FAULT_STEPS: Record<Fault, ReadonlySet<Step>> = {
  throw: new Set(STEPS),
  crash: new Set(STEPS),
  ENOSPC: new Set<Step>(['open', 'write', 'fsync', 'fsyncAll', 'mkdir', 'link', 'rename']),
  EXDEV: new Set<Step>(['rename', 'link']),
  EACCES: new Set<Step>(['open', 'mkdir', 'rename', 'link', 'unlink', 'rmdir', 'fchown', 'fchmod', 'futimes', 'lstat', 'readdir', 'run']),
};

/** Wraps a layer so that call number `at` among the steps where `fault` can happen fails with it.
 *  at = Infinity only counts. */
export function faultyFs(base: FsLayer, at: number, fault: Fault): { fs: FsLayer; calls: () => number; log: string[] } {
  let count = 0;
  let dead = false;
  const log: string[] = [];
  const fs = { ...base } as FsLayer;
  for (const step of STEPS) {
    const original = base[step] as (...a: unknown[]) => unknown;
    (fs as unknown as Record<string, unknown>)[step] = (...args: unknown[]) => {
      if (dead) throw new SimulatedCrash();
      if (!FAULT_STEPS[fault].has(step)) return original(...args);
      count += 1;
      log.push(`${count} ${step} ${typeof args[0] === 'string' ? args[0] : ''}`);
      if (count === at) {
        if (fault === 'crash') {
          dead = true;
          throw new SimulatedCrash();
        }
        if (fault === 'throw') throw new Error(`injected failure at ${step}`);
        const error = new Error(`${fault}: injected at ${step}`) as NodeJS.ErrnoException;
        error.code = fault;
        throw error;
      }
      return original(...args);
    };
  }
  return { fs, calls: () => count, log };
}
