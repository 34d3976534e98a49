// The five-field / @keyword grammar with the exact semantics of Debian cron 3.0pl1-162 entry.c
// (load_entry, get_list, get_range, get_number, set_element, after
// debian/patches/fixes/Entry-time-range-check.patch and Entry-symbolic-name-fixes.patch).
// What Debian cron accepts that looks wrong, kept because the daemon accepts it:
// - a field is everything up to the next blank, but parsing stops at the first character that does
//   not fit the grammar and the rest is skipped: `5;x` is 5, `*-5` and `*5` are *, `*/2-9` is */2;
// - a reversed range (`5-1`) sets nothing: valid, but that field never matches;
// - names (jan-dec, sun-sat, any case, three letters only) also work in ranges (`mon-fri`);
// - a step larger than the range (`*/90`) just gives the first value.
// What it rejects: a step on a single number (`5/10`: cronie accepts it as 5-59/10), step 0, a
// number or name out of range, names in the wrong field or in a step, a letter-digit mix (`5x`),
// `@keywords` not written in lower case, fewer than five fields.

import type { ScheduleSpec } from './types.js';

export type FieldsSpec = Extract<ScheduleSpec, { kind: 'fields' }>;

interface FieldDef {
  /** cron's own word in its "bad …" message (entry.c ecodes[]). */
  label: string;
  low: number;
  high: number;
  names: readonly string[] | null;
  allowed: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const FIELDS: readonly FieldDef[] = [
  { label: 'minute', low: 0, high: 59, names: null, allowed: '0-59' },
  { label: 'hour', low: 0, high: 23, names: null, allowed: '0-23' },
  { label: 'day-of-month', low: 1, high: 31, names: null, allowed: '1-31' },
  { label: 'month', low: 1, high: 12, names: MONTHS, allowed: '1-12 or jan-dec' },
  { label: 'day-of-week', low: 0, high: 7, names: DAYS, allowed: '0-7 or sun-sat, 0 and 7 are Sunday' },
];

const range = (lo: number, hi: number): number[] => Object.freeze(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)) as number[];
const ALL_MIN = range(0, 59);
const ALL_HOUR = range(0, 23);
const ALL_DOM = range(1, 31);
const ALL_MONTH = range(1, 12);
const ALL_DOW = range(0, 6);
const ZERO = Object.freeze([0]) as number[];
const ONE = Object.freeze([1]) as number[];

const keywordSpec = (
  keyword: string,
  minute: number[],
  hour: number[],
  dayOfMonth: number[],
  month: number[],
  dayOfWeek: number[],
  domStar: boolean,
  dowStar: boolean,
): FieldsSpec => ({ kind: 'fields', keyword, minute, hour, dayOfMonth, month, dayOfWeek, domStar, dowStar });

/** entry.c's @-branch, flag for flag (e.g. @daily sets neither DOM_STAR nor DOW_STAR). */
const KEYWORDS: Record<string, () => ScheduleSpec> = {
  reboot: () => ({ kind: 'reboot' }),
  yearly: () => keywordSpec('@yearly', ZERO, ZERO, ONE, ONE, ALL_DOW, false, true),
  annually: () => keywordSpec('@annually', ZERO, ZERO, ONE, ONE, ALL_DOW, false, true),
  monthly: () => keywordSpec('@monthly', ZERO, ZERO, ONE, ALL_MONTH, ALL_DOW, false, true),
  weekly: () => keywordSpec('@weekly', ZERO, ZERO, ALL_DOM, ALL_MONTH, ZERO, true, false),
  daily: () => keywordSpec('@daily', ZERO, ZERO, ALL_DOM, ALL_MONTH, ALL_DOW, false, false),
  midnight: () => keywordSpec('@midnight', ZERO, ZERO, ALL_DOM, ALL_MONTH, ALL_DOW, false, false),
  hourly: () => keywordSpec('@hourly', ZERO, ALL_HOUR, ALL_DOM, ALL_MONTH, ALL_DOW, false, false),
};

export const KEYWORD_NAMES = Object.keys(KEYWORDS).map((k) => `@${k}`);

export type ScheduleScan =
  | { ok: true; spec: ScheduleSpec; /** index just after the last schedule token */ end: number }
  | { ok: false; reason: string };

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const tokenEnd = (line: string, from: number): number => {
  let i = from;
  while (i < line.length && !isBlank(line[i])) i++;
  return i;
};
export const skipBlanks = (line: string, from: number): number => {
  let i = from;
  while (isBlank(line[i])) i++;
  return i;
};

