// Jobs that look like an intrusion (a reverse shell, `curl | sh`, a binary in /dev/shm) are to be
// investigated and removed, not hardened: moving one to its own user or adding logging around it
// would dress it up as a reviewed job. The planner asks here before fixing anything on a job.

import { findRule } from '../rules/registry.js';
import { memo, type RuleContext } from '../rules/rule.js';

const INTRUSION_RULES = ['suspicious-payload', 'remote-code-exec'];

/** Job id → the rule that flags it as an intrusion. */
export function suspiciousJobs(ctx: RuleContext): Map<string, string> {
  return memo(ctx, 'plan:suspicious-jobs', () => {
    const found = new Map<string, string>();
    for (const id of INTRUSION_RULES) {
      for (const draft of findRule(id)?.detect(ctx) ?? []) if (draft.job && !found.has(draft.job.id)) found.set(draft.job.id, id);
    }
    return found;
  });
}
