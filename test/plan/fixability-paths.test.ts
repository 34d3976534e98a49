// isFixable answers most findings without assembling (a patch of a line that stays put, an owner/mode
// change below a directory apply will not write through): every such answer must be the one the
// assembler gives, finding by finding, and the scan's `fixable` must still be exactly what `plan` fixes.

import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { fixableByAssembly } from '../../src/plan/fixability.js';
import { buildPlan } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';
import { findingKey } from './helpers/where-now.js';

// The benchmark's synthetic host: the demo's risk mix over many generated sources. A plain .mjs
// that reads the built demo (`npm run build`), loaded by URL as it has no type declarations.
const synth = (await import(new URL('../../bench/synth-host.mjs', import.meta.url).href)) as {
  syntheticHostSpec(jobs: number, seed?: number): { spec: TreeSpec };
};

function check(spec: TreeSpec): { rules: Set<string> } {
  const result = scan(memoryHost(spec));
  const disagree = result.findings.filter((f) => f.fixable !== fixableByAssembly(f, result.ctx)).map((f) => `${findingKey(f)} fixable=${f.fixable}`);
  expect(disagree).toEqual([]);
  const plan = buildPlan(result);
  expect(plan.fixed.map(findingKey).sort()).toEqual(result.findings.filter((f) => f.fixable).map(findingKey).sort());
  return { rules: new Set(result.findings.filter((f) => f.fixable).map((f) => f.rule)) };
}

describe('isFixable shortcuts agree with the assembler', () => {
  it('on the demo host', () => {
    expect(check(demoHostSpec()).rules.size).toBeGreaterThan(5);
  });

  it('on the benchmark synthetic host (600 jobs)', () => {
    const { rules } = check(synth.syntheticHostSpec(600, 1).spec);
    // The common shortcut cases are all there: line patches, moves, owner/mode changes.
    for (const rule of ['no-lock', 'root-job', 'relative-command', 'writable-target', 'hidden-characters']) expect(rules).toContain(rule);
  });

  it('on a host with scripts below directories apply will not write through', () => {
    const { rules } = check({
      ...debianBase(),
      '/etc/cron.d/apps': [
        '0 3 * * * www-data /srv/shared/bin/report.sh',
        '0 4 * * * root /srv/shared/bin/rotate.sh',
        '0 5 * * * root /opt/tools/sync.sh',
        '',
      ].join('\n'),
      // Owned by another user (its fix is refused), so nothing above the scripts gets safe.
      '/srv/shared': { type: 'dir', mode: 0o755, uid: 33, gid: 33 },
      '/srv/shared/bin': { type: 'dir', mode: 0o777 },
      '/srv/shared/bin/report.sh': { content: '#!/bin/sh\n', mode: 0o777 },
      '/srv/shared/bin/rotate.sh': { content: '#!/bin/sh\n', mode: 0o775, uid: 33 },
      // World-writable but root's: its own fix makes it safe, and the script's fix then stands.
      '/opt/tools': { type: 'dir', mode: 0o777 },
      '/opt/tools/sync.sh': { content: '#!/bin/sh\n', mode: 0o757 },
    });
    expect(rules).toContain('writable-target');
  });

  it('on a host without logger and without /etc/logrotate.d (no logging fix; the jobs\' other fixes stand)', () => {
    const spec = { ...demoHostSpec() };
    for (const path of Object.keys(spec)) if (path === '/usr/bin/logger' || path === '/etc/logrotate.d' || path.startsWith('/etc/logrotate.d/')) delete spec[path];
    const { rules } = check(spec);
    expect(rules).toContain('root-job');
    expect(rules).not.toContain('no-output-channel');
  });
});
