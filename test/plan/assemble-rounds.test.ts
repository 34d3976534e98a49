// A refused fix sends the others round again, and a round reuses each source's outcome from the
// round before when the same fixes shaped it: whatever the rounds kept must be what assembling the
// surviving fixes from scratch gives, operation for operation.

import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { assemble, type Attempt } from '../../src/plan/assemble.js';
import { attemptFix, planContext } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

const synth = (await import(new URL('../../bench/synth-host.mjs', import.meta.url).href)) as {
  syntheticHostSpec(jobs: number, seed?: number): { spec: TreeSpec };
};

function rounds(spec: TreeSpec): { refused: number } {
  const result = scan(memoryHost(spec));
  const ctx = planContext(result.ctx);
  const attempts = result.findings.map((f) => attemptFix(f, ctx)).filter((a): a is Attempt => !('reason' in a));
  const assembly = assemble(attempts, ctx);
  const again = assemble(assembly.fixed, ctx);
  expect(again.failed).toEqual([]);
  expect(again.operations).toEqual(assembly.operations);
  return { refused: assembly.failed.length };
}

describe('assembly rounds', () => {
  it('keep what a fresh assembly of the surviving fixes gives, on the synthetic host', () => {
    expect(rounds(synth.syntheticHostSpec(600, 3).spec).refused).toBeGreaterThan(0);
  });

  it('on the demo host', () => rounds(demoHostSpec()));

  it('when a refused fix shares its file with fixes that stand', () => {
    const { refused } = rounds({
      ...debianBase(),
      // The background job refuses its lock and log; the other lines of the file keep theirs.
      '/etc/cron.d/mixed': 'MAILTO=""\n*/5 * * * * root curl -fsS https://example.com/ping\n* * * * * root /usr/bin/sleep 5 &\n0 3 * * * root frobnicate --all\n',
    });
    expect(refused).toBeGreaterThan(0);
  });
});
