// Backups and the journal, under <root>/var/lib/cronwarden/backups/<id>/ (DESIGN §6):
//   manifest.json   what every touched path was before (and the operations, in order)
//   files/<n>       byte copies of the files that existed
//   journal.jsonl   one fsynced line per step, so an interrupted apply can be finished or undone
// A backup is built in a dot-named staging directory and renamed into place once complete and
// fsynced: a crash while backing up leaves no half backup that rollback could trust.

import { randomBytes } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import type { Operation } from '../core/operations.js';
import { O, type FsLayer } from './fs-layer.js';
import { fsyncDir, makeDir, writeNewFiles } from './atomic-write.js';
import { readRegular, toAbs, tryLstat, type NodeType, type PathState } from './safe-fs.js';

export const STATE_DIR = '/var/lib/cronwarden';
export const BACKUPS_DIR = `${STATE_DIR}/backups`;

export interface ManifestEntry {
  path: string;
  existed: boolean;
  type: NodeType | null;
  sha256: string | null;
  mode: number | null;
  uid: number | null;
  gid: number | null;
  inode: number | null;
  nlink: number | null;
  mtime: string | null;
  /** Name of the copy under files/, for files that existed. */
  copy: string | null;
}

/** Account state before the apply, for the operations that change accounts. */
export interface AccountEntry {
  user: string;
  existed: boolean;
  shell: string | null;
  locked: boolean;
  groups: string[];
  /** create-user: the primary group it names, and whether that group already existed. */
  primaryGroup: string | null;
  groupExisted: boolean;
}

export interface Manifest {
  version: 1;
  id: string;
  createdAt: string;
  root: string;
  planChecksum: string;
  paths: ManifestEntry[];
  accounts: AccountEntry[];
  /** Under a root prefix, when the plan creates users: passwd, group, shadow and gshadow as they
   *  were, with copies. For the record only: rollback removes users with userdel, never by
   *  putting these files back (that would also drop accounts added since). */
  accountFiles?: ManifestEntry[];
  operations: Operation[];
}

export type JournalEntry =
  | { e: 'op-start'; i: number; path: string | null; intended: PathState | null }
  /** `result`: the path as the operation really left it (what rollback will accept as ours). */
  | { e: 'op-done'; i: number; result?: PathState | null }
  | { e: 'user-created'; user: string; group: string | null }
  | { e: 'applied' }
  | { e: 'failed'; i: number; error: string }
  | { e: 'rollback-start'; force: boolean }
  | { e: 'rolled-back' };

export type BackupState = 'prepared' | 'applying' | 'applied' | 'rolling-back' | 'rolled-back';

export interface Backup {
  manifest: Manifest;
  journal: JournalEntry[];
  state: BackupState;
}

export function newBackupId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Creates /var/lib/cronwarden and its backups directory (0700 root: copies of crontabs can hold
 *  secrets) when missing. Returns the directories it created, outermost first. */
export function ensureStateDir(fs: FsLayer, root: string): string[] {
  const created: string[] = [];
  for (const dir of ['/var', '/var/lib', STATE_DIR, BACKUPS_DIR]) {
    if (tryLstat(fs, toAbs(root, dir))) continue;
    try {
      makeDir(fs, root, dir, dir.startsWith(STATE_DIR) ? 0o700 : 0o755, 0, 0);
      created.push(dir);
    } catch (error) {
      // Another cronwarden created it meanwhile: fine, it is checked like any parent directory.
      if (!tryLstat(fs, toAbs(root, dir))) throw error;
    }
  }
  return created;
}

/** Removes what ensureStateDir created when it is still empty (an apply refused before its
 *  backup: "nothing was changed" must hold for directories too); a directory that holds anything
 *  (a backup, another command's lock) stays. */
export function removeEmptyStateDirs(fs: FsLayer, root: string, created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      fs.rmdir(toAbs(root, dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') return;
      throw error;
    }
  }
}

export async function createBackup(
  fs: FsLayer,
  root: string,
  manifest: Manifest,
  copies: Map<string, Uint8Array>,
): Promise<void> {
  const staging = `${BACKUPS_DIR}/.staging-${manifest.id}`;
  const abs = toAbs(root, staging);
  try {
    makeDir(fs, root, staging, 0o700, 0, 0);
    makeDir(fs, root, `${staging}/files`, 0o700, 0, 0);
    // Nobody else can see inside the staging directory (0700, and not yet under its id), so the
    // files are written in place and the two directories fsynced once each, before the rename
    // that publishes the backup whole.
    await writeNewFiles(fs, new Map([...copies].map(([name, bytes]) => [`${abs}/files/${name}`, bytes])), 0o600);
    fsyncDir(fs, `${abs}/files`);
    const manifestText = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writeNewFiles(fs, new Map([[`${abs}/journal.jsonl`, new Uint8Array()], [`${abs}/manifest.json`, manifestText]]), 0o600);
    fsyncDir(fs, abs);
    fs.rename(abs, toAbs(root, `${BACKUPS_DIR}/${manifest.id}`));
  } catch (error) {
    try {
      removeTree(fs, abs);
    } catch {
      // Left for `recover`, which removes staging directories; nothing on the host changed yet.
    }
    throw error;
  }
  fsyncDir(fs, toAbs(root, BACKUPS_DIR));
}

