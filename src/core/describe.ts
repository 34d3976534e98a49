// Schedules in English. cronstrue writes the words; we decide what it is given, because it does not
// know cron's quirks: it reads `*/2` in day-of-month plus a weekday as "or" where cron means "and",
// and it describes reversed ranges and trailing junk that cron reads differently (see
// schedule-fields.ts). For those we hand it a canonical form built from the daemon's own sets.

import cronstrue from 'cronstrue';
import type { ScheduleSpec } from './types.js';
import { FIELDS } from './schedule-fields.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const KEYWORD_EQUIVALENT: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const CLEAN_ITEM = /^(\*|[A-Za-z0-9]+(-[A-Za-z0-9]+)?)(\/[0-9]+)?$/;
const NAME_VALUE: Record<string, number> = Object.fromEntries([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [n, i + 1]),
  ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]),
]);

// cronstrue costs ~10 µs a call; hosts repeat schedules, so the text is remembered per schedule
// (the spec is a pure function of the schedule text).
const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

export function describeSchedule(spec: ScheduleSpec, schedule: string): string {
  if (spec.kind === 'reboot') return 'At system start-up';
  if (spec.kind === 'anacron') return describeAnacron(spec);
  let text = memo.get(schedule);
  if (text === undefined) {
    text = describeFields(spec, schedule);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(schedule, text);
  }
  return text;
}

function describeFields(spec: Extract<ScheduleSpec, { kind: 'fields' }>, schedule: string): string {
  const written = spec.keyword ? KEYWORD_EQUIVALENT[spec.keyword] ?? schedule : schedule.trim();
  const fields = written.split(/[ \t]+/);
  const empty = FIELDS.find((_, i) => [spec.minute, spec.hour, spec.dayOfMonth, spec.month, spec.dayOfWeek][i]!.length === 0);
  if (empty) return `Never: the ${empty.label} field selects no value (a reversed range such as 5-1 is empty in cron)`;
  const text = fields.length === 5 && fields.every(isClean) ? fields : canonical(spec);
  // Vixie's rule: a day field starting with '*' makes the two day fields AND, and cronstrue would
  // read them as OR; describe the day-of-month part, then the weekday as a condition.
  if ((spec.domStar || spec.dowStar) && text[2] !== '*' && text[4] !== '*') {
    const base = say([text[0]!, text[1]!, text[2]!, text[3]!, '*']);
    return `${base}, only if that day is a ${spec.dayOfWeek.map((d) => WEEKDAYS[d]).join(' or ')}`;
  }
  return say(text);
}

function say(fields: string[]): string {
  try {
    return cronstrue.toString(fields.join(' '), { throwExceptionOnParseError: true });
  } catch {
    return `Schedule ${fields.join(' ')}`;
  }
}

function isClean(field: string): boolean {
  return field.split(',').every((item) => {
    if (!CLEAN_ITEM.test(item)) return false;
    const [lo, hi] = item.split('/')[0]!.split('-');
    if (hi === undefined) return true;
    const value = (s: string): number => NAME_VALUE[s.toLowerCase()] ?? Number(s);
    return value(lo!) <= value(hi);
  });
}

/** The daemon's sets written back as a plain expression ("*" where the field is full and was '*'). */
function canonical(spec: Extract<ScheduleSpec, { kind: 'fields' }>): string[] {
  const sets = [spec.minute, spec.hour, spec.dayOfMonth, spec.month, spec.dayOfWeek];
  return sets.map((values, i) => {
    const def = FIELDS[i]!;
    const full = values.length === (i === 4 ? 7 : def.high - def.low + 1);
    if (full && (i === 2 ? spec.domStar : i === 4 ? spec.dowStar : true)) return '*';
    return compress(values);
  });
}

function compress(values: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    parts.push(j > i ? `${values[i]}-${values[j]}` : `${values[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function describeAnacron(spec: Extract<ScheduleSpec, { kind: 'anacron' }>): string {
  const names: Record<string, string> = {
    '@daily': 'Once a day',
    '@weekly': 'Once a week',
    '@monthly': 'Once a month',
    '@yearly': 'Once a year',
    '@annually': 'Once a year',
  };
  const period =
    spec.periodName !== undefined
      ? names[spec.periodName] ?? `Period ${spec.periodName}`
      : spec.periodDays === 1
        ? 'Once a day'
        : spec.periodDays === 7
          ? 'Once a week'
          : `Every ${spec.periodDays} days`;
  const delay =
    spec.delayMinutes === 0
      ? 'as soon as anacron starts'
      : `${spec.delayMinutes} minute${spec.delayMinutes === 1 ? '' : 's'} after anacron starts`;
  return `${period}, ${delay}`;
}
