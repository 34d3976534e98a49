// Starts the wizard on a terminal (the host is picked by targetFor, in target.ts): renders, and
// resolves when the user quits.

import { createElement } from 'react';
import { render } from 'ink';
import type { Io } from '../cli/io.js';
import { EXIT } from '../core/errors.js';
import { rootHost } from '../host/root-host.js';
import { App } from './app.js';
import type { Target, WizardState } from './state.js';
import { colourWanted } from './theme.js';

/** Renders the wizard on `target` and resolves when the user quits. `home` moves the cursor back
 *  over rows drawn before Ink was loaded (see placeholder), which Ink's first frame draws over. */
export async function runWizard(target: Target, io: Io, home = ''): Promise<void> {
  const root = target.root;
  const openHost = () => rootHost(root);
  const onQuit = (last: WizardState) => {
    // As the other commands: 2 when the host could not be read, 1 when an apply was refused.
    if (last.error && !last.model) io.exitCode = EXIT.usage;
    else if (last.apply.status === 'failed') io.exitCode = EXIT.refused;
  };
  if (home) process.stdout.write(home);
  const instance = render(createElement(App, { openHost, target, color: colourWanted(process.env, Boolean(process.stdout.isTTY)), onQuit }), {
    exitOnCtrlC: true,
    // Ink's default (30 fps) holds a key's frame back for up to 33 ms after the previous frame;
    // a keypress should show at once. Scan progress is rate-limited at its source (load.ts).
    maxFps: 120,
  });
  await instance.waitUntilExit();
  if (target.kind === 'demo') io.err(`cronwarden: the demo host is still in ${target.root}\n`);
}
