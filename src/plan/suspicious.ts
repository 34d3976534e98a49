// Jobs that look like an intrusion (a reverse shell, `curl | sh`, a binary in /dev/shm) are to be
// investigated and removed, not hardened: moving one to its own user or adding logging around it
// would dress it up as a reviewed job. The planner asks here before fixing anything on a job.

import { draftsKey } from '../rules/engine.js';
import { findRule } from '../rules/registry.js';
import { memo, type RuleContext } from '../rules/rule.js';

const INTRUSION_RULES = ['suspicious-payload', 'remote-code-exec'];

/** Job id → the rule that flags it as an intrusion. */
export function suspiciousJobs(ctx: RuleContext): Map<string, string> {
  return memo(ctx, 'plan:suspicious-jobs', () => {
    const found = new Map<string, string>();
    for (const id of INTRUSION_RULES) {
      const rule = findRule(id);
      // Kept for the engine, which has usually not run these rules yet when the planner first asks.
      const drafts = rule ? memo(ctx, draftsKey(id), () => rule.detect(ctx)) : [];
      for (const draft of drafts) if (draft.job && !found.has(draft.job.id)) found.set(draft.job.id, id);
    }
    return found;
  });
}