export function removeTree(fs: FsLayer, abs: string): void {
  if (!tryLstat(fs, abs)) return;
  for (const name of fs.readdir(abs)) {
    const child = `${abs}/${name}`;
    if (fs.lstat(child).isDirectory()) removeTree(fs, child);
    else fs.unlink(child);
  }
  fs.rmdir(abs);
}

/** Appends entries to the journal. `sync: false` only where a later synced append (the next
 *  operation's start, `applied` or `failed`) makes it durable before anything depends on it: a
 *  crash before then loses at most the record that a step finished, and recovery already handles
 *  a step that started but did not finish. */
export function appendJournal(fs: FsLayer, root: string, id: string, entry: JournalEntry | JournalEntry[], sync = true): void {
  const fd = fs.open(toAbs(root, `${BACKUPS_DIR}/${id}/journal.jsonl`), O.O_WRONLY | O.O_APPEND | O.O_NOFOLLOW);
  try {
    const bytes = Buffer.from((Array.isArray(entry) ? entry : [entry]).map((e) => `${JSON.stringify(e)}\n`).join(''));
    let offset = 0;
    while (offset < bytes.length) offset += fs.write(fd, bytes, offset, bytes.length - offset, -1);
    if (sync) fs.fsync(fd);
  } finally {
    fs.close(fd);
  }
}

export function journalState(journal: JournalEntry[]): BackupState {
  let state: BackupState = 'prepared';
  for (const entry of journal) {
    if (entry.e === 'op-start') state = 'applying';
    else if (entry.e === 'applied') state = 'applied';
    else if (entry.e === 'rollback-start') state = 'rolling-back';
    else if (entry.e === 'rolled-back') state = 'rolled-back';
  }
  return state;
}

const ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export function readBackup(fs: FsLayer, root: string, id: string): Backup {
  // A wrong id is a usage error (exit 2), like a wrong rule id: nothing was refused.
  const listHint = `list them with \`cronwarden backups${root === '/' ? '' : ` --root ${root}`}\``;
  if (!ID.test(id)) throw new UsageError(`no backup ${JSON.stringify(id)}: backup ids look like 20261125T093000Z-1a2b3c`, listHint);
  const dir = toAbs(root, `${BACKUPS_DIR}/${id}`);
  if (!tryLstat(fs, dir)) throw new UsageError(`no backup ${id} under ${root}`, listHint);
  // Backups are renamed into place complete, so a damaged one was changed by hand or by the disk:
  // say which, and never guess what it held.
  const damaged = (file: string, error: unknown) =>
    new UsageError(
      `backup ${id} is damaged: ${dir}/${file} ${error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}`,
      `keep it for inspection but move it out of ${toAbs(root, BACKUPS_DIR)}, then run the command again`,
    );
  let manifest: Manifest;
  try {
    manifest = JSON.parse(Buffer.from(readRegular(fs, `${dir}/manifest.json`)).toString('utf8')) as Manifest;
  } catch (error) {
    throw damaged('manifest.json', error);
  }
  let journalText: string;
  try {
    journalText = Buffer.from(readRegular(fs, `${dir}/journal.jsonl`)).toString('utf8');
  } catch (error) {
    throw damaged('journal.jsonl', error);
  }
  const journal: JournalEntry[] = [];
  for (const line of journalText.split('\n')) {
    if (!line) continue;
    try {
      journal.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A line torn by a crash mid-append: the step it describes never completed its fsync.
      break;
    }
  }
  return { manifest, journal, state: journalState(journal) };
}

export function readCopy(fs: FsLayer, root: string, id: string, copy: string): Uint8Array {
  return readRegular(fs, toAbs(root, `${BACKUPS_DIR}/${id}/files/${copy}`));
}

/** Backup ids, oldest first (ids start with a UTC timestamp). */
export function listBackupIds(fs: FsLayer, root: string): string[] {
  const dir = toAbs(root, BACKUPS_DIR);
  if (!tryLstat(fs, dir)) return [];
  return fs.readdir(dir).filter((n) => ID.test(n));
}

/** Staging directories of backups a crash cut short: nothing was changed for them yet. */
export function listStaging(fs: FsLayer, root: string): string[] {
  const dir = toAbs(root, BACKUPS_DIR);
  if (!tryLstat(fs, dir)) return [];
  return fs.readdir(dir).filter((n) => n.startsWith('.staging-')).map((n) => `${BACKUPS_DIR}/${n}`);
}
