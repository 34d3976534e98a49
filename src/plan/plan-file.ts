// Reading and writing plan files. A plan is reviewed by a human, then applied maybe much later:
// the checksum makes an edited plan fail loudly instead of applying something nobody reviewed.

import { createHash } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { showControls } from '../core/visible.js';
import { PLAN_VERSION, type Plan } from '../core/operations.js';

/** JSON with object keys sorted at every level, so the checksum does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function planChecksum(plan: Omit<Plan, 'checksum'> | Plan): string {
  const { checksum: _ignored, ...rest } = plan as Plan;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function sealPlan(plan: Omit<Plan, 'checksum'>): Plan {
  return { ...plan, checksum: planChecksum(plan) };
}

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Parses and verifies a plan file's text; `root` is the root the caller is about to apply to. */
export function parsePlan(text: string, source: string, root: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the offending text: keep it to one visible line, whatever bytes the file held.
    const reason = showControls((error as Error).message, true).slice(0, 200);
    throw new UsageError(`${source} is not a plan file: ${reason}`, 'create one with `cronwarden plan -o plan.json`');
  }
  const plan = data as Partial<Plan>;
  if (!plan || typeof plan !== 'object' || plan.tool !== 'cronwarden') {
    throw new UsageError(`${source} is not a cronwarden plan file`, 'create one with `cronwarden plan -o plan.json`');
  }
  if (plan.version !== PLAN_VERSION) {
    throw new UsageError(
      `${source} is a version ${String(plan.version)} plan; this cronwarden reads version ${PLAN_VERSION}`,
      'make a new plan with this version of cronwarden',
    );
  }
  if (typeof plan.checksum !== 'string' || plan.checksum !== planChecksum(plan as Plan)) {
    throw new UsageError(
      `${source} was changed after it was made (its checksum does not match): refusing to apply something nobody reviewed`,
      'make a new plan with `cronwarden plan` and review that one',
    );
  }
  if (plan.root !== root) {
    throw new UsageError(
      `${source} was made for root ${plan.root}, not ${root}`,
      `pass --root ${plan.root}, or make a new plan for ${root}`,
    );
  }
  return plan as Plan;
}
