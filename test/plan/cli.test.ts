// `cronwarden plan` and `apply --dry-run` on the demo host, through the built binary: the diffs on
// stdout, the summary on stderr, a sealed 0600 plan file, and a dry run that changes nothing.

import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoHost } from '../../src/demo/demo-host.js';
import { parsePlan } from '../../src/plan/plan-file.js';
import { tempRoot } from '../helpers/temp-root.js';
import { debianBase } from '../helpers/debian-base.js';
import { runCli } from '../helpers/cli.js';

/** Every path under dir with its type, mode, owner and bytes: what a dry run must leave alone. */
function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string): void => {
    const st = lstatSync(path);
    const bytes = st.isFile() ? readFileSync(path).toString('base64') : '';
    out.set(path, `${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.nlink} ${bytes}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe('cronwarden plan (built binary)', () => {
  let demo: string;
  let planFile: string;
  beforeAll(() => {
    demo = buildDemoHost();
    planFile = join(tmpdir(), `cronwarden-plan-${process.pid}.json`);
  });
  afterAll(() => {
    rmSync(demo, { recursive: true, force: true });
    rmSync(planFile, { force: true });
  });

  it('prints the diffs on stdout and the summary on stderr, and saves nothing without -o', () => {
    const r = runCli(['plan', '--root', demo]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('--- a/etc/cron.d/backup-files\n+++ b/etc/cron.d/backup-files\n');
    expect(r.stdout).toContain('create system user cw-backup-files');
    expect(r.stderr).toMatch(/^Plan for .*: \d+ findings fixed by \d+ operations/);
    expect(r.stderr).toContain('Not saved: run again with -o plan.json');
  });

  it('-o writes a sealed plan readable only by root, for this root', () => {
    const r = runCli(['plan', '--root', demo, '-o', planFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(planFile).mode & 0o777).toBe(0o600);
    const plan = parsePlan(readFileSync(planFile, 'utf8'), planFile, demo);
    expect(plan.operations.length).toBeGreaterThan(10);
    expect(r.stderr).toContain(`Review: cronwarden apply ${planFile} --dry-run`);
  });

  it('apply --dry-run shows every planned change and leaves every byte, mode and owner as it was', () => {
    const plan = parsePlan(readFileSync(planFile, 'utf8'), planFile, demo);
    const before = snapshotTree(demo);
    const r = runCli(['apply', planFile, '--root', demo, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    for (const op of plan.operations) expect(r.stdout).toContain('path' in op ? op.path : op.op === 'create-user' ? op.name : op.user);
    expect(snapshotTree(demo)).toEqual(before);
  });

  it('refuses an unknown rule, an unknown job and a bad user prefix (exit 2)', () => {
    expect(runCli(['plan', '--root', demo, '--rule', 'no-such-rule']).code).toBe(2);
    const job = runCli(['plan', '--root', demo, '--job', 'etc-cron.d-nothing:1']);
    expect(job.code).toBe(2);
    expect(job.stderr).toContain('no job etc-cron.d-nothing:1');
    expect(runCli(['plan', '--root', demo, '--user-prefix', 'Bad Prefix']).code).toBe(2);
  });

  it('-o - prints the plan JSON on stdout instead of the diffs', () => {
    const r = runCli(['plan', '--root', demo, '--rule', 'no-lock', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    const plan = parsePlan(r.stdout, 'stdout', demo);
    expect(new Set(plan.fixed.map((f) => f.rule))).toEqual(new Set(['no-lock']));
  });
});

describe('the plan file', () => {
  it('is never written through a symlink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cronwarden-plan-link-'));
    try {
      const victim = join(dir, 'victim');
      writeFileSync(victim, 'keep\n');
      symlinkSync(victim, join(dir, 'plan.json'));
      const host = tempRoot(debianBase());
      const r = runCli(['plan', '--root', host.dir, '-o', join(dir, 'plan.json')]);
      host.cleanup();
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot write the plan');
      expect(readFileSync(victim, 'utf8')).toBe('keep\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
