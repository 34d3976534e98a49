// Turns the changes every accepted fix asked for into one ordered list of operations. Wishes for
// the same line merge into one patch, wishes for the same path into one chown and one chmod; a
// wish that contradicts an earlier one is refused (ESLint's "overlapping fixes"), and so is a fix
// whose rewritten line would not parse. A refused fix takes all of its changes with it, then the
// rest is assembled again, so the plan keeps every fix that is safe.

import type { Operation } from '../core/operations.js';
import type { Finding, Job, Source } from '../core/types.js';
import { composeJobLine } from './compose-job.js';
import { canonicalJson } from './plan-file.js';
import { composeSource, emptyPatches, movedFileContent, movedFiles, type MovedJob, type SourcePatches } from './compose-source.js';
import { encodeContent, groupName, userName } from './host-state.js';
import { logFileOperations } from './log-files.js';
import { orderOperations } from './order.js';
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

type Attrs = { owner?: string; group?: string; mode?: number; set: number; clear: number };

interface State {
  sources: Map<string, SourcePatches & { owners: Map<number, Attempt[]>; history: Map<number, Array<{ attempt: Attempt; patch: LinePatch }>>; renameTo: string | null }>;
  attrs: Map<string, Attrs & { by: Attempt[] }>;
  ops: Map<string, { op: Operation; by: Attempt[] }>;
}

export function assemble(attempts: readonly Attempt[], ctx: PlanContext): Assembly {
  const failed: Assembly['failed'] = [];
  let live = [...attempts];
  for (;;) {
    const round = tryAssemble(live, ctx);
    if (round.failures.size === 0) return { operations: round.operations, fixed: live, failed };
    for (const [attempt, reason] of round.failures) failed.push({ attempt, reason });
    live = live.filter((a) => !round.failures.has(a));
  }
}

