// The order operations run in. Users first (later chowns and cron.d files name them); then
// directories from the top down, so a world-writable directory on a path is closed before anything
// is written under it; then new directories, file modes and owners, new files, changed files and
// removals; account changes last.

import type { Operation } from '../core/operations.js';

function rank(op: Operation): number {
  switch (op.op) {
    case 'create-user':
    case 'add-to-group':
      return 0;
    case 'chown':
    case 'chmod':
      return op.before.exists && op.before.type === 'dir' ? 1 : 3;
    case 'mkdir':
      return 2;
    case 'write-file':
      return op.before.exists ? 5 : 4;
    case 'install-user-crontab':
      return 5;
    case 'remove-file':
      return 6;
    case 'set-shell':
      return 7;
  }
}

const depth = (op: Operation): number => ('path' in op ? op.path.split('/').length : 0);
const key = (op: Operation): string => ('path' in op ? op.path : op.op === 'create-user' ? op.name : op.user);
/** chown before chmod on one path: chown(2) clears setuid/setgid bits the chmod sets. */
const within = (op: Operation): number => (op.op === 'chown' ? 0 : op.op === 'chmod' ? 1 : 2);

export function orderOperations(ops: readonly Operation[]): Operation[] {
  // Each operation's sort keys once (a plan of 100k jobs has tens of thousands of operations).
  const keyed = ops.map((op) => ({ op, rank: rank(op), depth: depth(op), key: key(op), within: within(op) }));
  keyed.sort((a, b) => a.rank - b.rank || a.depth - b.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.within - b.within);
  return keyed.map((k) => k.op);
}
