// Small queries many rules share, so each rule file stays about what it detects.

import { looksBinary } from '../core/crontab.js';
import type { ParsedLine, Source } from '../core/types.js';
import { parseSchedule } from '../core/schedule.js';
import { memo, type FindingDraft, type RuleContext } from './rule.js';

/** Crontab-like sources (those with parsed lines), with each line. A binary file (an archive or an
 *  executable dropped into cron.d) is left out: its "lines" are noise that invalid-line reports
 *  once for the whole file, and read line by line they would flood every rule. */
export function* parsedLines(ctx: RuleContext): Generator<{ source: Source; line: ParsedLine }> {
  for (const source of ctx.inventory.sources) {
    if (!source.parsed || looksBinary(source.parsed)) continue;
    for (const line of source.parsed.lines) yield { source, line };
  }
}

export function userExists(ctx: RuleContext, name: string): boolean {
  return memo(ctx, 'users:names', () => new Set(ctx.host.users().map((u) => u.name))).has(name);
}

/** Findings per file before one that counts the rest (invalid-line, invalid-schedule). */
const MAX_INVALID_LINES_PER_FILE = 20;

/** One file's findings about lines cron rejects, capped: the first MAX_INVALID_LINES_PER_FILE as
 *  they are, then one on the next line that counts the rest (`what` names them). A file cron cannot
 *  read at all (a README, a script, a config copied to the wrong place) would otherwise bury every
 *  other finding. */
export function cappedLineDrafts(path: string, found: ReadonlyArray<{ line: number; message: string }>, what: string): FindingDraft[] {
  const drafts: FindingDraft[] = found.slice(0, MAX_INVALID_LINES_PER_FILE).map(({ line, message }) => ({ path, line, message }));
  const rest = found.slice(MAX_INVALID_LINES_PER_FILE).map((f) => f.line);
  if (rest.length > 0) {
    drafts.push({
      path,
      line: rest[0]!,
      message: `and ${rest.length} more ${what} (lines ${rest[0]}-${rest.at(-1)}), not listed one by one: is this file a crontab at all?`,
      data: { lines: rest },
    });
  }
  return drafts;
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
