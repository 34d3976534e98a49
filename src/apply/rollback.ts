// Rollback: put every path the apply touched back exactly as the manifest recorded it (bytes,
// mode, owner), remove what it created, and refuse — unless --force — where someone changed a
// path after the apply. Running it twice is the same as once: a path already in its old state is
// left alone. Also used to undo a failed apply at once, and by `recover` after a crash.

import { posix } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { RefusedError } from '../core/errors.js';
import { decodeContent } from '../plan/host-state.js';
import { undoAccounts } from './account-undo.js';
import { makeCronNotice, removeDir, removeFile, setModeOwner, TEMP_NAME, writeFileAtomic } from './atomic-write.js';
import { appendJournal, BACKUPS_DIR, readBackup, readCopy, STATE_DIR, type Backup, type ManifestEntry } from './backup-store.js';
import type { FsLayer } from './fs-layer.js';
import { describeState, inspect, readRegular, sameState, toAbs, tryLstat, type Inspected, type PathState } from './safe-fs.js';
import { cronDirOf, crontabFlavorOf } from './validate-crontab.js';

export interface RollbackOptions {
  force?: boolean;
  removeUsers?: boolean;
  /** Leave paths someone else changed alone instead of refusing (undo right after a failure). */
  keepConflicts?: boolean;
}

export interface RollbackReport {
  id: string;
  /** One line per change made, for the user. */
  lines: string[];
  /** Paths left alone because someone else changed them (keepConflicts). */
  kept: string[];
}

interface Assessed {
  entry: ManifestEntry;
  original: PathState;
  current: Inspected;
  conflict: string | null;
  /** Only chmod/chown touched the path: its content is not ours (a job's data file the apply
   *  handed to the job's user keeps changing), so only type, mode and owner are compared and put
   *  back. */
  metaOnly: boolean;
}

const CONTENT_OPS = new Set(['write-file', 'install-user-crontab', 'remove-file', 'mkdir']);

function sameMeta(a: PathState, b: PathState): boolean {
  if (!a.exists || !b.exists) return a.exists === b.exists;
  return a.type === b.type && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
}

const settled = (a: Assessed): boolean => (a.metaOnly ? sameMeta : sameState)(a.current.state, a.original);

function originalState(e: ManifestEntry): PathState {
  if (!e.existed || !e.type) return { exists: false };
  return { exists: true, type: e.type, sha256: e.sha256, mode: e.mode ?? 0, uid: e.uid ?? 0, gid: e.gid ?? 0 };
}

const depth = (p: string): number => p.split('/').length;

/** Content the apply left at a path (the last write journaled), for the diff shown on a conflict. */
function leftContent(fs: FsLayer, root: string, backup: Backup, e: ManifestEntry): string {
  const started = backup.journal.filter((j) => j.e === 'op-start' && j.path === e.path).map((j) => (j.e === 'op-start' ? j.i : -1));
  for (const i of started.reverse()) {
    const op = backup.manifest.operations[i];
    if (op && (op.op === 'write-file' || op.op === 'install-user-crontab')) return Buffer.from(decodeContent(op.content, op.encoding)).toString('utf8');
    if (op?.op === 'remove-file') return '';
  }
  return e.copy ? Buffer.from(readCopy(fs, root, backup.manifest.id, e.copy)).toString('utf8') : '';
}

function assess(fs: FsLayer, root: string, backup: Backup): Assessed[] {
  const created = new Set(backup.manifest.paths.filter((e) => !e.existed).map((e) => e.path));
  const paths = new Map(backup.journal.flatMap((j) => (j.e === 'op-start' ? [[j.i, j.path] as const] : [])));
  return backup.manifest.paths.map((entry) => {
    const original = originalState(entry);
    const current = inspect(fs, toAbs(root, entry.path));
    const metaOnly = !backup.manifest.operations.some((op) => 'path' in op && op.path === entry.path && CONTENT_OPS.has(op.op));
    const same = metaOnly ? sameMeta : sameState;
    const intended = backup.journal.flatMap((j) => {
      if (j.e === 'op-start' && j.path === entry.path && j.intended) return [j.intended];
      if (j.e === 'op-done' && j.result && paths.get(j.i) === entry.path) return [j.result];
      return [];
    });
    let conflict: string | null = null;
    const state = current.state;
    if (state.exists && state.type !== 'file' && state.type !== 'dir') {
      conflict = `${entry.path} is now a ${state.type}`;
    } else if (!same(state, original) && !intended.some((s) => same(s, state))) {
      const now = state.exists && state.type === 'file' && !metaOnly ? Buffer.from(readRegular(fs, toAbs(root, entry.path), current.stats ?? undefined)).toString('utf8') : '';
      const diff = createTwoFilesPatch(`${entry.path} (as the apply left it)`, `${entry.path} (now)`, leftContent(fs, root, backup, entry), now, undefined, undefined, {
        headerOptions: FILE_HEADERS_ONLY,
      });
      conflict = `${entry.path} changed after the apply (now: ${describeState(state)})\n${metaOnly ? '' : diff}`;
    } else if (!original.exists && state.exists && state.type === 'dir') {
      const foreign = fs.readdir(toAbs(root, entry.path)).filter((n) => !created.has(`${entry.path}/${n}`) && !TEMP_NAME.test(n));
      if (foreign.length) conflict = `${entry.path}, created by the apply, now holds ${foreign.join(', ')}`;
    }
    return { entry, original, current, conflict, metaOnly };
  });
}

