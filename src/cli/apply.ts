// `cronwarden apply`, `backups`, `rollback`, `recover` (DESIGN §4, §6): the only commands that
// change a host. Results on stdout; progress and the confirmation question on stderr. The apply
// modules (and execa, ~100 ms to load) are imported inside the actions, so `scan` never loads them.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { checkRootDir } from '../host/root-host.js';
import { parsePlan } from '../plan/plan-file.js';
import type { Io } from './io.js';
import { rootOption } from './scan.js';

/** A question on the terminal, or nothing when there is none to ask on (then --yes is required). */
function terminalAsk(io: Io): ((question: string) => Promise<string>) | undefined {
  if (!io.isTTY || !process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}

function readPlanText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read plan ${file}: ${(error as Error).message}`, 'make one with `cronwarden plan -o plan.json`');
  }
}

export function registerApply(program: Command, io: Io): void {
  program
    .command('apply')
    .description('apply a reviewed plan: lock, re-check, back up, then change files atomically')
    .argument('<plan>', 'plan file made by `cronwarden plan -o`')
    .addOption(rootOption())
    .option('--dry-run', 'check every precondition and print each change as a diff; write nothing')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .addHelpText(
      'after',
      '\nEvery precondition is re-checked first (nothing is written if one changed), a backup is written\n' +
        'under <root>/var/lib/cronwarden/backups/<id>/, and the backup id and the rollback command are printed.\n' +
        'Exit status: 0 applied, 1 refused (nothing changed, or every change undone), 2 usage error.\n\n' +
        'Examples:\n  cronwarden apply plan.json --dry-run\n  cronwarden apply plan.json --yes',
    )
    .action(async (file: string, flags: { root: string; dryRun?: boolean; yes?: boolean }) => {
      const root = checkRootDir(flags.root);
      const plan = parsePlan(readPlanText(file), file, root);
      const { apply } = await import('../apply/apply.js');
      await apply(plan, { root, io, yes: flags.yes, dryRun: flags.dryRun, ask: terminalAsk(io) });
      io.exitCode = 0;
    });

  program
    .command('backups')
    .description('list the backups of earlier applies: id, time, state, what changed')
    .addOption(rootOption())
    .action(async (flags: { root: string }) => {
      const { listBackups, renderBackups } = await import('../apply/recover.js');
      io.out(renderBackups(listBackups(undefined, checkRootDir(flags.root))));
      io.exitCode = 0;
    });

  program
    .command('rollback')
    .description('restore what an apply changed, exactly (bytes, mode, owner), and remove what it created')
    .argument('[id]', 'backup id (default: the latest applied one)')
    .addOption(rootOption())
    .option('--force', 'roll back even paths someone changed after the apply (their current content is saved in the backup first)')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .option('--remove-users', 'also remove users the apply created, when nothing refers to them any more')
    .addHelpText(
      'after',
      '\nRunning it twice is the same as once. Without --force it refuses, showing the diff, when a path\n' +
        'changed after the apply.\n\nExamples:\n  cronwarden backups\n  cronwarden rollback 20261125T093000Z-1a2b3c --yes',
    )
    .action(async (id: string | undefined, flags: { root: string; force?: boolean; yes?: boolean; removeUsers?: boolean }) => {
      const { rollback } = await import('../apply/recover.js');
      await rollback({ root: checkRootDir(flags.root), io, id, force: flags.force, yes: flags.yes, removeUsers: flags.removeUsers, ask: terminalAsk(io) });
      io.exitCode = 0;
    });

  program
    .command('recover')
    .description('finish an apply or rollback that was interrupted (crash, kill -9, power loss) by rolling it back')
    .addOption(rootOption())
    .option('--force', 'also restore paths someone changed since the interrupted apply')
    .addHelpText('after', '\nThe journal of each backup says how far it got; recover returns the host to the state before that apply.')
    .action(async (flags: { root: string; force?: boolean }) => {
      const { recover } = await import('../apply/recover.js');
      await recover({ root: checkRootDir(flags.root), io, force: flags.force });
      io.exitCode = 0;
    });
}
