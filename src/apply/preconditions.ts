// Before anything is written: every precondition of every operation is re-checked against the
// disk (all or nothing), in plan order, with the plan's own earlier effects taken into account
// (a directory it creates, a world-writable directory it fixes before writing inside).

import { RefusedError } from '../core/errors.js';
import type { Operation, Precondition } from '../core/operations.js';
import type { Host } from '../core/types.js';
import { renderOperation } from '../plan/render.js';
import type { AccountDb } from './accounts.js';
import type { AccountEntry } from './backup-store.js';
import type { FsLayer } from './fs-layer.js';
import { checkParents, describeState, inspect, toAbs, type DirOverlay, type Inspected, type PathState } from './safe-fs.js';
import { validateCrontab } from './validate-crontab.js';

export interface Prepared {
  /** Every path the plan touches, in first-touch order, as it is on disk now. */
  originals: Map<string, Inspected>;
  /** Accounts the plan changes, as they are now. */
  accounts: AccountEntry[];
}

export function opPath(op: Operation): string | null {
  return 'path' in op ? op.path : null;
}

function matches(before: Precondition, state: PathState | undefined): boolean {
  if (!state) return false;
  if (!before.exists || !state.exists) return before.exists === state.exists;
  return (
    before.type === state.type &&
    (before.sha256 === undefined || before.sha256 === state.sha256) &&
    before.mode === state.mode &&
    before.uid === state.uid &&
    before.gid === state.gid
  );
}

function describeBefore(before: Precondition): string {
  if (!before.exists) return 'absent';
  return describeState({ exists: true, type: before.type, sha256: before.sha256 ?? null, mode: before.mode, uid: before.uid, gid: before.gid });
}

function changedSinceReview(op: Operation & { path: string; before: Precondition }, found: PathState, host: Host): RefusedError {
  let diff = '';
  try {
    diff = renderOperation(op, host);
  } catch {
    // The path is no longer something we read (a symlink, a FIFO): the state line says so.
  }
  return new RefusedError(
    `${op.path} changed since the plan was made (reviewed: ${describeBefore(op.before)}; now: ${describeState(found)}); nothing was changed`,
    'review what changed, then make and review a new plan',
    `now on disk versus what the plan would leave:\n${diff}`,
  );
}