function tryAssemble(attempts: readonly Attempt[], ctx: PlanContext): { operations: Operation[]; failures: Map<Attempt, string> } {
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
    const source = ctx.source(path);
    if (!source?.parsed) {
      fail([...patches.owners.values()].flat(), `${path} is not a crontab cronwarden could read`);
      continue;
    }
    const jobs = ctx.jobsIn(path);
    const composed = composeSource(source, jobs, patches);
    for (const [line, reason] of composed.failed) {
      const culprit = blame(source, jobs.get(line), line, patches.history.get(line) ?? []);
      fail(culprit ? [culprit] : (patches.owners.get(line) ?? []), `line ${line}: ${reason}`);
    }
    const attrs = state.attrs.get(path);
    state.attrs.delete(path);
    const owners = [...patches.owners.values()].flat();
    push([...owners, ...(attrs?.by ?? [])], ...writeSource(ctx, source, composed.bytes, patches.renameTo, attrs, `fixes ${rulesOf([...owners, ...(attrs?.by ?? [])])}`, (reason) => fail(owners, reason)));
    for (const m of composed.moved) moved.push({ ...m, by: patches.owners.get(m.job.line) ?? [] });
    for (const [line, patch] of patches.lines) {
      const job = jobs.get(line);
      if (patch.logging?.kind === 'file' && job && !composed.failed.has(line)) {
        push(patches.owners.get(line) ?? [], ...logFileOperations(ctx, patch.logging.file, patch.move?.user ?? job.user ?? 'root'));
      }
    }
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
  for (const [path, attrs] of state.attrs) push(attrs.by, ...attrOperations(ctx, path, attrs, (reason) => fail(attrs.by, reason)));
  for (const { op, by } of state.ops.values()) push(by, op);
  const ordered = orderOperations(dedupe(operations));
  for (const { op, reason } of unsafeParents(ctx, ordered)) fail(causes.get(op) ?? [], reason);
  return { operations: ordered, failures };
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
  const keys = new Set([...Object.keys(existing), ...Object.keys(patch)]);
  if (keys.has('text') && [...keys].some((k) => k !== 'text' && k !== 'clean')) return `another fix rewrites ${change.path}:${change.line} as a whole`;
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
      by: [...a.by, attempt],
    });
    return;
  }
  if (change.kind === 'op') {
    const key = opKey(change.op);
    const existing = state.ops.get(key);
    state.ops.set(key, { op: existing?.op ?? change.op, by: [...(existing?.by ?? []), attempt] });
    return;
  }
  const s = state.sources.get(change.path) ?? { ...emptyPatches(), owners: new Map(), history: new Map(), renameTo: null };
  state.sources.set(change.path, s);
  const own = (line: number): void => {
    s.owners.set(line, [...(s.owners.get(line) ?? []), attempt]);
  };
  switch (change.kind) {
    case 'line': {
      const existing = s.lines.get(change.line) ?? {};
      const merged: LinePatch = { ...existing, ...change.patch };
      if (existing.absolute && change.patch.absolute) merged.absolute = { ...existing.absolute, ...change.patch.absolute };
      s.lines.set(change.line, merged);
      s.history.set(change.line, [...(s.history.get(change.line) ?? []), { attempt, patch: change.patch }]);
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

/** The fix whose patch first makes the line fail to compose (earlier fixes on it stay). */
function blame(source: Source, job: Job | undefined, number: number, history: Array<{ attempt: Attempt; patch: LinePatch }>): Attempt | null {
  const line = source.parsed?.lines[number - 1];
  if (!job || !line) return null;
  let merged: LinePatch = {};
  for (const { attempt, patch } of history) {
    merged = { ...merged, ...patch, ...(merged.absolute && patch.absolute ? { absolute: { ...merged.absolute, ...patch.absolute } } : {}) };
    if (!merged.remove && !composeJobLine(line, job, merged).ok) return attempt;
  }
  return null;
}

/** The new content of a source, as a write (or `crontab -u` for a spool file), with its owner
 *  and mode wishes folded in (one operation per path: preconditions stay those of plan time). */
function writeSource(ctx: PlanContext, source: Source, bytes: Uint8Array, renameTo: string | null, attrs: Attrs | undefined, why: string, fail: (reason: string) => void): Operation[] {
  const before = ctx.precondition(source.path);
  if (!before?.exists || !source.info) {
    fail(`${source.path} is not a regular file cronwarden can rewrite`);
    return [];
  }
  const { content, encoding } = encodeContent(bytes);
  if (source.kind === 'user' && source.crontabUser && !renameTo) {
    return [{ op: 'install-user-crontab', user: source.crontabUser, path: source.path, before, content, encoding, why }];
  }
  const info = source.info;
  const mode = attrs?.mode ?? (info.mode | (attrs?.set ?? 0)) & ~(attrs?.clear ?? 0);
  const owner = attrs?.owner ?? userName(ctx.host, info.uid) ?? String(info.uid);
  const group = attrs?.group ?? groupName(ctx.host, info.gid) ?? String(info.gid);
  if (!renameTo) return [{ op: 'write-file', path: source.path, before, content, encoding, mode, owner, group, why }];
  const target = ctx.precondition(renameTo);
  if (target?.exists !== false) {
    fail(`cannot rename ${source.path} to ${renameTo}: that name is taken`);
    return [];
  }
  return [
    { op: 'write-file', path: renameTo, before: target, content, encoding, mode, owner, group, why: `${source.path} under a name cron reads (${why})` },
    { op: 'remove-file', path: source.path, before, why: `renamed to ${renameTo}` },
  ];
}

function attrOperations(ctx: PlanContext, path: string, attrs: Attrs & { by: Attempt[] }, fail: (reason: string) => void): Operation[] {
  const before = ctx.precondition(path);
  if (!before?.exists) {
    fail(before === null ? `${path} is a symlink or special file: cronwarden changes only regular files and directories` : `${path} does not exist`);
    return [];
  }
  const ops: Operation[] = [];
  const owner = attrs.owner ?? userName(ctx.host, before.uid) ?? String(before.uid);
  const group = attrs.group ?? groupName(ctx.host, before.gid) ?? String(before.gid);
  const chown = owner !== userName(ctx.host, before.uid) || group !== groupName(ctx.host, before.gid);
  const why = `fixes ${rulesOf(attrs.by)}`;
  if (chown) ops.push({ op: 'chown', path, before, owner, group, why });
  const mode = attrs.mode ?? (before.mode | attrs.set) & ~attrs.clear;
  // chown(2) clears setuid/setgid on files: restate the mode after it.
  if (mode !== before.mode || (chown && before.type === 'file' && mode & 0o6000)) ops.push({ op: 'chmod', path, before, mode, why });
  return ops;
}

/** apply writes only through real, root-owned directories nobody else can write (a user who can
 *  rename entries in a parent could swap the file under it): operations below any other directory
 *  are refused here, unless an earlier operation of the plan fixes that directory. */
function unsafeParents(ctx: PlanContext, ops: readonly Operation[]): Array<{ op: Operation; reason: string }> {
  const dirs = new Map<string, { uid: number | null; mode: number }>();
  const refused: Array<{ op: Operation; reason: string }> = [];
  for (const op of ops) {
    if (!('path' in op)) continue;
    const parts = op.path.split('/').filter(Boolean).slice(0, -1);
    for (let i = 0; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      const info = ctx.host.lstat(dir);
      const known = dirs.get(dir);
      if (!info && known) continue;
      if (!info || info.type !== 'dir') {
        refused.push({ op, reason: `${dir} is ${info ? (info.type === 'symlink' ? 'a symlink' : 'not a directory') : 'missing'}: cronwarden writes ${op.path} only through real directories` });
        break;
      }
      const uid = known ? known.uid : info.uid;
      const mode = known?.mode ?? info.mode;
      if (uid !== 0 || mode & 0o002) {
        refused.push({ op, reason: `${dir} is ${uid !== 0 ? 'owned by another user' : 'writable by everyone'}: that user could swap ${op.path} under cronwarden; fix ${dir} first` });
        break;
      }
    }
    const info = ctx.host.lstat(op.path);
    const current = dirs.get(op.path) ?? (info?.type === 'dir' ? { uid: info.uid, mode: info.mode } : null);
    if (op.op === 'mkdir') dirs.set(op.path, { uid: op.owner === 'root' ? 0 : null, mode: op.mode });
    else if (current && op.op === 'chmod') dirs.set(op.path, { ...current, mode: op.mode });
    else if (current && op.op === 'chown') dirs.set(op.path, { ...current, uid: op.owner === 'root' ? 0 : null });
  }
  return refused;
}

function rulesOf(attempts: readonly Attempt[]): string {
  return [...new Set(attempts.map((a) => a.finding.rule))].sort().join(', ');
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
  const seen = new Set<string>();
  return ops.filter((op) => {
    const { why: _w, ...rest } = op;
    const key = canonicalJson(rest);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
