// A file cron ignores for one bad line stays ignored whatever else a fix changes in it: the plan must
// not write it (apply would refuse the whole plan), and scan must not call that fix fixable.

import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { buildPlan } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

describe('a fix in a file with another broken line', () => {
  const text = '0 3 * * * root /usr/bin/true \u202e# x\n  mail.example.com\n';
  const result = scan(memoryHost({ ...debianBase(), '/etc/cron.d/broken': text }));

  it('is not fixable in the scan', () => {
    const hidden = result.findings.find((f) => f.rule === 'hidden-characters');
    expect(hidden).toBeDefined();
    expect(hidden?.fixable).toBe(false);
  });

  it('is left out of the plan with the reason, and the file is not written', () => {
    const plan = buildPlan(result);
    expect(plan.operations.some((op) => 'path' in op && op.path === '/etc/cron.d/broken')).toBe(false);
    expect(plan.unfixed.find((u) => u.rule === 'hidden-characters')?.reason).toMatch(/would still have line 2 invalid/);
  });
});
