// The demo host does its job: every rule in the registry fires on it, cron ignores exactly the
// sources the README's not-loaded table lists, and missing-target fires only where it was planted
// (every other script the jobs run exists). The same scan of the tree written to disk (as root)
// gives the same findings as the in-memory host.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoHost, demoHostDir, demoHostSpec } from '../../src/demo/demo-host.js';
import { MEMORY_HOST_NOW, memoryHost } from '../../src/host/memory-host.js';
import { rootHost } from '../../src/host/root-host.js';
import { RULES } from '../../src/rules/registry.js';
import { scan } from '../../src/scan.js';

const result = scan(memoryHost(demoHostSpec()));
const readme = readFileSync(join(demoHostDir(), 'README.md'), 'utf8');

describe('scan of the demo host', () => {
  it('fires every registered rule at least once', () => {
    const fired = new Set(result.findings.map((f) => f.rule));
    expect(RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('fires each registered rule at one of the places the README table names for it', () => {
    const rows = [...readme.matchAll(/^\| ([a-z][a-z-]+) \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!] as const);
    const wrong: string[] = [];
    for (const [rule, where] of rows) {
      if (!RULES.some((r) => r.id === rule)) continue;
      // "/etc/cron.d/app-logs:6", "…/alice:5-6", or a bare path (any line).
      const places = [...where.matchAll(/(\/[\w./-]+?)(?::(\d+)(?:-(\d+))?)?(?=[\s,;|]|$)/g)].map((m) => ({
        path: m[1]!,
        from: m[2] === undefined ? null : Number(m[2]),
        to: Number(m[3] ?? m[2]),
      }));
      if (places.length === 0) continue;
      const hit = result.findings.some(
        (f) => f.rule === rule && places.some((p) => f.path === p.path && (p.from === null || (f.line !== null && f.line >= p.from && f.line <= p.to))),
      );
      if (!hit) wrong.push(`${rule}: ${where.trim()}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds not live exactly the sources the README lists', () => {
    const table = readme.slice(readme.indexOf('| source | cause |'));
    const listed = [...table.matchAll(/^\| (\/[^ |]+) \|/gm)].map((m) => m[1]!).sort();
    const notLive = result.inventory.sources.filter((s) => !s.live).map((s) => s.path).sort();
    expect(notLive).toEqual(listed);
  });

  it('reports missing targets only where they were planted', () => {
    const missing = new Set(result.findings.filter((f) => f.rule === 'missing-target').map((f) => `${f.path}:${f.line}`));
    expect([...missing].sort()).toEqual([
      '/etc/cron.d/backup-files:8',
      // PATH=.:$PATH is taken literally by cron: curl, sh, git and npm are not found on it.
      '/var/spool/cron/crontabs/alice:5',
      '/var/spool/cron/crontabs/alice:6',
      '/var/spool/cron/crontabs/bob:4',
    ].sort());
  });

  it('keeps the planted critical cases critical or high', () => {
    const at = (rule: string, path: string, line: number | null) =>
      result.findings.find((f) => f.rule === rule && f.path === path && f.line === line)?.severity;
    expect(at('writable-target', '/etc/cron.d/app-logs', 7)).toBe('critical');
    expect(at('hidden-characters', '/etc/cron.d/php-fpm', 2)).toBe('high');
    expect(at('invalid-schedule', '/etc/cron.d/reports', 4)).toBe('high');
    expect(at('invalid-line', '/etc/cron.d/ssl-expiry', 3)).toBe('high');
    expect(at('missing-newline', '/etc/cron.d/queue-worker', 2)).toBe('high');
  });
});

describe.runIf(process.getuid?.() === 0)('scan of the demo host written to disk (as root)', () => {
  it('gives the same findings as the in-memory host', () => {
    const dir = buildDemoHost();
    try {
      const onDisk = scan(rootHost(dir, { now: MEMORY_HOST_NOW }));
      const key = (f: { rule: string; path: string | null; line: number | null; severity: string; message: string }) =>
        `${f.rule} ${f.path}:${f.line} ${f.severity} ${f.message}`;
      expect(onDisk.findings.map(key).sort()).toEqual(result.findings.map(key).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
