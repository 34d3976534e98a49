// Turns the changes every accepted fix asked for into one ordered list of operations. Wishes for
// the same line merge into one patch, wishes for the same path into one chown and one chmod; a
// wish that contradicts an earlier one is refused (ESLint's "overlapping fixes"), and so is a fix
// whose rewritten line would not parse. A refused fix takes all of its changes with it, then the
// rest is assembled again, so the plan keeps every fix that is safe.

import type { Operation } from '../core/operations.js';
import type { Finding } from '../core/types.js';
import { canonicalJson } from './plan-file.js';
import { emptyPatches, movedFileContent, movedFiles, type MovedJob } from './compose-source.js';
import { encodeContent } from './host-state.js';
import { attrOperations, unsafeParents, type Attrs } from './path-operations.js';
import { orderOperations } from './order.js';
import { rulesOf, sourceOutcome, type SourceOutcome, type SourceState } from './source-outcome.js';
import type { Change, LinePatch, PlanContext } from './types.js';

export interface Attempt {
  finding: Finding;
  changes: Change[];
  checkByHand: string[];
}

export interface Assembly {
  operations: Operation[];
  fixed: Attempt[];
  failed: Array<{ attempt: Attempt; reason: string }>;
}

interface State {
  sources: Map<string, SourceState>;
  attrs: Map<string, Attrs & { by: Attempt[] }>;
  ops: Map<string, { op: Operation; by: Attempt[] }>;
}

export function assemble(attempts: readonly Attempt[], ctx: PlanContext): Assembly {
  const failed: Assembly['failed'] = [];
  let live = [...attempts];
  // A refused fix sends every other one round again, but most sources keep the same fixes: their
  // composition (the costly part of a round) is taken from the round before.
  const outcomes = new Map<string, SourceOutcome>();
  for (;;) {
    const round = tryAssemble(live, ctx, outcomes);
    if (round.failures.size === 0) return { operations: round.operations, fixed: live, failed };
    for (const [attempt, reason] of round.failures) failed.push({ attempt, reason });
    live = live.filter((a) => !round.failures.has(a));
  }
}