function restore(fs: FsLayer, root: string, backup: Backup, items: Assessed[], lines: string[]): void {
  const id = backup.manifest.id;
  const todo = items.filter((a) => !settled(a));
  const byDepth = (a: Assessed, b: Assessed): number => depth(b.entry.path) - depth(a.entry.path);
  const notice: string[] = [];
  const changed = (e: ManifestEntry, what: string): void => {
    lines.push(`${what} ${e.path}`);
    if (crontabFlavorOf(e.path)) notice.push(e.path);
  };
  // Live user crontabs too are put back byte for byte through the writer (crontab(1) would stamp
  // a new header on them); makeCronNotice then pokes the spool directory as crontab(1) does.
  for (const a of todo.filter((x) => !x.original.exists && x.current.state.exists && x.current.state.type === 'file').sort(byDepth)) {
    removeFile(fs, root, a.entry.path, a.current.stats!);
    changed(a.entry, 'removed');
  }
  for (const a of todo.filter((x) => x.original.exists && x.original.type === 'file')) {
    const { entry: e, current } = a;
    const cur = current.state;
    const meta = { mode: e.mode ?? 0o600, uid: e.uid ?? 0, gid: e.gid ?? 0 };
    if (!cur.exists || cur.type !== 'file' || (cur.sha256 !== e.sha256 && !a.metaOnly)) {
      const bytes = readCopy(fs, root, id, e.copy ?? '');
      writeFileAtomic(fs, { root, path: e.path, bytes, ...meta, expect: cur.exists ? current.stats : null });
    } else {
      setModeOwner(fs, root, e.path, current.stats!, meta);
    }
    changed(e, 'restored');
  }
  for (const a of todo.filter((x) => !x.original.exists && x.current.state.exists && x.current.state.type === 'dir').sort(byDepth)) {
    if (a.conflict) {
      lines.push(`kept ${a.entry.path}: ${a.conflict}`);
      continue;
    }
    removeDir(fs, root, a.entry.path, fs.lstat(toAbs(root, a.entry.path)));
    changed(a.entry, 'removed');
  }
  for (const a of todo.filter((x) => x.original.exists && x.original.type === 'dir').sort(byDepth)) {
    const e = a.entry;
    setModeOwner(fs, root, e.path, a.current.stats!, { mode: e.mode ?? 0o755, uid: e.uid ?? 0, gid: e.gid ?? 0 });
    changed(e, 'restored');
  }
  for (const path of notice) makeCronNotice(fs, root, path, cronDirOf(path), true);
}

/** Removes dot-named temp files and directories our writer left in these directories (a crash
 *  skips its cleanup; cron never loaded them, but they should not pile up). */
export function sweepTemps(fs: FsLayer, root: string, dirs: Iterable<string>): void {
  for (const dir of dirs) {
    const abs = dir === '/' ? (root === '/' ? '/' : root) : toAbs(root, dir);
    if (!tryLstat(fs, abs)?.isDirectory()) continue;
    const base = abs === '/' ? '' : abs;
    for (const name of fs.readdir(abs).filter((n) => TEMP_NAME.test(n))) {
      if (fs.lstat(`${base}/${name}`).isDirectory()) fs.rmdir(`${base}/${name}`);
      else fs.unlink(`${base}/${name}`);
    }
  }
}

