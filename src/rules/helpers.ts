// Small queries many rules share, so each rule file stays about what it detects.

import type { ParsedLine, Source } from '../core/types.js';
import { parseSchedule } from '../core/schedule.js';
import { memo, type RuleContext } from './rule.js';

/** Crontab-like sources (those with parsed lines), with each line. */
export function* parsedLines(ctx: RuleContext): Generator<{ source: Source; line: ParsedLine }> {
  for (const source of ctx.inventory.sources) {
    if (!source.parsed) continue;
    for (const line of source.parsed.lines) yield { source, line };
  }
}

export function userExists(ctx: RuleContext, name: string): boolean {
  return memo(ctx, 'users:names', () => new Set(ctx.host.users().map((u) => u.name))).has(name);
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** For a line cron rejected: the schedule it starts with (five fields or one @keyword) and whether
 *  that schedule is the problem. null when the line does not even have a schedule's shape. */
export function scheduleOfInvalidLine(text: string): { schedule: string; error: string | null } | null {
  const tokens = text.trim().split(/[ \t]+/);
  const schedule = tokens[0]?.startsWith('@') ? tokens[0] : tokens.length >= 6 ? tokens.slice(0, 5).join(' ') : null;
  if (schedule === null) return null;
  const parsed = parseSchedule(schedule);
  return { schedule, error: parsed.ok ? null : parsed.reason };
}
