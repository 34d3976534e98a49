// The one executor (STYLE habit 5): apply and `apply --dry-run` walk the same steps — lock,
// re-check, back up, run each operation in order, finish — against one of two sets of effects:
// the live ones (live-effects.ts) or a preview that only describes. No `if (dryRun)` anywhere else.

import { RefusedError, UsageError } from '../core/errors.js';
import type { Operation } from '../core/operations.js';
import type { Host } from '../core/types.js';
import { renderOperation } from '../plan/render.js';
import type { Io } from '../cli/io.js';
import type { Prepared } from './preconditions.js';

export interface Effects {
  /** Takes the host lock; returns its release. */
  lock(): () => void;
  /** After every precondition held, before the first change: the backup and journal. */
  prepare(prepared: Prepared): void | Promise<void>;
  run(op: Operation, index: number): void;
  finish(): void;
  /** Operation `index` failed: undo what ran. Throws the error the user should see. */
  abort(index: number, error: unknown): never;
}

export interface Steps {
  precheck(): Prepared;
  operations: readonly Operation[];
}

/** A system error (disk full, permission denied …) as a refusal that says what state the host is
 *  in; typed errors pass through unchanged. */
export function asRefusal(error: unknown, what: string, hint: string): unknown {
  if (error instanceof RefusedError || error instanceof UsageError || !(error instanceof Error)) return error;
  return new RefusedError(`${what}: ${error.message}`, hint);
}

export async function execute(steps: Steps, effects: Effects): Promise<void> {
  const release = (() => {
    try {
      return effects.lock();
    } catch (error) {
      throw asRefusal(error, 'could not take the lock; nothing was changed', 'fix the cause, then run the command again');
    }
  })();
  try {
    try {
      await effects.prepare(steps.precheck());
    } catch (error) {
      throw asRefusal(error, 'stopped before changing anything', 'fix the cause, then run the command again');
    }
    let index = 0;
    try {
      for (; index < steps.operations.length; index++) effects.run(steps.operations[index] as Operation, index);
      effects.finish();
    } catch (error) {
      effects.abort(index, error);
    }
  } finally {
    release();
  }
}

/** `confirm`: the same walk shown before asking to apply, where "run without --dry-run" would
 *  tell the user to do what they just did. */
export function previewEffects(io: Io, host: Host, root: string, purpose: 'dry-run' | 'confirm' = 'dry-run'): Effects {
  const dryRun = purpose === 'dry-run';
  return {
    lock: () => () => undefined,
    prepare: (prepared) => {
      io.out(
        dryRun
          ? `# dry run for ${root}: ${prepared.originals.size} path(s) would be backed up first; nothing is written\n`
          : `# about to apply to ${root}: ${prepared.originals.size} path(s) will be backed up first\n`,
      );
    },
    run: (op) => io.out(renderOperation(op, host, { color: io.color })),
    finish: () => io.out(dryRun ? '# dry run complete: every precondition holds; run without --dry-run to apply\n' : '# every precondition holds\n'),
    abort: (_index, error) => {
      throw error;
    },
  };
}
