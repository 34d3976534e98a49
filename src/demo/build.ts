// `node dist/demo/build.js [DIR]`: writes the demo host (owners and modes included, so as root)
// into DIR or a fresh temp dir and prints the directory, e.g. for `cronwarden scan --root "$(…)"`.

import { UsageError } from '../core/errors.js';
import { buildDemoHost } from './demo-host.js';

try {
  process.stdout.write(`${buildDemoHost(process.argv[2])}\n`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof UsageError && error.hint ? `\n  hint: ${error.hint}` : '';
  process.stderr.write(`cronwarden demo: cannot build the demo host: ${message}${hint}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
