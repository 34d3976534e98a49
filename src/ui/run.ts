// Starts the wizard on a terminal: picks the host (live, --root, or a fresh demo copy), renders,
// and resolves when the user quits.

import { createElement } from 'react';
import { render } from 'ink';
import type { Io } from '../cli/io.js';
import { EXIT } from '../core/errors.js';
import { buildDemoHost } from '../demo/demo-host.js';
import { rootHost } from '../host/root-host.js';
import { App } from './app.js';
import type { Target, WizardState } from './state.js';
import { colourWanted } from './theme.js';

export async function runWizard(flags: { demo?: boolean; root?: string }, io: Io): Promise<void> {
  let target: Target;
  if (flags.demo) {
    const dir = buildDemoHost();
    io.err(`cronwarden: demo host built in ${dir} (a copy: change it freely; delete it when done)\n`);
    target = { kind: 'demo', root: dir };
  } else if (flags.root) {
    target = { kind: 'root', root: flags.root };
  } else {
    target = { kind: 'live', root: '/' };
  }
  const root = rootHost(target.root).root;
  const openHost = () => rootHost(root);
  const onQuit = (last: WizardState) => {
    // As the other commands: 2 when the host could not be read, 1 when an apply was refused.
    if (last.error && !last.model) io.exitCode = EXIT.usage;
    else if (last.apply.status === 'failed') io.exitCode = EXIT.refused;
  };
  const instance = render(createElement(App, { openHost, target: { ...target, root }, color: colourWanted(process.env, Boolean(process.stdout.isTTY)), onQuit }), {
    exitOnCtrlC: true,
  });
  await instance.waitUntilExit();
  if (flags.demo) io.err(`cronwarden: the demo host is still in ${target.root}\n`);
}
