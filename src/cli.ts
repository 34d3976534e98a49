#!/usr/bin/env node
// Entry point: builds the command tree, maps typed errors to exit codes (DESIGN §4).
// Each command lives in src/cli/<name>.ts and exports register(program, io).

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { BugError, EXIT, HostError, RefusedError, UsageError } from './core/errors.js';
import { processIo, type Io } from './cli/io.js';
import { showControls } from './core/visible.js';
import { registerApply } from './cli/apply.js';
import { registerPlan } from './cli/plan.js';
import { registerRules } from './cli/rules.js';
import { registerScan } from './cli/scan.js';
import { registerTry } from './cli/try.js';
import { similar } from './cli/suggest.js';
import { registerWizard } from './cli/wizard.js';

export const VERSION = '0.1.0';

export function buildProgram(io: Io): Command {
  const program = new Command('cronwarden')
    .description('Audit and harden the cron jobs of a Linux host.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerScan(program, io);
  registerRules(program, io);
  registerPlan(program, io);
  registerApply(program, io);
  registerTry(program, io);
  registerWizard(program, io);
  return program;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    // `cronwarden help [COMMAND]`, as git and npm take it: the default command would refuse the word.
    const args = argv[0] === 'help' ? [...argv.slice(1, 2), '--help'] : argv;
    checkCommandName(program, args[0]);
    await program.parseAsync(args, { from: 'user' });
    return io.exitCode ?? EXIT.ok;
  } catch (error) {
    return reportError(error, io);
  }
}

/** The wizard is the default command and takes no arguments, so commander would answer a typo
 *  (`cronwarden scna`) with "too many arguments": name the unknown command instead. */
function checkCommandName(program: Command, word: string | undefined): void {
  if (word === undefined || word.startsWith('-')) return;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (names.includes(word)) return;
  const near = similar(word, names);
  throw new UsageError(`unknown command ‘${word}’`, near.length ? `did you mean ${near.join(', ')}? (cronwarden --help lists the commands)` : 'cronwarden --help lists the commands');
}

function reportError(error: unknown, rawIo: Io): number {
  // Messages quote host paths and diffs of host files: show their control characters, never obey them.
  const io = { err: (text: string) => rawIo.err(showControls(text)) };
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`cronwarden: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return EXIT.usage;
  }
  if (error instanceof RefusedError) {
    io.err(`cronwarden: refused: ${error.message}\n${error.detail ? `${error.detail}\n` : ''}${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return EXIT.refused;
  }
  if (error instanceof HostError) {
    io.err(`cronwarden: ${error.message}\n`);
    return EXIT.usage;
  }
  const system = systemError(error);
  if (system) {
    // A path the user gave (`plan -o DIR`, a read-only mount) that the OS refused: their input, not our bug.
    const reason = system.message.replace(/^E[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/, '');
    io.err(
      `cronwarden: cannot ${system.syscall}${system.path ? ` ${system.path}` : ''}: ${reason} (${system.code})\n` +
        '  hint: check that the path exists, is what it should be (a file or a directory) and that this user may use it; the command stopped at this point\n',
    );
    return EXIT.usage;
  }
  const bug = error instanceof BugError ? error : null;
  io.err(
    `cronwarden: internal error: ${bug ? bug.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
      '  This is a bug in cronwarden; nothing was written after the failure point. Please report it with the command you ran.\n',
  );
  return 70;
}

/** An error the OS returned for a file operation (open, write, rename…), with its errno code. */
function systemError(error: unknown): NodeJS.ErrnoException | null {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string' ? e : null;
}

function invokedAsProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedAsProgram()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
