// The whole loop on a copy of the demo host through the built binary and the real writer:
// plan -o, apply --yes, scan again. No finding the plan fixed comes back, the crontabs it wrote
// parse, and a second plan proposes nothing for what the first one fixed.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoHost } from '../../src/demo/demo-host.js';
import { rootHost } from '../../src/host/root-host.js';
import { parsePlan } from '../../src/plan/plan-file.js';
import { buildPlan } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { findingKey, locator } from './helpers/where-now.js';

const missing = process.getuid?.() !== 0 ? 'not running as root (the demo host has real owners)' : !existsSync('/usr/sbin/useradd') ? 'useradd is not installed' : null;
if (missing) {
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(`plan/apply end-to-end cannot run in CI: ${missing}`);
  console.warn(`SKIPPING plan/apply end-to-end: ${missing}`);
}

describe.skipIf(missing !== null)('plan, apply, scan again (real writer)', () => {
  let demo = '';
  const planFile = join(tmpdir(), `cronwarden-e2e-plan-${process.pid}.json`);
  beforeAll(() => {
    demo = buildDemoHost();
  });
  afterAll(() => {
    rmSync(demo, { recursive: true, force: true });
    rmSync(planFile, { force: true });
  });

  it('fixed findings stay fixed', () => {
    expect(runCli(['plan', '--root', demo, '-o', planFile]).code).toBe(0);
    const plan = parsePlan(readFileSync(planFile, 'utf8'), planFile, demo);
    const where = locator(rootHost(demo), plan);
    const keys = plan.fixed.map((f) => ({ fix: findingKey(f), after: where.keyAfter(f) }));

    const applied = runCli(['apply', planFile, '--root', demo, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);

    const after = scan(rootHost(demo));
    const now = new Set(after.findings.map(findingKey));
    expect(keys.filter((k) => k.after !== null && now.has(k.after))).toEqual([]);
    const broken = after.findings.filter((f) => ['invalid-line', 'invalid-schedule', 'not-loaded'].includes(f.rule) && plan.operations.some((o) => 'path' in o && o.path === f.path));
    expect(broken).toEqual([]);
    const again = new Set(buildPlan(after).fixed.map(findingKey));
    expect(keys.filter((k) => k.after !== null && again.has(k.after))).toEqual([]);
  });
});
