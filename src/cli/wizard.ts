// The default command: the interactive wizard (DESIGN §4, §7). Ink and React are imported only
// here, inside the action, so `scan` and the other commands never pay for loading them; the
// wizard's first rows are drawn while they load (ui/target.ts has neither).

import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { placeholder, targetFor } from '../ui/target.js';
import type { Io } from './io.js';

interface WizardFlags {
  demo?: boolean;
  root?: string;
}

export function registerWizard(program: Command, io: Io): void {
  // Positional: `scan --root X` must give --root to scan, not to the wizard's own --root.
  program
    .enablePositionalOptions()
    .addOption(new Option('--demo', 'run the wizard on a bundled demo host copied to a temp dir'))
    .addOption(new Option('--root <dir>', 'run the wizard on the host tree under DIR instead of this machine'))
    // `cronwarden --root X scan` would parse --root here and scan `/`: refuse rather than read
    // the wrong host.
    .hook('preSubcommand', (command, sub) => {
      const flags = command.opts<WizardFlags>();
      if (flags.root !== undefined || flags.demo) {
        throw new UsageError(`--root and --demo before \`${sub.name()}\` belong to the wizard`, `put them after the command: cronwarden ${sub.name()} --root DIR`);
      }
    })
    .action(async (flags: WizardFlags) => {
      if (flags.demo && flags.root) throw new UsageError('--demo and --root cannot be combined', 'use --demo for the bundled demo host, or --root DIR for a host tree');
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UsageError(
          'the interactive wizard needs a terminal (stdin and stdout must be a TTY)',
          'use `cronwarden scan` to list findings, `cronwarden plan -o plan.json` to write the fixes, and `cronwarden apply plan.json` to apply them',
        );
      }
      // Before anything is drawn: a bad --root is refused as the other commands refuse it.
      const target = await targetFor(flags, io);
      // React's development build (the default without NODE_ENV) is several times slower per
      // keypress; a user's terminal wants the production one.
      process.env.NODE_ENV ??= 'production';
      // Loading Ink, React and yoga takes a few hundred milliseconds: show the first rows now.
      const first = placeholder(target, process.stdout.columns || 80);
      process.stdout.write(first.text);
      const { runWizard } = await import('../ui/run.js');
      await runWizard(target, io, first.home);
    });
}