/** Throws RefusedError (nothing written yet) unless every operation can run as reviewed. */
export function precheck(fs: FsLayer, root: string, operations: readonly Operation[], db: AccountDb, host: Host): Prepared {
  const originals = new Map<string, Inspected>();
  const overlay = new Map<string, PathState>();
  const dirs: DirOverlay = new Map();
  const accounts = new Map<string, AccountEntry>();
  const users = new Set(db.users.map((u) => u.name));
  const groups = new Set(db.groups.map((g) => g.name));
  const uidOrUnknown = (name: string): number => db.users.find((u) => u.name === name)?.uid ?? -1;
  const needUser = (name: string, why: string): void => {
    if (!users.has(name)) throw new RefusedError(`user ${name} (${why}) does not exist and the plan does not create it`, 'make a new plan for this host');
  };
  const needGroup = (name: string, why: string): void => {
    if (!groups.has(name)) throw new RefusedError(`group ${name} (${why}) does not exist and the plan does not create it`, 'make a new plan for this host');
  };
  const noteAccount = (name: string): void => {
    if (accounts.has(name)) return;
    const user = db.users.find((u) => u.name === name);
    accounts.set(name, {
      user: name,
      existed: !!user,
      shell: user?.shell ?? null,
      locked: db.locked.has(name),
      groups: db.groups.filter((g) => g.members.includes(name)).map((g) => g.name),
      primaryGroup: null,
      groupExisted: false,
    });
  };

  for (const op of operations) {
    if (op.op === 'create-user') {
      if (users.has(op.name)) throw new RefusedError(`user ${op.name} already exists, but the plan was made to create it`, 'make a new plan for this host');
      noteAccount(op.name);
      const entry = accounts.get(op.name);
      if (entry) Object.assign(entry, { primaryGroup: op.group, groupExisted: groups.has(op.group) });
      users.add(op.name);
      groups.add(op.group);
      continue;
    }
    if (op.op === 'add-to-group' || op.op === 'set-shell') {
      needUser(op.user, op.op);
      if (op.op === 'add-to-group') needGroup(op.group, op.op);
      noteAccount(op.user);
      continue;
    }
    const path = op.path;
    let original = originals.get(path);
    if (!original) {
      original = inspect(fs, toAbs(root, path));
      originals.set(path, original);
    }
    const now = overlay.get(path) ?? original.state;
    const st = original.stats;
    if (st?.isSymbolicLink()) {
      throw new RefusedError(`${path} is a symlink; cronwarden never writes through one (it could point anywhere, /etc/shadow included); nothing was changed`, `inspect ${path}: who made it a link, and why?`);
    }
    if (st && !st.isFile() && !st.isDirectory()) throw new RefusedError(`${path} is neither a file nor a directory; nothing was changed`, `inspect ${path}`);
    if (!matches(op.before, original.state) && !(overlay.has(path) && matches(op.before, overlay.get(path)))) {
      throw changedSinceReview(op, now, host);
    }
    if (st?.isFile() && st.nlink !== 1 && !overlay.has(path)) {
      throw new RefusedError(`${path} has ${st.nlink} hard links: changing it would also change a path nobody reviewed; nothing was changed`, `find the other links (find / -samefile ${path}) and remove them first`);
    }
    checkParents(fs, root, path, dirs);
    switch (op.op) {
      case 'write-file':
      case 'install-user-crontab': {
        if (now.exists && now.type !== 'file') throw new RefusedError(`${path} is a ${now.type}, not a file; nothing was changed`, 'make a new plan for this host');
        const owner = op.op === 'write-file' ? op.owner : op.user;
        const group = op.op === 'write-file' ? op.group : root === '/' ? op.user : 'crontab';
        needUser(owner, `owner of ${path}`);
        if (op.op === 'write-file') needGroup(group, `group of ${path}`);
        else if (root !== '/') needGroup('crontab', `group of ${path}`);
        validateCrontab(path, op.content, op.encoding, op.op === 'install-user-crontab' ? 'user' : null, users);
        overlay.set(path, { exists: true, type: 'file', sha256: null, mode: op.op === 'write-file' ? op.mode : 0o600, uid: uidOrUnknown(owner), gid: -1 });
        break;
      }
      case 'remove-file':
        if (!now.exists || now.type !== 'file') throw new RefusedError(`${path} is not a file, so it cannot be removed; nothing was changed`, 'make a new plan for this host');
        overlay.set(path, { exists: false });
        break;
      case 'chmod':
      case 'chown': {
        if (!now.exists) throw new RefusedError(`${path} does not exist; nothing was changed`, 'make a new plan for this host');
        if (op.op === 'chown') {
          needUser(op.owner, `owner of ${path}`);
          needGroup(op.group, `group of ${path}`);
        }
        const mode = op.op === 'chmod' ? op.mode : now.mode;
        const uid = op.op === 'chown' ? uidOrUnknown(op.owner) : now.uid;
        overlay.set(path, { ...now, mode, uid });
        if (now.type === 'dir') dirs.set(path, { mode, uid });
        break;
      }
      case 'mkdir':
        needUser(op.owner, `owner of ${path}`);
        needGroup(op.group, `group of ${path}`);
        overlay.set(path, { exists: true, type: 'dir', sha256: null, mode: op.mode, uid: uidOrUnknown(op.owner), gid: -1 });
        dirs.set(path, { mode: op.mode, uid: uidOrUnknown(op.owner) });
        break;
    }
  }
  return { originals, accounts: [...accounts.values()] };
}
