import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parsePlan, serializePlan } from '../../src/plan/plan-file.js';
import { buildPlan } from '../../src/plan/planner.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

const host = memoryHost({ ...debianBase(), '/etc/cron.d/x': '*/5 * * * * root /usr/bin/rsync -a /a /b\n' });
const text = serializePlan(buildPlan(scan(host), { toolVersion: 'test' }));

describe('plan files', () => {
  it('round-trip', () => {
    expect(parsePlan(text, 'plan.json', '/').operations.length).toBeGreaterThan(0);
  });

  it('an edited plan, another version or another root is refused', () => {
    const edited = text.replace('/run/lock/', '/tmp/');
    expect(() => parsePlan(edited, 'plan.json', '/')).toThrow(/changed after it was made/);
    expect(() => parsePlan(text.replace('"version": 1', '"version": 2'), 'plan.json', '/')).toThrow(/version 2 plan/);
    expect(() => parsePlan(text, 'plan.json', '/srv/other')).toThrow(UsageError);
    expect(() => parsePlan('{', 'plan.json', '/')).toThrow(/not a plan file/);
  });
});