function tryAssemble(attempts: readonly Attempt[], ctx: PlanContext, outcomes: Map<string, SourceOutcome>): { operations: Operation[]; failures: Map<Attempt, string> } {
  const state: State = { sources: new Map(), attrs: new Map(), ops: new Map() };
  const failures = new Map<Attempt, string>();
  for (const attempt of attempts) {
    const conflict = attempt.changes.map((c) => conflictOf(state, c)).find((c) => c !== null);
    if (conflict) failures.set(attempt, conflict);
    else for (const change of attempt.changes) commit(state, change, attempt);
  }
  if (failures.size > 0) return { operations: [], failures };
  const operations: Operation[] = [];
  const causes = new Map<Operation, Attempt[]>();
  const push = (by: Attempt[], ...ops: Operation[]): void => {
    for (const op of ops) {
      operations.push(op);
      causes.set(op, by);
    }
  };
  const moved: Array<MovedJob & { by: Attempt[] }> = [];
  const fail = (by: readonly Attempt[], reason: string): void => {
    for (const a of by) if (!failures.has(a)) failures.set(a, reason);
  };
  for (const [path, patches] of state.sources) {
    const attrs = state.attrs.get(path);
    let outcome = outcomes.get(path);
    if (!outcome || !sameList(outcome.by, patches.by) || !sameList(outcome.attrsBy, attrs?.by)) {
      outcome = sourceOutcome(ctx, path, patches, attrs);
      outcomes.set(path, outcome);
    }
    if (outcome.tookAttrs) state.attrs.delete(path);
    for (const event of outcome.events) {
      if ('push' in event) push(event.push, ...event.ops);
      else fail(event.fail, event.reason);
    }
    moved.push(...outcome.moved);
  }
  for (const file of movedFiles(moved, (path) => ctx.host.lstat(path) !== null)) {
    const before = ctx.precondition(file.path);
    if (before?.exists !== false) {
      fail(file.jobs.flatMap((j) => j.by), `${file.path} already exists`);
      continue;
    }
    const { content, encoding } = encodeContent(new TextEncoder().encode(movedFileContent(file.user, file.jobs)));
    const ids = file.jobs.map((j) => j.job.id).join(', ');
    push(file.jobs.flatMap((j) => j.by), { op: 'write-file', path: file.path, before, content, encoding, mode: 0o644, owner: 'root', group: 'root', why: `run ${ids} as ${file.user}` });
  }
  for (const [path, attrs] of state.attrs) push(attrs.by, ...attrOperations(ctx, path, attrs, `fixes ${rulesOf(attrs.by)}`, (reason) => fail(attrs.by, reason)));
  for (const { op, by } of state.ops.values()) push(by, op);
  const ordered = orderOperations(dedupe(operations));
  for (const { op, reason } of unsafeParents(ctx, ordered)) fail(causes.get(op) ?? [], reason);
  return { operations: ordered, failures };
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function conflictOf(state: State, change: Change): string | null {
  switch (change.kind) {
    case 'line': {
      const existing = state.sources.get(change.path)?.lines.get(change.line);
      return existing ? patchConflict(existing, change.patch, change) : null;
    }
    case 'path-line': {
      const s = state.sources.get(change.path);
      const current = change.line === null ? s?.pathInsert : s?.pathReplace.get(change.line);
      return current != null && current !== change.value ? `another fix sets PATH in ${change.path} differently` : null;
    }
    case 'rename': {
      const s = state.sources.get(change.path);
      return s?.renameTo && s.renameTo !== change.to ? `another fix renames ${change.path} differently` : null;
    }
    case 'attrs': {
      const a = state.attrs.get(change.path);
      if (!a) return null;
      if ((a.owner && change.owner && a.owner !== change.owner) || (a.group && change.group && a.group !== change.group)) {
        return `another fix gives ${change.path} a different owner (${a.owner ?? '-'}:${a.group ?? '-'})`;
      }
      if ((a.mode !== undefined && change.mode !== undefined && a.mode !== change.mode) || ((change.set ?? 0) & a.clear) || ((change.clear ?? 0) & a.set)) {
        return `another fix sets the mode of ${change.path} differently`;
      }
      return null;
    }
    case 'op': {
      const existing = state.ops.get(opKey(change.op));
      return existing && !sameOp(existing.op, change.op) ? `another fix already changes ${opKey(change.op)} differently` : null;
    }
    default:
      return null;
  }
}

function patchConflict(existing: LinePatch, patch: LinePatch, change: { path: string; line: number }): string | null {
  // Removing a line settles every other fix on it, except a move: that one creates a user and a
  // file for a job that would not exist.
  if ((existing.remove && patch.move) || (existing.move && patch.remove)) return `another fix both removes and moves ${change.path}:${change.line}`;
  if (existing.remove || patch.remove) return null;
  for (const [key, value] of Object.entries(patch) as Array<[keyof LinePatch, unknown]>) {
    const current = existing[key];
    if (current === undefined) continue;
    if (key === 'absolute') {
      const a = current as Record<string, string>;
      if (Object.entries(value as Record<string, string>).some(([w, p]) => a[w] !== undefined && a[w] !== p)) return `another fix rewrites a command word on ${change.path}:${change.line} differently`;
      continue;
    }
    if (canonicalJson(current) !== canonicalJson(value)) return `another fix already changes ${key} on ${change.path}:${change.line}`;
  }
  return null;
}

function commit(state: State, change: Change, attempt: Attempt): void {
  if (change.kind === 'attrs') {
    const a = state.attrs.get(change.path) ?? { set: 0, clear: 0, by: [] };
    state.attrs.set(change.path, {
      owner: change.owner ?? a.owner,
      group: change.group ?? a.group,
      mode: change.mode ?? a.mode,
      set: a.set | (change.set ?? 0),
      clear: a.clear | (change.clear ?? 0),
      by: append(a.by, attempt),
    });
    return;
  }
  if (change.kind === 'op') {
    const key = opKey(change.op);
    const existing = state.ops.get(key);
    state.ops.set(key, { op: existing?.op ?? change.op, by: append(existing?.by ?? [], attempt) });
    return;
  }
  const s = state.sources.get(change.path) ?? { ...emptyPatches(), owners: new Map(), history: new Map(), renameTo: null, by: [] as Attempt[] };
  state.sources.set(change.path, s);
  if (s.by[s.by.length - 1] !== attempt) s.by.push(attempt);
  const own = (line: number): void => {
    s.owners.set(line, append(s.owners.get(line) ?? [], attempt));
  };
  switch (change.kind) {
    case 'line': {
      const existing = s.lines.get(change.line) ?? {};
      const merged: LinePatch = { ...existing, ...change.patch };
      if (existing.absolute && change.patch.absolute) merged.absolute = { ...existing.absolute, ...change.patch.absolute };
      s.lines.set(change.line, merged);
      s.history.set(change.line, append(s.history.get(change.line) ?? [], { attempt, patch: change.patch }));
      own(change.line);
      return;
    }
    case 'final-newline':
      s.finalNewline = true;
      own(0);
      return;
    case 'path-line':
      if (change.line === null) s.pathInsert = change.value;
      else s.pathReplace.set(change.line, change.value);
      own(change.line ?? 0);
      return;
    case 'rename':
      s.renameTo = change.to;
      own(0);
      return;
  }
}

/** In place: the lists belong to one round's state, and a family's user or a shared script
 *  collects thousands of fixes (copying the list each time was quadratic). */
function append<T>(list: T[], item: T): T[] {
  list.push(item);
  return list;
}

function opKey(op: Operation): string {
  return 'path' in op ? `${op.op} ${op.path}` : op.op === 'create-user' ? `user ${op.name}` : op.op === 'set-shell' ? `shell ${op.user}` : `group ${op.user} ${op.group}`;
}

function sameOp(a: Operation, b: Operation): boolean {
  const { why: _a, ...restA } = a;
  const { why: _b, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
}

function dedupe(ops: Operation[]): Operation[] {
  // Equal operations share their opKey: only those that share one are compared in full (the full
  // form carries whole file contents).
  const shared = new Map<string, number>();
  for (const op of ops) shared.set(opKey(op), (shared.get(opKey(op)) ?? 0) + 1);
  const seen = new Set<string>();
  return ops.filter((op) => {
    if (shared.get(opKey(op)) === 1) return true;
    const { why: _w, ...rest } = op;
    const key = canonicalJson(rest);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
