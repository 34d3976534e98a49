// SARIF 2.1.0 for code-scanning dashboards. Severity map per DESIGN §5:
// critical/high → error, medium → warning, low/info → note. One rule entry per catalogue rule.

import type { Finding, Severity } from '../core/types.js';
import type { Rule } from '../rules/rule.js';
import type { ScanResult } from '../scan.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const PRACTICES = [
  'least privilege',
  'file permissions',
  'secure execution environment',
  'authentication and authorization',
  'input validation',
  'logging and monitoring',
  'updates and patching',
  'testing',
  'backup and recovery',
  'restrictive shells',
  'regular review',
  'separation of duties',
];

export const practiceName = (practice: number): string => PRACTICES[practice - 1] ?? `practice ${practice}`;

function ruleDescriptor(rule: Rule) {
  const examples = (title: string, list: { text: string }[]) =>
    list.length ? `\n\n${title}:\n${list.map((e) => `    ${e.text.trimEnd().replace(/\n/g, '\n    ')}`).join('\n')}` : '';
  const help = `${rule.docs.rationale}\n\nFix: ${rule.docs.remedy}`;
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.rationale },
    help: {
      text: help + examples('Bad', rule.docs.bad) + examples('Good', rule.docs.good),
      markdown: `${rule.docs.rationale}\n\n**Fix:** ${rule.docs.remedy}\n\n**References:** ${rule.docs.references.join(', ') || '—'}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', `practice-${rule.practice}`, practiceName(rule.practice)],
      'security-severity': { critical: '9.5', high: '7.5', medium: '5.0', low: '3.0', info: '1.0' }[rule.severity],
      references: rule.docs.references,
    },
  };
}

function result(finding: Finding, ruleIndex: Map<string, number>) {
  const location = finding.path
    ? [
        {
          physicalLocation: {
            artifactLocation: { uri: `file://${finding.path}` },
            ...(finding.line ? { region: { startLine: finding.line } } : {}),
          },
        },
      ]
    : [];
  return {
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: location,
    properties: { severity: finding.severity, job: finding.job, fixable: finding.fixable, ...(finding.latent ? { latent: true } : {}) },
  };
}

export function toSarif(scanResult: ScanResult, findings: readonly Finding[], catalogue: readonly Rule[], version: string) {
  const ruleIndex = new Map(catalogue.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cronwarden',
            version,
            informationUri: 'https://github.com/cronwarden/cronwarden',
            rules: catalogue.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { ROOT: { uri: `file://${scanResult.inventory.root.replace(/\/?$/, '/')}` } },
        results: findings.map((f) => result(f, ruleIndex)),
      },
    ],
  };
}
