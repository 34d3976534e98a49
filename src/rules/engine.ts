// Runs the rule catalogue over an inventory and turns drafts into findings, applying the policies
// every rule shares (RULES.md): latent findings on jobs cron ignores are capped at low, style-level
// findings on package-managed sources drop to info, and ESLint/ShellCheck-style suppression.

import { severityRank, type Finding, type Job, type Severity, type Source } from '../core/types.js';
import { findRule } from './registry.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';

/** Practices whose findings are style-level on a package-managed file (editing it would be undone). */
const STYLE_PRACTICES = new Set([1, 3, 6, 11]);
const SUPPRESS_DIRECTIVE = /#\s*cronwarden-disable-next-line\s+(.+?)\s*$/;

export interface AnalyseOptions {
  /** Only these rules (ids). */
  only?: string[];
  /** Never these rules (ids). */
  disable?: string[];
  /** Decides `fixable` (the planner's answer); without it, auto-fix rules on live jobs count as fixable. */
  isFixable?: (finding: Finding, ctx: RuleContext) => boolean;
}

export interface SkippedRule {
  rule: string;
  reason: string;
}

export interface AnalysisResult {
  findings: Finding[];
  suppressed: number;
  skipped: SkippedRule[];
}

/** Where a rule's drafts wait in the scan's cache when the planner needed that rule's findings
 *  first (fixability asks for a few rules during the scan): the engine takes them from there
 *  instead of detecting again. */
export const draftsKey = (ruleId: string): string => `engine:drafts:${ruleId}`;

export function selectRules(catalogue: readonly Rule[], options: Pick<AnalyseOptions, 'only' | 'disable'>): Rule[] {
  const only = options.only?.length ? new Set(options.only) : null;
  const disabled = new Set(options.disable ?? []);
  return catalogue.filter((rule) => (!only || only.has(rule.id)) && !disabled.has(rule.id));
}

export function analyse(ctx: RuleContext, rules: readonly Rule[], options: AnalyseOptions = {}): AnalysisResult {
  const sources = new Map(ctx.inventory.sources.map((s) => [s.path, s]));
  const findings: Finding[] = [];
  const skipped: SkippedRule[] = [];
  let suppressed = 0;
  for (const rule of rules) {
    const skipReason = rule.skipReason?.(ctx) ?? null;
    if (skipReason) {
      skipped.push({ rule: rule.id, reason: skipReason });
      continue;
    }
    for (const draft of (ctx.cache.get(draftsKey(rule.id)) as FindingDraft[] | undefined) ?? rule.detect(ctx)) {
      const finding = toFinding(rule, draft, sources);
      if (isSuppressed(finding, sources)) {
        suppressed++;
        continue;
      }
      const kind = draft.fixKind ?? rule.fixKind;
      Object.defineProperty(finding, 'fixKind', { value: kind, enumerable: false });
      finding.fixable = kind === 'auto' && !finding.latent && (options.isFixable?.(finding, ctx) ?? true);
      if (kind === 'suggestion' && !finding.latent) finding.suggestion = true;
      findings.push(finding);
    }
  }
  sortFindings(findings);
  return { findings, suppressed, skipped };
}

function toFinding(rule: Rule, draft: FindingDraft, sources: Map<string, Source>): Finding {
  const job: Job | null = draft.job ?? null;
  const path = draft.path !== undefined ? draft.path : (job?.source ?? null);
  let severity: Severity = draft.severity ?? rule.severity;
  let message = draft.message;
  let latent = false;
  if (job && !job.live && !rule.explainsNotLive) {
    latent = true;
    severity = capAt(severity, 'low');
    message += ` (latent: cron ignores this file today; this applies once it is fixed)`;
  }
  const source = path ? sources.get(path) : undefined;
  if (source?.managed && STYLE_PRACTICES.has(rule.practice)) {
    severity = capAt(severity, 'info');
    message += ` (package-managed by ${source.managed}: an edit would be undone on upgrade)`;
  }
  const finding: Finding = {
    rule: rule.id,
    severity,
    principle: rule.practice,
    job: job?.id ?? null,
    path,
    line: draft.line !== undefined ? draft.line : (job?.line ?? null),
    message,
    fixable: false,
  };
  if (latent) finding.latent = true;
  if (draft.data) Object.defineProperty(finding, 'data', { value: draft.data, enumerable: false });
  return finding;
}

/** Whether this finding's fix is applied by default, offered as a suggestion, or absent: the rule's
 *  fixKind unless the rule decided per finding (kept off the JSON output, which has fixable/suggestion). */
export function findingFixKind(finding: Finding): Rule['fixKind'] {
  return (finding as Finding & { fixKind?: Rule['fixKind'] }).fixKind ?? findRule(finding.rule)?.fixKind ?? 'none';
}

/** Rule-specific facts a fix needs (kept off the JSON output). */
export function findingData(finding: Finding): Record<string, unknown> | undefined {
  return (finding as Finding & { data?: Record<string, unknown> }).data;
}

function capAt(severity: Severity, cap: Severity): Severity {
  return severityRank(severity) < severityRank(cap) ? cap : severity;
}

function isSuppressed(finding: Finding, sources: Map<string, Source>): boolean {
  if (!finding.path || !finding.line || finding.line < 2) return false;
  const previous = sources.get(finding.path)?.parsed?.lines[finding.line - 2];
  if (!previous || previous.kind !== 'comment') return false;
  const match = SUPPRESS_DIRECTIVE.exec(previous.text);
  if (!match) return false;
  const ids = match[1].split(/[\s,]+/).filter(Boolean);
  return ids.includes(finding.rule) || ids.includes('all');
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    byteOrder(a.path ?? '', b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    byteOrder(a.rule, b.rule)
  );
}

/** In place, in compareFindings order (both sorts are stable, so ties keep the same order), with
 *  paths and rule ids ranked once: 400k findings share a few thousand paths, and comparing ranks
 *  instead of long common-prefix paths took most of the sort. */
function sortFindings(findings: Finding[]): void {
  const rank = (values: Iterable<string>) => new Map([...new Set(values)].sort(byteOrder).map((v, i) => [v, i]));
  const paths = rank(findings.map((f) => f.path ?? ''));
  const rules = rank(findings.map((f) => f.rule));
  const keyed = findings.map((f) => ({ f, path: paths.get(f.path ?? '')!, line: f.line ?? 0, severity: severityRank(f.severity), rule: rules.get(f.rule)! }));
  keyed.sort((a, b) => a.path - b.path || a.line - b.line || a.severity - b.severity || a.rule - b.rule);
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i].f;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