/** Leftovers of one backup's apply or rollback, in the directories it touched. */
export function removeLeftovers(fs: FsLayer, root: string, backup: Backup): void {
  const dirs = new Set(backup.manifest.paths.map((e) => posix.dirname(e.path)));
  for (const e of backup.manifest.paths) dirs.add(e.path);
  dirs.add(`${BACKUPS_DIR}/${backup.manifest.id}/files`);
  // Temp and lock-link files of the account files written directly (account-files.ts).
  if (backup.manifest.accountFiles) dirs.add('/etc');
  sweepTemps(fs, root, dirs);
  // The private directory a live `crontab -u USER FILE` read from.
  const install = toAbs(root, `${STATE_DIR}/.install-${backup.manifest.id}`);
  if (!tryLstat(fs, install)) return;
  for (const f of fs.readdir(install)) fs.unlink(`${install}/${f}`);
  fs.rmdir(install);
}

/** Rolls one backup back; the caller holds the lock. */
export function rollbackBackup(fs: FsLayer, root: string, backup: Backup, options: RollbackOptions = {}): RollbackReport {
  const id = backup.manifest.id;
  const lines: string[] = [];
  const kept: string[] = [];
  if (backup.state !== 'rolled-back') {
    let items = assess(fs, root, backup);
    let conflicts = items.filter((a) => a.conflict && !(a.original.exists === false && a.current.state.exists && a.current.state.type === 'dir'));
    if (options.keepConflicts) {
      for (const a of conflicts) {
        kept.push(a.entry.path);
        lines.push(`left ${a.entry.path} alone: ${(a.conflict ?? '').split('\n')[0]}`);
      }
      items = items.filter((a) => !conflicts.includes(a));
      conflicts = [];
    }
    if (conflicts.length && !options.force) {
      throw new RefusedError(
        `${conflicts.length} path(s) changed after apply ${id}; rolling back would throw those changes away, so nothing was changed`,
        `review the diff; to restore the backup anyway run \`cronwarden rollback ${id}${root === '/' ? '' : ` --root ${root}`} --force\``,
        conflicts.map((a) => a.conflict).join('\n'),
      );
    }
    for (const a of conflicts) {
      if (a.current.state.exists && a.current.state.type !== 'file' && a.current.state.type !== 'dir') {
        throw new RefusedError(`${a.conflict}; cronwarden will not remove it even with --force`, `inspect ${a.entry.path} by hand`);
      }
    }
    appendJournal(fs, root, id, { e: 'rollback-start', force: !!options.force });
    for (const a of conflicts) {
      if (a.current.state.exists && a.current.state.type === 'file') {
        const name = `overwritten-${backup.manifest.paths.indexOf(a.entry)}`;
        writeFileAtomic(fs, { root, path: `${BACKUPS_DIR}/${id}/files/${name}`, bytes: readRegular(fs, toAbs(root, a.entry.path), a.current.stats ?? undefined), mode: 0o600, uid: 0, gid: 0, expect: tryLstat(fs, toAbs(root, `${BACKUPS_DIR}/${id}/files/${name}`)) });
        lines.push(`saved the changed ${a.entry.path} as ${BACKUPS_DIR}/${id}/files/${name} before overwriting it`);
      }
    }
    restore(fs, root, backup, items, lines);
    removeLeftovers(fs, root, backup);
  }
  const started = new Set(backup.journal.flatMap((j) => (j.e === 'op-start' ? [j.i] : [])));
  const ran = backup.manifest.operations.filter((_, i) => started.has(i));
  lines.push(...undoAccounts(fs, root, backup.manifest.accounts, ran, !!options.removeUsers));
  if (backup.state !== 'rolled-back') appendJournal(fs, root, id, { e: 'rolled-back' });
  return { id, lines, kept };
}

/** An operation failed mid-apply: undo at once, and say what happened either way. */
export function undoAfterFailure(fs: FsLayer, root: string, id: string, index: number, error: unknown): never {
  const cause = error instanceof Error ? error.message : String(error);
  const where = `apply ${id} stopped at operation ${index + 1}: ${cause}`;
  let kept: string[];
  try {
    appendJournal(fs, root, id, { e: 'failed', i: index, error: cause });
    kept = rollbackBackup(fs, root, readBackup(fs, root, id), { keepConflicts: true }).kept;
  } catch (undoError) {
    throw new RefusedError(
      `${where}; undoing it failed too: ${(undoError as Error).message}`,
      `every file is either old or new (never partial); fix the cause, then run \`cronwarden recover${root === '/' ? '' : ` --root ${root}`}\``,
    );
  }
  const left = kept.length ? `; left alone, because something else changed them meanwhile: ${kept.join(', ')}` : '';
  throw new RefusedError(`${where}; every change it made was undone${left}`, error instanceof RefusedError ? error.hint : 'fix the cause, then run the apply again');
}
