// /etc/anacrontab lines, as anacron's readtab.c parse_tab_line() reads them (the same code in
// Debian's anacron 2.3 and in cronie's anacron/): regular expressions, tried in this order —
//   blank or comment  ^[ \t]*($|#)
//   assignment        ^[ \t]*([^ \t=]+)[ \t]*=(.*)$        (value kept verbatim: no quote stripping)
//   job               ^[ \t]*([0-9]+)[ \t]+([0-9]+)[ \t]+([^ \t/]+)[ \t]+([^ \t].*)$
//   named-period job  ^[ \t]*(@[^ \t]+)[ \t]+([0-9]+)[ \t]+([^ \t/]+)[ \t]+([^ \t].*)$
// Anything else is "Invalid syntax … skipping this line": anacron skips only that line.
// anacron does no '%' processing: the command goes to the shell as written.

import type { EnvLine, JobLine } from './types.js';

export type AnacronLine =
  | { kind: 'comment' | 'blank' }
  | { kind: 'env'; env: EnvLine }
  | { kind: 'job'; job: JobLine }
  | { kind: 'invalid'; reason: string };

const BLANK = /^[ \t]*$/;
const COMMENT = /^[ \t]*#/;
// 's': POSIX '.' matches '\r' (a CRLF line), JavaScript's only with dotAll.
const ASSIGNMENT = /^[ \t]*([^ \t=]+)[ \t]*=(.*)$/s;
const JOB = /^[ \t]*(([0-9]+)[ \t]+([0-9]+)[ \t]+([^ \t/]+))[ \t]+([^ \t].*)$/s;
const NAMED_JOB = /^[ \t]*((@[^ \t]+)[ \t]+([0-9]+)[ \t]+([^ \t/]+))[ \t]+([^ \t].*)$/s;
const INT_MAX = 2 ** 31 - 1;

/** readtab.c matches periods by prefix (strncmp), so "@monthly2" is @monthly; "@annualy" is its
 *  own backwards-compatible misspelling. */
const NAMED: readonly [string, string, number | null][] = [
  ['@monthly', '@monthly', null],
  ['@yearly', '@yearly', null],
  ['@annually', '@annually', null],
  ['@annualy', '@annually', null],
  ['@daily', '@daily', 1],
  ['@weekly', '@weekly', 7],
];

export function parseAnacronLine(text: string): AnacronLine {
  if (BLANK.test(text)) return { kind: 'blank' };
  if (COMMENT.test(text)) return { kind: 'comment' };
  const assignment = ASSIGNMENT.exec(text);
  if (assignment) return checkSpecialVariable(assignment[1]!, assignment[2]!);
  const job = JOB.exec(text) ?? NAMED_JOB.exec(text);
  if (!job) {
    return { kind: 'invalid', reason: 'Invalid syntax (anacron wants "period delay identifier command", an identifier without "/") — anacron skips this line' };
  }
  const [, schedule, periodText, delayText, identifier, raw] = job as unknown as string[];
  const delayMinutes = Number(delayText);
  if (delayMinutes > INT_MAX) return { kind: 'invalid', reason: `delay ${delayText} is out of range — anacron skips this line` };
  let periodDays: number | null;
  let periodName: string | undefined;
  if (periodText!.startsWith('@')) {
    const named = NAMED.find(([prefix]) => periodText!.startsWith(prefix));
    if (!named) {
      return { kind: 'invalid', reason: `unknown named period ‘${periodText}’ (allowed @daily @weekly @monthly @yearly @annually)` };
    }
    periodName = named[1];
    periodDays = named[2];
  } else {
    periodDays = Number(periodText);
    if (periodDays > INT_MAX) return { kind: 'invalid', reason: `period ${periodText} is out of range — anacron skips this line` };
  }
  const rawOffset = text.length - raw!.length;
  const spec = { kind: 'anacron' as const, periodDays, delayMinutes, identifier: identifier!, ...(periodName ? { periodName } : {}) };
  return {
    kind: 'job',
    job: { schedule: schedule!, spec, user: null, raw: raw!, rawOffset, command: raw!.replace(/[ \t]+$/, ''), stdin: null },
  };
}

/** readtab.c validates three variables and skips the line when their value is malformed. */
function checkSpecialVariable(name: string, value: string): AnacronLine {
  if (name.startsWith('START_HOURS_RANGE')) {
    const m = /^([0-9]+)-([0-9]+)$/.exec(value);
    if (!m || Number(m[2]) < Number(m[1])) {
      return { kind: 'invalid', reason: `START_HOURS_RANGE must be "FROM-TO" hours with FROM ≤ TO, not ‘${value}’ — anacron skips this line` };
    }
  } else if (name.startsWith('RANDOM_DELAY')) {
    if (!/^[0-9]+$/.test(value)) {
      return { kind: 'invalid', reason: `RANDOM_DELAY must be a number of minutes, not ‘${value}’ — anacron skips this line` };
    }
  } else if (name.startsWith('PREFERRED_HOUR') && /^[0-9]+$/.test(value) && Number(value) > 24) {
    return { kind: 'invalid', reason: `PREFERRED_HOUR must be 0-24, not ‘${value}’ — anacron skips this line` };
  }
  return { kind: 'env', env: { name, value } };
}
