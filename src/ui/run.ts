// Starts the wizard on a terminal: picks the host (live, --root, or a fresh demo copy), renders,
// and resolves when the user quits.

import { realpathSync } from 'node:fs';
import { createElement } from 'react';
import { render } from 'ink';
import type { Io } from '../cli/io.js';
import { checkAccounts } from '../cli/scan.js';
import { EXIT } from '../core/errors.js';
import { buildDemoHost } from '../demo/demo-host.js';
import { rootHost } from '../host/root-host.js';
import { App } from './app.js';
import type { Target, WizardState } from './state.js';
import { colourWanted } from './theme.js';

/** Where the wizard works. A root that is this machine's `/` — `--root /`, `--root //`, or a link
 *  to it — is the live host, with the live host's typed confirmations. The demo host is built here. */
export function targetFor(flags: { demo?: boolean; root?: string }, io: Io): Target {
  if (flags.demo) {
    io.err('cronwarden: building the demo host in a temp dir…\n');
    const dir = buildDemoHost();
    io.err(`cronwarden: demo host built in ${dir} (a copy: change it freely; delete it when done)\n`);
    return { kind: 'demo', root: dir };
  }
  const host = rootHost(flags.root ?? '/');
  // The same check as `scan`: a root without the host's accounts makes every job look orphaned.
  checkAccounts(host, host.root, io);
  return realpathSync(host.root) === '/' ? { kind: 'live', root: '/' } : { kind: 'root', root: host.root };
}

export async function runWizard(flags: { demo?: boolean; root?: string }, io: Io): Promise<void> {
  const target = targetFor(flags, io);
  const root = target.root;
  const openHost = () => rootHost(root);
  const onQuit = (last: WizardState) => {
    // As the other commands: 2 when the host could not be read, 1 when an apply was refused.
    if (last.error && !last.model) io.exitCode = EXIT.usage;
    else if (last.apply.status === 'failed') io.exitCode = EXIT.refused;
  };
  const instance = render(createElement(App, { openHost, target, color: colourWanted(process.env, Boolean(process.stdout.isTTY)), onQuit }), {
    exitOnCtrlC: true,
    // A keypress changes a few rows (the cursor's, the status): write only those, not all 29, so
    // the terminal has less to parse and never shows a half-redrawn frame.
    incrementalRendering: true,
    // Ink's default (30 fps) holds a key's frame back for up to 33 ms after the previous frame;
    // a keypress should show at once. Scan progress is rate-limited at its source (load.ts).
    maxFps: 120,
  });
  await instance.waitUntilExit();
  if (flags.demo) io.err(`cronwarden: the demo host is still in ${target.root}\n`);
}
