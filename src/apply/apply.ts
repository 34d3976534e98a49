// `cronwarden apply`: lock, re-check every precondition, validate new crontabs, back up and
// journal, then run the operations in order (DESIGN §6). --dry-run walks the same steps with
// effects that only describe.

import { resolve } from 'node:path';
import { RefusedError } from '../core/errors.js';
import type { Plan } from '../core/operations.js';
import type { Io } from '../cli/io.js';
import { rootHost } from '../host/root-host.js';
import { readAccounts } from './accounts.js';
import { listBackupIds, newBackupId, readBackup } from './backup-store.js';
import { execute, previewEffects } from './executor.js';
import { realFs, type FsLayer } from './fs-layer.js';
import { liveEffects } from './live-effects.js';
import { precheck } from './preconditions.js';

export interface ApplyOptions {
  root: string;
  io: Io;
  yes?: boolean;
  dryRun?: boolean;
  fs?: FsLayer;
  /** Asks on the terminal and returns the answer; absent when there is no terminal. */
  ask?: (question: string) => Promise<string>;
  lockWaitMs?: number;
}

export interface ApplyResult {
  /** The backup id, or null for a dry run or an empty plan. */
  id: string | null;
}

export function rootFlag(root: string): string {
  return root === '/' ? '' : ` --root ${root}`;
}

/** Asks for a typed word, or refuses when nobody can be asked: these commands change a host as root. */
export async function confirm(options: { yes?: boolean; ask?: (q: string) => Promise<string> }, word: string, flagHint: string): Promise<void> {
  if (options.yes) return;
  if (!options.ask) {
    throw new RefusedError(`${word} changes files as root and needs a confirmation, but there is no terminal to ask on; nothing was changed`, flagHint);
  }
  const answer = await options.ask(`Type \`${word}\` to go ahead (anything else cancels): `);
  if (answer.trim() !== word) throw new RefusedError('not confirmed; nothing was changed', flagHint);
}

function refuseIfInterrupted(fs: FsLayer, root: string): void {
  for (const id of listBackupIds(fs, root)) {
    const { state } = readBackup(fs, root, id);
    if (state === 'applying' || state === 'rolling-back' || state === 'prepared') {
      throw new RefusedError(
        `an earlier apply or rollback (backup ${id}) was interrupted and the host may be half-way; nothing was changed`,
        `run \`cronwarden recover${rootFlag(root)}\` first`,
      );
    }
  }
}

export async function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const root = resolve(options.root);
  const fs = options.fs ?? realFs();
  const { io } = options;
  if (plan.operations.length === 0) {
    io.out('nothing to apply: the plan has no operations\n');
    return { id: null };
  }
  const host = rootHost(root);
  const check = () => precheck(fs, root, plan.operations, readAccounts(fs, root), host);
  if (!options.dryRun) {
    // On a terminal, show what is about to happen before asking.
    if (options.ask && !options.yes) await execute({ operations: plan.operations, precheck: check }, previewEffects(io, host, root, 'confirm'));
    await confirm(options, 'apply', `review with \`cronwarden apply PLAN --dry-run${rootFlag(root)}\`, then run it again with --yes`);
  }
  const id = newBackupId(fs.now());
  const steps = {
    operations: plan.operations,
    precheck: () => {
      refuseIfInterrupted(fs, root);
      return check();
    },
  };
  await execute(steps, options.dryRun ? previewEffects(io, host, root) : liveEffects({ fs, root, io, plan, id, lockWaitMs: options.lockWaitMs }));
  if (options.dryRun) return { id: null };
  io.out(`applied ${plan.operations.length} operation(s); backup ${id}\nto undo: cronwarden rollback ${id}${rootFlag(root)}\n`);
  return { id };
}
