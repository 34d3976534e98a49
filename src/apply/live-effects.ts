// The effects that change the host: journal and backup first, then each operation through the
// one writer or the shadow-utils programs, recording progress so `recover` can undo a crash.

import type { Operation, Plan } from '../core/operations.js';
import type { Io } from '../cli/io.js';
import { decodeContent, sha256 } from '../plan/host-state.js';
import { ACCOUNT_FILES, addSystemAccounts, directlyWritable } from './account-files.js';
import { gidOf, readAccounts, runAccountTool, uidOf, type AccountDb } from './accounts.js';
import { makeCronNotice, makeDir, removeFile, setModeOwner, writeFileAtomic } from './atomic-write.js';
import { createBackup, ensureStateDir, removeEmptyStateDirs, STATE_DIR, type JournalEntry, type Manifest, type ManifestEntry } from './backup-store.js';
import { journalWriter, type Start } from './journal-writer.js';
import type { Effects } from './executor.js';
import type { FsLayer, FsStats } from './fs-layer.js';
import { acquireLock } from './lock.js';
import type { Prepared } from './preconditions.js';
import { undoAfterFailure } from './rollback.js';
import { inspect, readRegular, toAbs, tryLstat, type PathState } from './safe-fs.js';
import { cronDirOf, crontabFlavorOf } from './validate-crontab.js';

export interface LiveContext {
  fs: FsLayer;
  root: string;
  io: Io;
  plan: Plan;
  id: string;
  lockWaitMs?: number;
}

export function manifestEntry(path: string, stats: FsStats | null, state: PathState, copy: string | null): ManifestEntry {
  return {
    path,
    existed: state.exists,
    type: state.exists ? state.type : null,
    sha256: state.exists ? state.sha256 : null,
    mode: state.exists ? state.mode : null,
    uid: state.exists ? state.uid : null,
    gid: state.exists ? state.gid : null,
    inode: stats?.ino ?? null,
    nlink: stats?.nlink ?? null,
    mtime: stats ? stats.mtime.toISOString() : null,
    copy,
  };
}

