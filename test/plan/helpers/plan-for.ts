// Plans for small hosts built on the stock Debian tree, and the checks every plan must pass:
// rewritten crontabs parse (no new invalid line, every job's command passes the shell grammar) and
// lines no fix touched keep their bytes.

import { expect } from 'vitest';
import { parseCrontab } from '../../../src/core/crontab.js';
import type { Operation, Plan } from '../../../src/core/operations.js';
import { analyzeShell } from '../../../src/core/shell/index.js';
import type { Host } from '../../../src/core/types.js';
import { memoryHost } from '../../../src/host/memory-host.js';
import type { TreeSpec } from '../../../src/host/tree-spec.js';
import { decodeContent } from '../../../src/plan/host-state.js';
import { buildPlan, type PlanOptions } from '../../../src/plan/planner.js';
import { renderOperation } from '../../../src/plan/render.js';
import { scan } from '../../../src/scan.js';
import { debianBase } from '../../helpers/debian-base.js';

export interface Planned {
  plan: Plan;
  host: Host;
}

export function planFor(files: TreeSpec, options: PlanOptions = {}, without: string[] = []): Planned {
  const spec: TreeSpec = { ...debianBase(), ...files };
  for (const path of without) delete spec[path];
  const host = memoryHost(spec);
  const plan = buildPlan(scan(host), options);
  assertWellFormed(plan, host);
  return { plan, host };
}

const CRONTAB = /^\/etc\/crontab$|^\/etc\/cron\.d\/|^\/var\/spool\/cron\//;

function written(op: Operation): { path: string; text: string; bytes: Uint8Array } | null {
  if (op.op !== 'write-file' && op.op !== 'install-user-crontab') return null;
  const bytes = decodeContent(op.content, op.encoding);
  return { path: op.path, text: new TextDecoder().decode(bytes), bytes };
}

/** The new text the plan gives `path`, or null when it does not write it. */
export function newText(plan: Plan, path: string): string | null {
  for (const op of plan.operations) {
    const w = written(op);
    if (w?.path === path) return w.text;
  }
  return null;
}

/** Every operation but file contents, one line each, in plan order. */
export function steps(plan: Plan, host: Host): string[] {
  return plan.operations.map((op) => {
    const w = written(op);
    if (w) return `write ${w.path}`;
    return op.op === 'remove-file' ? `remove ${op.path}` : renderOperation(op, host).replace(/: .*\n$/, '');
  });
}

export function assertWellFormed(plan: Plan, host: Host): void {
  const touched = new Set(plan.fixed.filter((f) => f.line !== null).map((f) => `${f.path}:${f.line}`));
  for (const op of plan.operations) {
    const w = written(op);
    if (!w || !CRONTAB.test(w.path)) continue;
    const flavor = w.path.startsWith('/var/spool/') ? 'user' : 'system';
    const after = parseCrontab(w.bytes, flavor);
    const old = host.lstat(w.path) ? parseCrontab(host.readFile(w.path), flavor) : null;
    const oldTexts = new Set((old?.lines ?? []).map((l) => l.text));
    for (const line of after.lines) {
      // Lines the plan wrote, not ones it left as they were (broken or not).
      if (oldTexts.has(line.text)) continue;
      expect(line.kind, `${w.path}:${line.number} does not parse: ${line.reason}`).not.toBe('invalid');
      if (line.job) expect(analyzeShell(line.job.command).error, `${w.path}:${line.number} shell syntax`).toBeNull();
    }
    if (!old) continue;
    // Untouched lines keep their bytes, in order (a subsequence of the new file).
    const kept = old.lines.filter((l) => !touched.has(`${w.path}:${l.number}`) && !/\r|[\u0000-\u0008\u000b-\u001f]/.test(l.text)).map((l) => l.text);
    let at = 0;
    for (const line of after.lines) if (at < kept.length && line.text === kept[at]) at++;
    expect(kept.slice(at), `${w.path}: untouched lines changed or went missing`).toEqual([]);
  }
}
