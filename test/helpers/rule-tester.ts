// Our RuleTester (after ESLint's): a rule's table of cases that must fire and cases that must not,
// each run as a real scan of an in-memory Debian host with the case's crontab on it. The rule's
// documented bad/good examples run through the same machinery, so the docs cannot drift from the code.

import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import type { Finding, Severity } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { parsePasswd } from '../../src/host/passwd.js';
import type { TreeNode, TreeSpec } from '../../src/host/tree-spec.js';
import { analyse } from '../../src/rules/engine.js';
import type { Rule, RuleContext, RuleExample } from '../../src/rules/rule.js';
import { CRONTAB_GID, DEBIAN_PASSWD, debianBase } from './debian-base.js';

export interface ExpectedFinding {
  line?: number | null;
  message?: string | RegExp;
  severity?: Severity;
  path?: string | null;
}

export interface RuleTestCase {
  name?: string;
  /** Crontab text placed at `path`. */
  text: string;
  /** Default /etc/cron.d/example (root:root 0644); a spool path gets its user's ownership and 0600. */
  path?: string;
  /** Extra or overriding files over debianBase(); an entry for `path` itself replaces the default node. */
  files?: TreeSpec;
  /** invalid cases: exactly these findings, in order (line, then severity). Omit to require at least one. */
  errors?: ExpectedFinding[];
}

export const DEFAULT_PATH = '/etc/cron.d/example';
const SPOOL = '/var/spool/cron/crontabs/';

function defaultNode(path: string, text: string, spec: TreeSpec): TreeNode {
  if (!path.startsWith(SPOOL)) return { content: text, mode: 0o644, uid: 0, gid: 0 };
  const name = path.slice(SPOOL.length);
  const passwd = spec['/etc/passwd'];
  const users = parsePasswd(typeof passwd === 'string' ? passwd : DEBIAN_PASSWD);
  // An orphan's crontab keeps the uid its deleted owner had; 4242 stands for "no such user".
  const uid = users.find((u) => u.name === name)?.uid ?? 4242;
  return { content: text, mode: 0o600, uid, gid: CRONTAB_GID };
}

export function hostFor(example: RuleTestCase | RuleExample): TreeSpec {
  const path = example.path ?? DEFAULT_PATH;
  const base = { ...debianBase(), ...(example.files ?? {}) };
  return example.files?.[path] ? base : { ...base, [path]: defaultNode(path, example.text, base) };
}

export function runRule(rule: Rule, example: RuleTestCase | RuleExample): Finding[] {
  const host = memoryHost(hostFor(example));
  const ctx: RuleContext = { host, inventory: buildInventory(host), cache: new Map() };
  return analyse(ctx, [rule]).findings;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`).join('\n') || '(none)';

function checkMeta(rule: Rule): void {
  expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  expect(rule.practice).toBeGreaterThanOrEqual(1);
  expect(rule.practice).toBeLessThanOrEqual(12);
  expect(rule.title.length).toBeGreaterThan(5);
  expect(rule.docs.rationale.length).toBeGreaterThan(40);
  expect(rule.docs.remedy.length).toBeGreaterThan(10);
  expect(rule.docs.bad.length, 'at least one bad example').toBeGreaterThan(0);
  expect(rule.docs.good.length, 'at least one good example').toBeGreaterThan(0);
}

export function testRule(rule: Rule, cases: { valid: RuleTestCase[]; invalid: RuleTestCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    it('has complete metadata', () => checkMeta(rule));

    it.each(rule.docs.bad.map((e, i) => [i, e] as const))('docs bad example %i fires', (_i, example) => {
      expect(runRule(rule, example).length, `expected a finding for:\n${example.text}`).toBeGreaterThan(0);
    });
    it.each(rule.docs.good.map((e, i) => [i, e] as const))('docs good example %i is clean', (_i, example) => {
      const findings = runRule(rule, example);
      expect(findings, show(findings)).toEqual([]);
    });

    for (const [i, tc] of cases.valid.entries()) {
      it(`valid: ${tc.name ?? JSON.stringify(tc.text.slice(0, 60)) ?? i}`, () => {
        const findings = runRule(rule, tc);
        expect(findings, show(findings)).toEqual([]);
      });
    }
    for (const [i, tc] of cases.invalid.entries()) {
      it(`invalid: ${tc.name ?? JSON.stringify(tc.text.slice(0, 60)) ?? i}`, () => {
        const findings = runRule(rule, tc);
        if (!tc.errors) {
          expect(findings.length, 'expected at least one finding').toBeGreaterThan(0);
          return;
        }
        expect(findings.length, show(findings)).toBe(tc.errors.length);
        tc.errors.forEach((want, k) => {
          const got = findings[k];
          if (want.line !== undefined) expect(got.line, show(findings)).toBe(want.line);
          if (want.severity) expect(got.severity, show(findings)).toBe(want.severity);
          if (want.path !== undefined) expect(got.path, show(findings)).toBe(want.path);
          if (typeof want.message === 'string') expect(got.message).toContain(want.message);
          else if (want.message) expect(got.message).toMatch(want.message);
        });
      });
    }
  });
}
