// `fixable: true` in a scan exactly when `plan` with no selection fixes the finding.

import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { buildPlan } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';
import { findingKey } from './helpers/where-now.js';

function agree(spec: TreeSpec): void {
  const result = scan(memoryHost(spec));
  const plan = buildPlan(result);
  const fixable = result.findings.filter((f) => f.fixable).map(findingKey).sort();
  expect(plan.fixed.map(findingKey).sort()).toEqual(fixable);
}

describe('fixable agrees with the plan', () => {
  it('on the demo host', () => agree(demoHostSpec()));

  it('on a host where one job takes several fixes and one cannot be fixed', () =>
    agree({
      ...debianBase(),
      '/etc/cron.d/mixed':
        'MAILTO=""\n*/5 * * * * root curl -fsS https://example.com/ping >/dev/null 2>&1\n0 3 * * * root frobnicate --all\n* * * * * root /usr/bin/sleep 5 &\n',
      '/etc/cron.d/.hidden': '0 3 * * * root /usr/bin/true\n',
    }));

  it('on a host where a script is fixable only once the world-writable directory above it is', () =>
    agree({
      ...debianBase(),
      '/etc/cron.d/app': '0 3 * * * www-data /opt/app/bin/job.sh\n',
      '/opt/app/bin': { type: 'dir', mode: 0o777 },
      '/opt/app/bin/job.sh': { content: '#!/bin/sh\n', mode: 0o777 },
    }));
});
