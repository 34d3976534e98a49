import { readFileSync, rmSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoHost } from '../../src/demo/demo-host.js';
import { runCli } from '../helpers/cli.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/schemas/scan-v1.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('cronwarden scan (built binary)', () => {
  let demo: string;
  beforeAll(() => {
    demo = buildDemoHost();
  });
  afterAll(() => rmSync(demo, { recursive: true, force: true }));

  it('emits JSON that validates against the v1 schema, and nothing else on stdout', () => {
    const r = runCli(['scan', '--root', demo, '--format', 'json']);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(validate(report), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(report.root).toBe(demo);
    expect(report.summary.jobs).toBe(report.jobs.length);
    expect(report.summary.sources).toBe(report.sources.length);
    for (const path of report.sources.map((s: { path: string }) => s.path)) expect(path.startsWith(demo)).toBe(false);
  });

  it('exits 1 when a finding reaches --fail-on, 0 otherwise', () => {
    expect(runCli(['scan', '--root', demo, '--format', 'json']).code).toBe(1);
    expect(runCli(['scan', '--root', demo, '--format', 'json', '--fail-on', 'never']).code).toBe(0);
  });

  it('--rule and --disable select rules; unknown ids are a usage error', () => {
    const only = JSON.parse(runCli(['scan', '--root', demo, '--format', 'json', '--rule', 'not-loaded']).stdout);
    expect(new Set(only.findings.map((f: { rule: string }) => f.rule))).toEqual(new Set(['not-loaded']));
    const without = JSON.parse(runCli(['scan', '--root', demo, '--format', 'json', '--disable', 'unreviewed-job']).stdout);
    expect(without.findings.some((f: { rule: string }) => f.rule === 'unreviewed-job')).toBe(false);
    const bad = runCli(['scan', '--root', demo, '--rule', 'no-such-rule']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no-such-rule');
  });

  it('--min-severity filters what is shown but not the exit code', () => {
    const r = runCli(['scan', '--root', demo, '--format', 'json', '--min-severity', 'critical']);
    const report = JSON.parse(r.stdout);
    expect(report.findings.every((f: { severity: string }) => f.severity === 'critical')).toBe(true);
    expect(r.code).toBe(1);
  });

  it('a missing root is a usage error with a message on stderr and nothing on stdout', () => {
    const r = runCli(['scan', '--root', '/nonexistent/cronwarden-root']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/does not exist/);
  });

  it('text output groups by source and ends with a summary line', () => {
    const r = runCli(['scan', '--root', demo]);
    expect(r.stdout).toMatch(/^\/etc\/crontab {2}\(system, root:root 0644/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/sources, \d+ jobs/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('--help exists for the program and each command', () => {
    const commands = ['scan', 'rules', 'explain', 'plan', 'apply', 'backups', 'rollback', 'recover', 'try'];
    for (const args of [['--help'], ...commands.map((c) => [c, '--help'])]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: cronwarden/);
    }
  });

  it('an unknown command or flag is a usage error', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['scan', '--bogus']).code).toBe(2);
  });

  it('keeps scanning past bad sources and reports them in errors', () => {
    const host = tempRoot({
      ...debianBase(),
      '/etc/cron.d/good': '0 3 * * * root /usr/bin/true\n',
      '/etc/cron.d/adir': { type: 'dir' },
      '/etc/cron.d/huge': 'x'.repeat(2 * 1024 * 1024),
      '/etc/cron.d/latin1': { content: Buffer.from('# caf\xe9\n0 4 * * * root /usr/bin/true\n', 'latin1') },
    });
    try {
      const report = JSON.parse(runCli(['scan', '--root', host.dir, '--format', 'json']).stdout);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      const byPath = Object.fromEntries(report.sources.map((s: { path: string }) => [s.path, s]));
      expect(byPath['/etc/cron.d/good'].live).toBe(true);
      expect(byPath['/etc/cron.d/huge'].errors.join(' ')).toMatch(/limit/);
      expect(byPath['/etc/cron.d/latin1'].jobs).toBe(1);
    } finally {
      host.cleanup();
    }
  });
});

describe('cronwarden rules / explain', () => {
  it('lists the catalogue and explains one rule', () => {
    const list = runCli(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/not-loaded\s+8\s+high/);
    const explain = runCli(['explain', 'not-loaded']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/Why[\s\S]*Bad[\s\S]*Good[\s\S]*Fix[\s\S]*References/);
    const unknown = runCli(['explain', 'not-load']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean not-loaded/);
  });
});
