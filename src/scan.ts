// The scan pipeline: discover and parse every source, then run the rule catalogue. Pure: it reads
// only through the Host; the CLI, the planner, the wizard and the benchmark all call this one function.

import { buildInventory } from './core/inventory.js';
import { managedSource } from './core/packages.js';
import { isFixable } from './plan/fixability.js';
import type { Finding, Host, Inventory, Job, Source } from './core/types.js';
import { analyse, selectRules, type SkippedRule } from './rules/engine.js';
import { RULES } from './rules/registry.js';
import type { RuleContext } from './rules/rule.js';

export interface ScanOptions {
  /** Only these rules. */
  rules?: string[];
  /** Never these rules. */
  disable?: string[];
  /** Called as each source is read (the wizard's progress). */
  onSource?: (source: Source, jobs: Job[]) => void;
}

export interface ScanResult {
  host: Host;
  inventory: Inventory;
  findings: Finding[];
  suppressed: number;
  skipped: SkippedRule[];
  /** The analysis context, with every memoised fact: the planner reuses it instead of recomputing. */
  ctx: RuleContext;
}

export function unknownRuleIds(ids: readonly string[]): string[] {
  const known = new Set(RULES.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export function scan(host: Host, options: ScanOptions = {}): ScanResult {
  const inventory = buildInventory(host, { onSource: options.onSource });
  const ctx: RuleContext = { host, inventory, cache: new Map() };
  for (const source of inventory.sources) {
    if (source.kind !== 'access' && source.kind !== 'user') source.managed = managedSource(ctx, source);
  }
  const rules = selectRules(RULES, { only: options.rules, disable: options.disable });
  // `fixable` is the planner's own answer, so a finding is fixable exactly when `plan` fixes it.
  const { findings, suppressed, skipped } = analyse(ctx, rules, { isFixable });
  return { host, inventory, findings, suppressed, skipped, ctx };
}
