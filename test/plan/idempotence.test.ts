// Applying a plan and scanning again: none of the findings it fixed come back, and every crontab it
// rewrote still parses. Over the demo host, for the default plan and random selections of rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { buildPlan, type PlanOptions } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { applyToSpec } from './helpers/apply-to-spec.js';
import { findingKey, locator } from './helpers/where-now.js';

/** Rules whose findings say a crontab no longer parses or loads. */
const BREAKAGE = ['invalid-line', 'invalid-schedule', 'shell-syntax', 'not-loaded', 'missing-newline', 'unknown-user'];

function check(spec: TreeSpec, options: PlanOptions): { fixedRules: string[] } {
  const before = scan(memoryHost(spec));
  const plan = buildPlan(before, options);
  const after = scan(memoryHost(applyToSpec(spec, plan)));
  const where = locator(before.host, plan);
  const afterKeys = new Map(after.findings.map((f) => [findingKey(f), f]));
  const back = plan.fixed
    .map((fix) => ({ fix, now: afterKeys.get(where.keyAfter(fix) ?? '') }))
    .filter((r) => r.now !== undefined)
    .map(({ fix, now }) => `${findingKey(fix)} → ${now!.job ?? now!.path}:${now!.line} ${now!.message}`);
  expect.soft(back, 'fixed findings that come back after the apply').toEqual([]);
  for (const rule of BREAKAGE) {
    const broken = after.findings.filter((f) => f.rule === rule && !f.latent && !before.findings.some((b) => b.rule === rule && b.path === f.path));
    expect.soft(broken.map((f) => `${f.path}:${f.line} ${f.message}`), `${rule} on a file the plan wrote`).toEqual([]);
  }
  const again = new Set(buildPlan(after, options).fixed.map(findingKey));
  const repeated = plan.fixed.map((f) => where.keyAfter(f)).filter((k): k is string => k !== null && again.has(k));
  expect.soft(repeated, 're-planning proposes fixes the first plan already made').toEqual([]);
  return { fixedRules: [...new Set(plan.fixed.map((f) => f.rule))] };
}

describe('idempotence on the demo host', () => {
  const spec = demoHostSpec();

  it('the default plan: fixed findings do not return, rewritten crontabs parse', () => {
    const { fixedRules } = check(spec, {});
    expect(fixedRules.length).toBeGreaterThan(5);
  });

  it('suggestions too', () => {
    check(spec, { acceptSuggestions: true });
  });

  it('random selections of rules', () => {
    const rules = [...new Set(scan(memoryHost(spec)).findings.filter((f) => f.fixable || f.suggestion).map((f) => f.rule))].sort();
    fc.assert(
      fc.property(fc.subarray(rules, { minLength: 1 }), (selection) => {
        check(spec, { rules: selection });
      }),
      { numRuns: 25 },
    );
  });
});