/** Makes control characters visible in messages (a '\r' from a CRLF file, a BOM, …). */
export function show(token: string): string {
  return token.replace(/[\u0000-\u001f\u007f\ufeff]/g, (c) =>
    c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Reads the schedule starting at `pos` (the line's first non-blank character), as load_entry does. */
export function scanSchedule(line: string, pos: number): ScheduleScan {
  if (line[pos] === '@') {
    // get_string(cmd, …, " \t\n"): the keyword runs to the next blank; strcmp, so lower case only.
    const end = tokenEnd(line, pos);
    const word = line.slice(pos + 1, end);
    const make = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (!make) {
      const hint = Object.hasOwn(KEYWORDS, word.toLowerCase()) ? ': cron only knows it in lower case' : '';
      return { ok: false, reason: `bad time specifier ‘${show(line.slice(pos, end))}’${hint} (allowed ${KEYWORD_NAMES.join(' ')})` };
    }
    return { ok: true, spec: make(), end };
  }
  const sets: number[][] = [];
  const stars: boolean[] = [];
  let p = pos;
  for (let f = 0; f < FIELDS.length; f++) {
    const def = FIELDS[f]!;
    if (f > 0) p = skipBlanks(line, p);
    const end = tokenEnd(line, p);
    const token = line.slice(p, end);
    if (token === '') {
      return { ok: false, reason: `bad ${def.label} field: the line ends after ${f} of the 5 schedule fields (allowed ${def.allowed})` };
    }
    const parsed = fieldValues(token, def);
    if (typeof parsed === 'string') {
      return { ok: false, reason: `bad ${def.label} field ‘${show(token)}’${parsed} (allowed ${def.allowed})` };
    }
    sets.push(parsed);
    stars.push(token[0] === '*');
    p = end;
  }
  // "make sundays equivalent": 7 and 0 are the same day.
  const dow = sets[4]!.includes(7) ? Object.freeze([...new Set(sets[4]!.map((d) => d % 7))].sort((a, b) => a - b)) : sets[4]!;
  const spec: FieldsSpec = {
    kind: 'fields',
    minute: sets[0]!,
    hour: sets[1]!,
    dayOfMonth: sets[2]!,
    month: sets[3]!,
    dayOfWeek: dow as number[],
    domStar: stars[2]!,
    dowStar: stars[4]!,
  };
  return { ok: true, spec, end: p };
}

// Most crontabs repeat the same few field texts ('*', '0', '*/5'): one shared, frozen array per
// distinct text keeps a 100k-job scan from holding millions of numbers (and the GC busy).
const interned = new Map<FieldDef, Map<string, readonly number[] | string>>();
const INTERN_LIMIT = 20_000;

function fieldValues(token: string, def: FieldDef): number[] | string {
  let cache = interned.get(def);
  if (!cache) interned.set(def, (cache = new Map()));
  let hit = cache.get(token);
  if (hit === undefined) {
    const parsed = parseField(token, def);
    hit = typeof parsed === 'string' ? parsed : Object.freeze(parsed);
    if (cache.size >= INTERN_LIMIT) cache.clear();
    cache.set(token, hit);
  }
  // Frozen: a caller that tried to edit a shared set would throw instead of corrupting others.
  return hit as number[] | string;
}

/** One field: sorted values, or a detail string (": step 0 …") for the error message. */
function parseField(token: string, def: FieldDef): number[] | string {
  const bits = new Uint8Array(def.high - def.low + 1);
  let i = 0;
  const at = (): string | undefined => token[i];
  // get_number(): alphanumerics, then a name (case-insensitive, whole word) or all digits.
  const number = (names: readonly string[] | null, low: number): number | string => {
    const start = i;
    while (i < token.length && /[A-Za-z0-9]/.test(token[i]!)) i++;
    const word = token.slice(start, i);
    if (word === '') return at() === undefined ? ': a number is missing at the end' : `: unexpected ‘${show(at()!)}’`;
    if (names) {
      const idx = names.indexOf(word.toLowerCase());
      if (idx >= 0) return idx + low;
    }
    if (/^[0-9]+$/.test(word)) return Number(word);
    return names ? `: unknown name ‘${word}’` : `: ‘${word}’ is not a number`;
  };
  for (;;) {
    let from: number;
    let to: number;
    if (at() === '*') {
      from = def.low;
      to = def.high;
      i++;
    } else {
      const n1 = number(def.names, def.low);
      if (typeof n1 === 'string') return n1;
      from = n1;
      if (at() !== '-') {
        if (at() === '/') return `: a step needs a range or *, e.g. ${from}-${def.high}/N (Debian cron rejects N/M; cronie accepts it)`;
        if (from < def.low || from > def.high) return `: ${from} is out of range`;
        bits[from - def.low] = 1;
        if (at() !== ',') break;
        i++;
        continue;
      }
      i++;
      const n2 = number(def.names, def.low);
      if (typeof n2 === 'string') return n2;
      to = n2;
    }
    let step = 1;
    if (at() === '/') {
      i++;
      const s = number(null, 0);
      if (typeof s === 'string') return s;
      if (s <= 0) return ': step 0';
      step = s;
    }
    if (from < def.low || from > def.high) return `: ${from} is out of range`;
    if (to < def.low || to > def.high) return `: ${to} is out of range`;
    for (let v = from; v <= to; v += step) bits[v - def.low] = 1;
    if (at() !== ',') break;
    i++;
  }
  const out: number[] = [];
  for (let k = 0; k < bits.length; k++) if (bits[k]) out.push(k + def.low);
  return out;
}

/** Validates a schedule on its own: five fields or one @keyword, nothing after. */
export function parseSchedule(text: string): { ok: true; spec: ScheduleSpec } | { ok: false; reason: string } {
  const pos = skipBlanks(text, 0);
  if (pos >= text.length) return { ok: false, reason: 'empty schedule' };
  const scan = scanSchedule(text, pos);
  if (!scan.ok) return scan;
  const rest = skipBlanks(text, scan.end);
  if (rest < text.length) {
    const what = scan.spec.kind === 'fields' && !scan.spec.keyword ? 'five fields' : 'the @keyword';
    return { ok: false, reason: `unexpected ‘${show(text.slice(rest))}’ after ${what} (a schedule has five fields; in a crontab a sixth is the user or the command)` };
  }
  return { ok: true, spec: scan.spec };
}
