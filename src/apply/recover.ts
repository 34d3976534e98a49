// `backups`, `rollback` and `recover`: the commands around the backup store. Each takes the same
// lock as apply, so none of them can interleave with another.

import { resolve } from 'node:path';
import { RefusedError } from '../core/errors.js';
import type { Io } from '../cli/io.js';
import { appendJournal, listBackupIds, listStaging, readBackup, removeTree, BACKUPS_DIR, STATE_DIR, type BackupState } from './backup-store.js';
import { confirm, rootFlag } from './apply.js';
import { asRefusal } from './executor.js';
import { realFs, type FsLayer } from './fs-layer.js';
import { acquireLock } from './lock.js';
import { removeLeftovers, rollbackBackup, sweepTemps } from './rollback.js';
import { toAbs, tryLstat } from './safe-fs.js';

export interface BackupSummary {
  id: string;
  createdAt: string;
  state: BackupState | 'interrupted';
  /** What the apply changed, in words. */
  changes: string[];
}

export function listBackups(fsLayer: FsLayer | undefined, rootDir: string): BackupSummary[] {
  const fs = fsLayer ?? realFs();
  const root = resolve(rootDir);
  return listBackupIds(fs, root).map((id) => {
    const { manifest, state } = readBackup(fs, root, id);
    const changes = manifest.operations.map((op) => ('path' in op ? `${op.op} ${op.path}` : op.op === 'create-user' ? `create-user ${op.name}` : `${op.op} ${op.user}`));
    return { id, createdAt: manifest.createdAt, state: state === 'applying' || state === 'rolling-back' || state === 'prepared' ? 'interrupted' : state, changes };
  });
}

export function renderBackups(list: readonly BackupSummary[]): string {
  if (list.length === 0) return 'no backups yet\n';
  return list
    .map((b) => `${b.id}  ${b.createdAt}  ${b.state.padEnd(11)}  ${b.changes.length} change(s): ${b.changes.join(', ')}\n`)
    .join('');
}

export interface RollbackCommandOptions {
  root: string;
  io: Io;
  id?: string;
  force?: boolean;
  yes?: boolean;
  removeUsers?: boolean;
  fs?: FsLayer;
  ask?: (question: string) => Promise<string>;
  lockWaitMs?: number;
}

export async function rollback(options: RollbackCommandOptions): Promise<void> {
  const root = resolve(options.root);
  const fs = options.fs ?? realFs();
  const ids = listBackupIds(fs, root);
  const interrupted = ids.find((b) => !['applied', 'rolled-back'].includes(readBackup(fs, root, b).state));
  if (!options.id && interrupted) {
    throw new RefusedError(`apply ${interrupted} was interrupted; the latest state of this host is not a finished apply`, `run \`cronwarden recover${rootFlag(root)}\` (or name the backup: \`cronwarden rollback ${interrupted}\`)`);
  }
  const id = options.id ?? [...ids].reverse().find((b) => readBackup(fs, root, b).state === 'applied');
  if (!id) throw new RefusedError(`no applied backup to roll back under ${root}`, `list them with \`cronwarden backups${rootFlag(root)}\``);
  const backup = readBackup(fs, root, id);
  if (backup.state === 'rolled-back' && !options.removeUsers) {
    options.io.out(`backup ${id} is already rolled back; nothing to do\n`);
    return;
  }
  await confirm(options, 'rollback', `run it again with --yes to roll back ${id}`);
  const release = acquireLock(fs, root, { command: `rollback ${id}`, waitMs: options.lockWaitMs });
  try {
    const report = rollbackBackup(fs, root, readBackup(fs, root, id), { force: options.force, removeUsers: options.removeUsers });
    options.io.out(`${report.lines.map((l) => `${l}\n`).join('')}rolled back ${id}\n`);
  } catch (error) {
    throw asRefusal(error, `rollback of ${id} stopped (every file is either as the apply left it or restored)`, `fix the cause, then run \`cronwarden recover${rootFlag(root)}\``);
  } finally {
    release();
  }
}

/** Undoes every apply or rollback that a crash interrupted (roll back to the old state: the only
 *  direction the journal can always complete, since the old bytes are in the backup). */
export async function recover(options: { root: string; io: Io; force?: boolean; fs?: FsLayer; lockWaitMs?: number }): Promise<number> {
  const root = resolve(options.root);
  const fs = options.fs ?? realFs();
  // Where creating the state directory itself may have been cut short.
  sweepTemps(fs, root, ['/', '/var', '/var/lib']);
  if (!tryLstat(fs, toAbs(root, STATE_DIR))) {
    options.io.out('nothing to recover: cronwarden never changed this host\n');
    return 0;
  }
  const release = acquireLock(fs, root, { command: 'recover', waitMs: options.lockWaitMs });
  let recovered = 0;
  try {
    sweepTemps(fs, root, [STATE_DIR, BACKUPS_DIR]);
    for (const staging of listStaging(fs, root)) {
      removeTree(fs, toAbs(root, staging));
      options.io.err(`removed ${staging}: a backup a crash cut short (nothing had been changed yet)\n`);
    }
    for (const id of listBackupIds(fs, root)) {
      const backup = readBackup(fs, root, id);
      if (backup.state === 'applied' || backup.state === 'rolled-back') continue;
      recovered += 1;
      if (backup.state === 'prepared') {
        removeLeftovers(fs, root, backup);
        appendJournal(fs, root, id, { e: 'rolled-back' });
        options.io.out(`backup ${id}: the apply was interrupted before its first change; nothing to undo\n`);
        continue;
      }
      const report = rollbackBackup(fs, root, backup, { force: options.force });
      options.io.out(`${report.lines.map((l) => `${l}\n`).join('')}backup ${id}: the interrupted ${backup.state === 'applying' ? 'apply' : 'rollback'} was rolled back to the state before the apply\n`);
    }
    if (recovered === 0) options.io.out('nothing to recover: no apply or rollback was interrupted\n');
  } catch (error) {
    throw asRefusal(error, 'recover stopped (every file is either old or new)', `fix the cause, then run \`cronwarden recover${rootFlag(root)}\` again`);
  } finally {
    release();
  }
  return recovered;
}
