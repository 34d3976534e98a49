// `cronwarden rules` (the catalogue as a table) and `cronwarden explain RULE` (why, practice,
// references, bad/good examples, the fix) — the ShellCheck wiki page, offline.

import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { practiceName } from '../report/sarif.js';
import { SEVERITY_STYLE, painter } from '../report/theme.js';
import { RULES, findRule } from '../rules/registry.js';
import type { Rule } from '../rules/rule.js';
import type { Io } from './io.js';

const FIX_LABEL: Record<Rule['fixKind'], string> = { auto: 'fix', suggestion: 'suggest', none: '—' };

export function renderRuleTable(color: boolean): string {
  const paint = painter(color);
  const idWidth = Math.max(...RULES.map((r) => r.id.length));
  const header = `${'RULE'.padEnd(idWidth)}  P   SEVERITY  FIX      TITLE`;
  const rows = RULES.map(
    (r) =>
      `${r.id.padEnd(idWidth)}  ${String(r.practice).padEnd(2)}  ${paint(SEVERITY_STYLE[r.severity], r.severity.padEnd(8))}  ${FIX_LABEL[r.fixKind].padEnd(7)}  ${r.title}`,
  );
  return `${[paint('bold', header), ...rows].join('\n')}\n\n${RULES.length} rules. \`cronwarden explain RULE\` tells more about one.\n`;
}

export function renderExplanation(rule: Rule, color: boolean): string {
  const paint = painter(color);
  const block = (examples: Rule['docs']['bad']) =>
    examples
      .map((e) => {
        const where = e.path ? `    # ${e.path}\n` : '';
        const body = e.text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
        return `${where}${body}${e.note ? `\n    # ↑ ${e.note}` : ''}`;
      })
      .join('\n\n');
  return [
    `${paint('bold', rule.id)} — ${rule.title}`,
    `Practice ${rule.practice} (${practiceName(rule.practice)}) · default severity ${paint(SEVERITY_STYLE[rule.severity], rule.severity)} · ${
      rule.fixKind === 'auto' ? 'fixed by `cronwarden plan`' : rule.fixKind === 'suggestion' ? 'fix offered as a suggestion (changes behaviour; applied only when chosen)' : 'no automatic fix'
    }`,
    '',
    paint('bold', 'Why'),
    `  ${rule.docs.rationale}`,
    '',
    paint('bold', 'Bad'),
    block(rule.docs.bad),
    '',
    paint('bold', 'Good'),
    block(rule.docs.good),
    '',
    paint('bold', 'Fix'),
    `  ${rule.docs.remedy}`,
    '',
    paint('bold', 'References'),
    ...(rule.docs.references.length ? rule.docs.references.map((r) => `  - ${r}`) : ['  —']),
    '',
    `Suppress on one job with the comment line above it:  # cronwarden-disable-next-line ${rule.id}`,
    '',
  ].join('\n');
}

export function registerRules(program: Command, io: Io): void {
  program
    .command('rules')
    .description('list every rule: id, practice, default severity, whether it has a fix')
    .action(() => io.out(renderRuleTable(io.color)));
  program
    .command('explain')
    .description('explain one rule: why it matters, bad and good examples, the fix, references')
    .argument('<rule>', 'rule id, e.g. writable-target')
    .action((id: string) => {
      const rule = findRule(id);
      if (!rule) {
        const near = RULES.filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
        throw new UsageError(`no rule ‘${id}’`, near.length ? `did you mean ${near.slice(0, 3).join(', ')}?` : 'list them with `cronwarden rules`');
      }
      io.out(renderExplanation(rule, io.color));
    });
}
