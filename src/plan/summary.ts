// The plan in words, for stderr and the wizard's review screen: what it changes, what it could
// not fix and why, what a human must check.

import type { Plan } from '../core/operations.js';

export function summarisePlan(plan: Plan): string {
  const counts = new Map<string, number>();
  for (const op of plan.operations) {
    const kind = op.op === 'write-file' ? (op.before.exists ? 'file changed' : 'file created') : op.op === 'install-user-crontab' ? 'user crontab changed' : op.op;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const what = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
  const lines = [
    plan.operations.length === 0
      ? `Nothing to change on ${plan.root}.`
      : `Plan for ${plan.root}: ${plural(plan.fixed.length, 'finding')} fixed by ${plural(plan.operations.length, 'operation')} (${what}).`,
  ];
  if (plan.unfixed.length > 0) {
    lines.push('', `Not fixed (${plan.unfixed.length}):`);
    for (const u of plan.unfixed) lines.push(`  ${u.rule} ${u.job ?? `${u.path ?? ''}${u.line !== null ? `:${u.line}` : ''}`}: ${u.reason}`);
  }
  if (plan.checkByHand.length > 0) {
    lines.push('', `Check by hand (${plan.checkByHand.length}):`);
    for (const item of plan.checkByHand) lines.push(`  - ${item}`);
  }
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
