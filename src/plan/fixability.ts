// What the engine asks for every finding: will `plan` (no selection) fix it? Answered by running
// the finding's fix and checking what the assembler would refuse — the same code path as the plan.

import type { Finding } from '../core/types.js';
import { findRule } from '../rules/registry.js';
import { memo, type RuleContext } from '../rules/rule.js';
import { assemble } from './assemble.js';
import { attemptFix, planContext } from './planner.js';

export function isFixable(finding: Finding, ctx: RuleContext): boolean {
  if (finding.latent || findRule(finding.rule)?.fixKind !== 'auto') return false;
  const plan = memo(ctx, 'plan:context', () => planContext(ctx));
  const attempt = attemptFix(finding, plan);
  if ('reason' in attempt) return false;
  return assemble([attempt], plan).failed.length === 0;
}
