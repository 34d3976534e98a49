// The operations for one path: a source's new content (with its owner and mode wishes folded in),
// the chown/chmod of a path, and the check apply makes before it writes anywhere — every directory
// above the path root's and not writable by others.

import type { Operation } from '../core/operations.js';
import type { FileInfo, Source } from '../core/types.js';
import { memo } from '../rules/rule.js';
import { encodeContent, groupName, userName } from './host-state.js';
import type { PlanContext } from './types.js';

export type Attrs = { owner?: string; group?: string; mode?: number; set: number; clear: number };

/** The new content of a source, as a write (or `crontab -u` for a spool file), with its owner
 *  and mode wishes folded in (one operation per path: preconditions stay those of plan time). */
export function writeSource(ctx: PlanContext, source: Source, bytes: Uint8Array, renameTo: string | null, attrs: Attrs | undefined, why: string, fail: (reason: string) => void): Operation[] {
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

export function attrOperations(ctx: PlanContext, path: string, attrs: Attrs, why: string, fail: (reason: string) => void): Operation[] {
  const before = ctx.precondition(path);
  if (!before?.exists) {
    fail(before === null ? `${path} is a symlink or special file: cronwarden changes only regular files and directories` : `${path} does not exist`);
    return [];
  }
  const ops: Operation[] = [];
  const owner = attrs.owner ?? userName(ctx.host, before.uid) ?? String(before.uid);
  const group = attrs.group ?? groupName(ctx.host, before.gid) ?? String(before.gid);
  const chown = owner !== userName(ctx.host, before.uid) || group !== groupName(ctx.host, before.gid);
  if (chown) ops.push({ op: 'chown', path, before, owner, group, why });
  const mode = attrs.mode ?? (before.mode | attrs.set) & ~attrs.clear;
  // chown(2) clears setuid/setgid on files: restate the mode after it.
  if (mode !== before.mode || (chown && before.type === 'file' && mode & 0o6000)) ops.push({ op: 'chmod', path, before, mode, why });
  return ops;
}

/** lstat of a parent directory, once per directory and scan: every operation of a plan asks. */
export function dirInfo(ctx: PlanContext, dir: string): FileInfo | null {
  const known = memo(ctx.rules, 'plan:parent-lstat', () => new Map<string, FileInfo | null>());
  let info = known.get(dir);
  if (info === undefined) known.set(dir, (info = ctx.host.lstat(dir)));
  return info;
}

/** apply writes only through real, root-owned directories nobody else can write (a user who can
 *  rename entries in a parent could swap the file under it): operations below any other directory
 *  are refused here, unless an earlier operation of the plan fixes that directory. */
export function unsafeParents(ctx: PlanContext, ops: readonly Operation[]): Array<{ op: Operation; reason: string }> {
  const dirs = new Map<string, { uid: number | null; mode: number }>();
  const refused: Array<{ op: Operation; reason: string }> = [];
  for (const op of ops) {
    if (!('path' in op)) continue;
    const parts = op.path.split('/').filter(Boolean).slice(0, -1);
    for (let i = 0; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      const info = dirInfo(ctx, dir);
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
