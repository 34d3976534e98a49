import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { toSarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/registry.js';
import { scan } from '../../src/scan.js';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { debianBase } from '../helpers/debian-base.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// ajv-draft-04 is CommonJS: under nodenext its default import is module.exports, whose .default is the class.
const validate = new AjvDraft04.default({ allErrors: true, strict: false }).compile(schema);

describe('SARIF 2.1.0 output', () => {
  const result = scan(memoryHost(demoHostSpec()));
  const sarif = toSarif(result, result.findings, RULES, '0.1.0');

  it('validates against the official OASIS schema', () => {
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
  });

  it('has one rule entry per catalogue rule, with help text', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of rules) expect(rule.help.text.length).toBeGreaterThan(40);
  });

  it('maps severities to levels and points results at host paths and lines', () => {
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(result.findings.length);
    const level = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' } as const;
    result.findings.forEach((f, i) => {
      const r = results[i];
      expect(r.ruleId).toBe(f.rule);
      expect(r.level).toBe(level[f.severity]);
      expect(sarif.runs[0].tool.driver.rules[r.ruleIndex ?? -1].id).toBe(f.rule);
      if (f.path) expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${f.path}`);
      if (f.line) expect(r.locations[0].physicalLocation.region?.startLine).toBe(f.line);
    });
  });

  it('an empty host is still a valid log', () => {
    const empty = scan(memoryHost(debianBase()), { rules: ['root-job'] });
    expect(validate(toSarif(empty, empty.findings, RULES, '0.1.0'))).toBe(true);
  });
});