export function liveEffects(ctx: LiveContext): Effects {
  const { fs, root, io, id } = ctx;
  const known = new Map<string, FsStats | null>();
  // Read under the lock (in prepare), and again after each account change.
  let db: AccountDb = { users: [], groups: [], locked: new Set() };
  const ops = ctx.plan.operations;
  const intendedFile = (bytes: Uint8Array, mode: number, uid: number, gid: number): PathState => ({ exists: true, type: 'file', sha256: sha256(bytes), mode, uid, gid });
  /** A write whose intended state is known before the operations ahead of it have run. */
  const writeStart = (j: number): Start | null => {
    const op = ops[j];
    if (op?.op === 'write-file') {
      return { e: 'op-start', i: j, path: op.path, intended: intendedFile(decodeContent(op.content, op.encoding), op.mode, uidOf(db, op.owner), gidOf(db, op.group)) };
    }
    if (op?.op === 'install-user-crontab' && root !== '/') {
      return { e: 'op-start', i: j, path: op.path, intended: intendedFile(decodeContent(op.content, op.encoding), 0o600, uidOf(db, op.user), gidOf(db, 'crontab')) };
    }
    return null;
  };
  // An operation ahead that cannot say its intended state now (say, an unknown owner) is left
  // to report that itself when it runs.
  const journal = journalWriter(fs, root, id, (j) => {
    try {
      return writeStart(j);
    } catch {
      return null;
    }
  });
  /** create-user operations already carried out with an earlier one's batch. */
  const createdAhead = new Set<number>();
  let accountFilesDeclined = false;
  const refresh = (path: string): void => void known.set(path, tryLstat(fs, toAbs(root, path)));

  const writeCrontabLive = (op: Extract<Operation, { op: 'install-user-crontab' }>, bytes: Uint8Array): void => {
    // crontab(1) itself installs it (right owner, mode and group, and it pokes the daemon); it
    // reads the file as root, from a private directory only root can enter.
    const dir = `${STATE_DIR}/.install-${id}`;
    const file = `${dir}/${op.user}`;
    makeDir(fs, root, dir, 0o700, 0, 0);
    try {
      writeFileAtomic(fs, { root, path: file, bytes, mode: 0o600, uid: 0, gid: 0, expect: null });
      runAccountTool(fs, root, 'crontab', ['-u', op.user, toAbs(root, file)]);
    } finally {
      const st = tryLstat(fs, toAbs(root, file));
      if (st) fs.unlink(toAbs(root, file));
      fs.rmdir(toAbs(root, dir));
    }
  };

  /** Under a root prefix, operation i and the create-user operations right after it, written in
   *  one transaction (account-files.ts). False when that is not possible: nothing changed. */
  const createBatch = (i: number): boolean => {
    if (root === '/' || accountFilesDeclined) return false;
    const batch: number[] = [];
    for (let j = i; j < ops.length; j++) {
      const next = ops[j] as Operation;
      if (next.op !== 'create-user' || !directlyWritable(next)) break;
      batch.push(j);
    }
    if (batch.length === 0) return false;
    const accounts = batch.map((j) => ops[j] as Extract<Operation, { op: 'create-user' }>);
    const started = (): void => journal.record(batch.map((j): JournalEntry => ({ e: 'op-start', i: j, path: null, intended: null })));
    if (!addSystemAccounts(fs, root, accounts, started)) {
      accountFilesDeclined = true;
      return false;
    }
    // Their op-done records follow when the executor reaches them.
    for (const j of batch.slice(1)) createdAhead.add(j);
    return true;
  };

  return {
    lock: () => {
      const created = ensureStateDir(fs, root);
      let release: () => void;
      try {
        release = acquireLock(fs, root, { command: `apply ${ctx.plan.checksum.slice(0, 12)}`, waitMs: ctx.lockWaitMs });
      } catch (error) {
        removeEmptyStateDirs(fs, root, created);
        throw error;
      }
      return () => {
        try {
          release();
        } catch (error) {
          io.err(`cronwarden: warning: could not remove the lock ${LOCK_NOTE}: ${(error as Error).message}\n`);
          return;
        }
        try {
          removeEmptyStateDirs(fs, root, created);
        } catch (error) {
          io.err(`cronwarden: warning: could not remove the empty ${STATE_DIR}: ${(error as Error).message}\n`);
        }
      };
    },
    prepare: async (prepared: Prepared) => {
      db = readAccounts(fs, root);
      const copies = new Map<string, Uint8Array>();
      const paths: ManifestEntry[] = [];
      for (const [path, { stats, state }] of prepared.originals) {
        known.set(path, stats);
        let copy: string | null = null;
        if (state.exists && state.type === 'file' && stats) {
          copy = String(copies.size);
          copies.set(copy, readRegular(fs, toAbs(root, path), stats));
        }
        paths.push(manifestEntry(path, stats, state, copy));
      }
      // The account files a prefix apply may write directly, kept as they were before it began.
      const accountFiles: ManifestEntry[] = [];
      if (root !== '/' && ctx.plan.operations.some((op) => op.op === 'create-user')) {
        for (const path of ACCOUNT_FILES) {
          const { stats, state } = inspect(fs, toAbs(root, path));
          const copy = state.exists && state.type === 'file' && stats ? `account-${path.slice('/etc/'.length)}` : null;
          if (copy && stats) copies.set(copy, readRegular(fs, toAbs(root, path), stats));
          accountFiles.push(manifestEntry(path, stats, state, copy));
        }
      }
      const manifest: Manifest = {
        version: 1,
        id,
        createdAt: fs.now().toISOString(),
        root,
        planChecksum: ctx.plan.checksum,
        paths,
        accounts: prepared.accounts,
        ...(accountFiles.length ? { accountFiles } : {}),
        operations: ctx.plan.operations,
      };
      await createBackup(fs, root, manifest, copies);
      io.err(`backup ${id}: ${paths.length} path(s) saved under ${root === '/' ? '' : root}/var/lib/cronwarden/backups/${id}\n`);
    },
    run: (op, i) => {
      const path = 'path' in op ? op.path : null;
      const expect = path ? (known.get(path) ?? null) : null;
      switch (op.op) {
        case 'write-file': {
          const bytes = decodeContent(op.content, op.encoding);
          const [uid, gid] = [uidOf(db, op.owner), gidOf(db, op.group)];
          journal.start({ e: 'op-start', i, path, intended: intendedFile(bytes, op.mode, uid, gid) }, true);
          writeFileAtomic(fs, { root, path: op.path, bytes, mode: op.mode, uid, gid, expect, unsyncedDirs: journal.unsyncedDirs });
          break;
        }
        case 'install-user-crontab': {
          const bytes = decodeContent(op.content, op.encoding);
          const [uid, gid] = [uidOf(db, op.user), gidOf(db, 'crontab')];
          journal.start({ e: 'op-start', i, path, intended: intendedFile(bytes, 0o600, uid, gid) }, root !== '/');
          if (root === '/') writeCrontabLive(op, bytes);
          else writeFileAtomic(fs, { root, path: op.path, bytes, mode: 0o600, uid, gid, expect, unsyncedDirs: journal.unsyncedDirs });
          break;
        }
        case 'remove-file':
          journal.start({ e: 'op-start', i, path, intended: { exists: false } });
          removeFile(fs, root, op.path, expectOrThrow(expect, op.path));
          break;
        case 'chmod':
        case 'chown': {
          const st = expectOrThrow(expect, op.path);
          const current = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
          const change = op.op === 'chmod' ? { mode: op.mode } : { uid: uidOf(db, op.owner), gid: gidOf(db, op.group) };
          const after = { ...current, ...change };
          // chown(2) of a non-directory clears set-user-ID, and set-group-ID when group-executable
          // (Linux fs/open.c chown_common), even for root.
          if (op.op === 'chown' && !st.isDirectory()) after.mode &= ~(0o4000 | (after.mode & 0o010 ? 0o2000 : 0));
          const digest = st.isFile() ? sha256(readRegular(fs, toAbs(root, op.path), st)) : null;
          journal.start({ e: 'op-start', i, path, intended: { exists: true, type: st.isFile() ? 'file' : 'dir', sha256: digest, ...after } });
          setModeOwner(fs, root, op.path, st, change);
          break;
        }
        case 'mkdir': {
          const [uid, gid] = [uidOf(db, op.owner), gidOf(db, op.group)];
          journal.start({ e: 'op-start', i, path, intended: { exists: true, type: 'dir', sha256: null, mode: op.mode, uid, gid } });
          makeDir(fs, root, op.path, op.mode, uid, gid);
          break;
        }
        case 'create-user':
          if (createdAhead.has(i)) break;
          if (!createBatch(i)) {
            journal.start({ e: 'op-start', i, path: null, intended: null });
            if (!db.groups.some((g) => g.name === op.group)) runAccountTool(fs, root, 'groupadd', ['--system', op.group]);
            // --system gives a locked password ("!" in shadow) and no aging: nothing to lock after.
            runAccountTool(fs, root, 'useradd', ['--system', '--no-create-home', '--home-dir', op.home, '--shell', op.shell, '--gid', op.group, op.name]);
          }
          db = readAccounts(fs, root);
          break;
        case 'add-to-group':
          journal.start({ e: 'op-start', i, path: null, intended: null });
          runAccountTool(fs, root, 'usermod', ['--append', '--groups', op.group, op.user]);
          db = readAccounts(fs, root);
          break;
        case 'set-shell':
          journal.start({ e: 'op-start', i, path: null, intended: null });
          runAccountTool(fs, root, 'usermod', ['--shell', op.shell, ...(op.lockPassword ? ['--lock'] : []), op.user]);
          db = readAccounts(fs, root);
          break;
      }
      if (path && crontabFlavorOf(path)) makeCronNotice(fs, root, path, cronDirOf(path), op.op === 'chmod' || op.op === 'chown');
      if (path) refresh(path);
      journal.done(i, path ? inspect(fs, toAbs(root, path)).state : null);
    },
    finish: () => {
      journal.record({ e: 'applied' });
    },
    abort: (i, error) => {
      try {
        journal.flush();
      } catch {
        // The undo below writes and fsyncs every path it restores itself.
      }
      return undoAfterFailure(fs, root, id, i, error);
    },
  };
}

const LOCK_NOTE = '(it is stale once this process exits; the next command takes it over)';

function expectOrThrow(st: FsStats | null | undefined, path: string): FsStats {
  if (!st) throw new Error(`${path} vanished before cronwarden could change it`);
  return st;
}
