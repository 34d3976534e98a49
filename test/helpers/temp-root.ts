// A TreeSpec written to a fresh directory under os.tmpdir(), for tests of the real host, apply and
// the CLI. Always call cleanup() (afterEach) so no tree outlives its test.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../../src/host/write-tree.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';

export function tempRoot(spec: TreeSpec): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cronwarden-root-'));
  try {
    writeTree(dir, spec);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
