// What `cronwarden rules` (the catalogue as a table) and `cronwarden explain RULE` (why, practice,
// references, bad/good examples, the fix) print — the ShellCheck wiki page, offline. Loaded only
// when one of them runs (src/cli/rules.ts), so start-up does not read the whole catalogue.

import { UsageError } from '../core/errors.js';
import { practiceName } from '../report/sarif.js';
import { SEVERITY_STYLE, painter } from '../report/theme.js';
import { RULES, findRule } from '../rules/registry.js';
import type { Rule, RuleExample } from '../rules/rule.js';
import type { TreeNode } from '../host/tree-spec.js';
import { octal } from '../core/mode.js';
import { showControls } from '../core/visible.js';
import { similar } from './suggest.js';

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

const DEFAULT_EXAMPLE_PATH = '/etc/cron.d/example';

/** Type, mode and owner of a file an example puts on the host: for permission rules this is the
 *  whole difference between the bad and the good example. */
function describeNode(node: string | TreeNode): string {
  const n = typeof node === 'string' ? {} : node;
  const type = n.type ?? 'file';
  if (type === 'symlink') return `symlink to ${n.target}`;
  const id = (value?: number) => (value ?? 0) === 0 ? 'root' : String(value);
  return `${type === 'dir' ? 'directory' : 'file'} ${octal(n.mode ?? (type === 'dir' ? 0o755 : 0o644))} ${id(n.uid)}:${id(n.gid)}`;
}

function renderExample(e: RuleExample): string {
  const path = e.path ?? DEFAULT_EXAMPLE_PATH;
  const own = e.files?.[path];
  const header = e.path || own ? [`# ${path}${own ? ` (${describeNode(own)})` : ''}`] : [];
  const context = Object.entries(e.files ?? {})
    .filter(([p]) => p !== path)
    .flatMap(([p, node]) => {
      const content = typeof node === 'string' ? node : typeof node.content === 'string' ? node.content : '';
      const shown = content.split('\n').filter((l) => l !== '' && !l.startsWith('#!')).slice(0, 3);
      return [`# with ${p}: ${describeNode(node)}`, ...shown.map((l) => `#   ${l}`)];
    });
  const body = e.text.replace(/\n$/, '').split('\n');
  // Trimmed away the final newline would not show; for missing-newline it is the whole point.
  const tail = e.text.endsWith('\n') ? [] : ['\\ No newline at end of file'];
  const note = e.note ? [`# ↑ ${e.note}`] : [];
  return [...context, ...header, ...body, ...tail, ...note].map((l) => `    ${showControls(l)}`).join('\n');
}

export function renderExplanation(rule: Rule, color: boolean): string {
  const paint = painter(color);
  const block = (examples: Rule['docs']['bad']) => examples.map(renderExample).join('\n\n');
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

/** The explanation of the rule `id`, or a usage error naming the closest ids. */
export function explainRule(id: string, color: boolean): string {
  const rule = findRule(id);
  if (!rule) {
    const near = similar(id, RULES.map((r) => r.id));
    throw new UsageError(`no rule ‘${id}’`, near.length ? `did you mean ${near.join(', ')}?` : 'list them with `cronwarden rules`');
  }
  return renderExplanation(rule, color);
}
