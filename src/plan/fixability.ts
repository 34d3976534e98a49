// What the engine asks for every finding: will `plan` (no selection) fix it? Answered by running
// the finding's fix and the assembler on it — the same code path as the plan — together with the
// default fixes that change how its line parses (hidden characters, unescaped %): in the plan they
// are there too, and a job line that only parses once they are applied is fixable with them.

import type { Finding } from '../core/types.js';
import { analyse } from '../rules/engine.js';
import { findRule } from '../rules/registry.js';
import { memo, type RuleContext } from '../rules/rule.js';
import { assemble, type Attempt } from './assemble.js';
import { attemptFix, planContext } from './planner.js';
import type { PlanContext } from './types.js';

const ENABLING_RULES = ['hidden-characters', 'unescaped-percent'];

export function isFixable(finding: Finding, ctx: RuleContext): boolean {
  if (finding.latent || findRule(finding.rule)?.fixKind !== 'auto') return false;
  const plan = memo(ctx, 'plan:context', () => planContext(ctx));
  const attempt = attemptFix(finding, plan);
  if ('reason' in attempt) return false;
  const enabling = ENABLING_RULES.includes(finding.rule) ? [] : enablingAttempts(plan, attempt);
  return assemble([...enabling, attempt], plan).fixed.includes(attempt);
}

/** The default fixes of ENABLING_RULES that touch a line this attempt patches. */
function enablingAttempts(plan: PlanContext, attempt: Attempt): Attempt[] {
  const lines = new Set(attempt.changes.flatMap((c) => (c.kind === 'line' ? [`${c.path}:${c.line}`] : [])));
  if (lines.size === 0) return [];
  const all = memo(plan.rules, 'plan:enabling-attempts', () => {
    const rules = ENABLING_RULES.map((id) => findRule(id)).filter((r) => r !== undefined);
    return analyse(plan.rules, rules)
      .findings.filter((f) => !f.latent)
      .map((f) => attemptFix(f, plan))
      .filter((a): a is Attempt => !('reason' in a));
  });
  return all.filter((a) => a.changes.some((c) => c.kind === 'line' && lines.has(`${c.path}:${c.line}`)));
}
