// Golden plans for the demo host, reviewed by reading them: the diffs `cronwarden plan` prints and
// its summary. A change to any fix shows up here as a diff of a diff.

import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { buildPlan } from '../../src/plan/planner.js';
import { renderOperations } from '../../src/plan/render.js';
import { summarisePlan } from '../../src/plan/summary.js';
import { scan } from '../../src/scan.js';
import { assertWellFormed } from './helpers/plan-for.js';

describe('demo host plans', () => {
  const host = memoryHost(demoHostSpec());
  const result = scan(host);

  it('the default plan', async () => {
    const plan = buildPlan(result, { toolVersion: 'test' });
    assertWellFormed(plan, host);
    await expect(renderOperations(plan.operations, host)).toMatchFileSnapshot('../../snapshots/plan-demo.txt');
    await expect(summarisePlan(plan)).toMatchFileSnapshot('../../snapshots/plan-demo-summary.txt');
  });

  it('every suggestion accepted', async () => {
    const plan = buildPlan(result, { acceptSuggestions: true, toolVersion: 'test' });
    assertWellFormed(plan, host);
    await expect(renderOperations(plan.operations, host)).toMatchFileSnapshot('../../snapshots/plan-demo-suggestions.txt');
  });

  it('one job, every fix it takes', async () => {
    const plan = buildPlan(result, { jobs: ['etc-cron.d-backup-files:6'], toolVersion: 'test' });
    await expect(renderOperations(plan.operations, host) + summarisePlan(plan)).toMatchFileSnapshot('../../snapshots/diff-demo-backup-files.txt');
  });
});
