// When a schedule fires, by the daemon's own rule (Debian cron 3.0pl1-162 cron.c find_jobs()):
// minute, hour and month must match, and then
//   DOM_STAR || DOW_STAR ? (dom matches AND dow matches) : (dom matches OR dow matches)
// where DOM_STAR/DOW_STAR mean the field text STARTS with '*' — so `*/2` in day-of-month ANDs with
// day-of-week. cron-parser ORs `*/2` like a list and so disagrees; it also rejects schedules cron
// accepts (`0 0 31 2 *`, @reboot). So next runs come from this evaluator; cron-parser serves as
// the test oracle on the schedules where both agree (test/core/schedule-next.test.ts).
//
// Walking local days and only the matching hours and minutes keeps a call at a few microseconds
// (100k jobs per scan); the zone offset is looked up through a per-zone cache.

import type { ScheduleSpec } from './types.js';
import type { FieldsSpec } from './schedule-fields.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Longest search: Feb 29 on a given weekday can be 28+ years away; past that, give up. */
const MAX_DAYS = 366 * 40;

/**
 * A valid schedule that can never fire: no (month, day) pair exists in its sets (`0 0 30 2 *`,
 * `0 0 31 4,6,9,11 *`), or a field is empty after a reversed range (`0 0 * 5-1 *`). With the OR
 * rule a weekday still fires (`0 0 30 2 1` runs on Mondays in February).
 * Every (month, day) pair, Feb 29 included, falls on every weekday within the 400-year cycle.
 */
export function neverRuns(spec: ScheduleSpec): boolean {
  if (spec.kind !== 'fields') return false;
  if (!spec.minute.length || !spec.hour.length || !spec.month.length) return true;
  const dayExists = spec.month.some((m) => spec.dayOfMonth.some((d) => d <= DAYS_IN_MONTH[m - 1]!));
  if (spec.domStar || spec.dowStar) return !(dayExists && spec.dayOfWeek.length > 0);
  return !dayExists && spec.dayOfWeek.length === 0;
}

/** Day and month sets as bit masks (bit v set when v is in the set); hours and minutes are walked
 *  as the sorted lists they already are. */
interface Compiled {
  dom: number;
  month: number;
  dow: number;
  and: boolean;
  never: boolean;
  minutes: readonly number[];
  hours: readonly number[];
}

const compiled = new WeakMap<FieldsSpec, Compiled>();

const maskOf = (values: readonly number[]): number => {
  let mask = 0;
  for (const v of values) mask |= 1 << v;
  return mask;
};
const has = (mask: number, bit: number): boolean => ((mask >>> bit) & 1) === 1;

function compile(spec: FieldsSpec): Compiled {
  let c = compiled.get(spec);
  if (c) return c;
  c = {
    dom: maskOf(spec.dayOfMonth),
    month: maskOf(spec.month),
    dow: maskOf(spec.dayOfWeek),
    and: spec.domStar || spec.dowStar,
    never: neverRuns(spec),
    minutes: spec.minute,
    hours: spec.hour,
  };
  compiled.set(spec, c);
  return c;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : DAYS_IN_MONTH[m - 1]!);

/**
 * The next `count` times the schedule fires strictly after `from`, in `timeZone` (IANA).
 * [] for @reboot, anacron entries and schedules that never fire.
 * DST: a wall time that does not exist (spring forward) runs at the jump, as Debian's cron does for
 * fixed-time jobs (Better-timeskip-handling.patch); a repeated wall time (fall back) is listed once,
 * at its first occurrence.
 */
export function nextRuns(spec: ScheduleSpec, from: Date, count: number, timeZone: string): Date[] {
  if (spec.kind !== 'fields' || count <= 0) return [];
  const fromMs = Math.floor(from.getTime() / MINUTE) * MINUTE;
  const key = `${timeZone}|${fromMs}|${count}|${idOf(spec.minute)}.${idOf(spec.hour)}.${idOf(spec.dayOfMonth)}.${idOf(spec.month)}.${idOf(spec.dayOfWeek)}.${spec.domStar || spec.dowStar ? 1 : 0}`;
  let times = memo.get(key);
  if (!times) {
    times = walk(compile(spec), fromMs, count, zoneOf(timeZone));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, times);
  }
  return times.map((t) => new Date(t));
}

// Field sets are shared frozen arrays (schedule-fields.ts interns them), so their identities make a
// cheap memo key: jobs with the same schedule, zone and start minute share one walk.
const ids = new WeakMap<readonly number[], number>();
let nextId = 1;
const idOf = (values: readonly number[]): number => {
  let id = ids.get(values);
  if (id === undefined) ids.set(values, (id = nextId++));
  return id;
};
const memo = new Map<string, number[]>();
const MEMO_LIMIT = 50_000;

function walk(c: Compiled, fromMs: number, count: number, zone: Zone): number[] {
  if (c.never) return [];
  const startWall = fromMs + zone.offset(fromMs) + MINUTE;
  const out: number[] = [];
  let last = fromMs;
  // The local calendar day being looked at, walked with plain integers (no Date per day).
  let dayStart = Math.floor(startWall / DAY) * DAY;
  const first = new Date(dayStart);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth() + 1;
  let d = first.getUTCDate();
  let dow = first.getUTCDay();
  let firstMinuteOfDay = Math.floor((startWall - dayStart) / MINUTE);
  for (let n = 0; n < MAX_DAYS && out.length < count; n++) {
    const len = monthLength(y, m);
    if (!has(c.month, m)) {
      // Jump to the first day of the next month.
      const skip = len - d + 1;
      dayStart += skip * DAY;
      dow = (dow + skip) % 7;
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
      firstMinuteOfDay = 0;
      continue;
    }
    if (c.and ? has(c.dom, d) && has(c.dow, dow) : has(c.dom, d) || has(c.dow, dow)) {
      // Offsets move at most twice a year: equal offsets around the day mean none inside it.
      const steady = zone.offset(dayStart - DAY);
      const exact = steady !== zone.offset(dayStart + 2 * DAY);
      for (const h of c.hours) {
        if (h * 60 + 59 < firstMinuteOfDay) continue;
        for (const mi of c.minutes) {
          if (h * 60 + mi < firstMinuteOfDay) continue;
          const wall = dayStart + (h * 60 + mi) * MINUTE;
          const t = exact ? zone.toInstant(wall) : wall - steady;
          if (t <= last) continue;
          out.push(t);
          last = t;
          if (out.length >= count) return out;
        }
      }
    }
    dayStart += DAY;
    dow = (dow + 1) % 7;
    if (++d > len) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
    }
    firstMinuteOfDay = 0;
  }
  return out;
}

interface Zone {
  /** Offset (ms, local minus UTC) at a UTC instant. */
  offset(utcMs: number): number;
  /** The instant of a local wall time (wall clock expressed as if it were UTC ms). */
  toInstant(wallMs: number): number;
}

const zones = new Map<string, Zone>();
const BUCKET = 15 * MINUTE;

function zoneOf(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (z) return z;
  z = makeZone(timeZone);
  zones.set(timeZone, z);
  return z;
}

/** Zone names that are UTC under another name (tzdata's backward and etcetera files): no offset
 *  ever, so no Intl formatter — creating the first one loads ICU's zone data, the largest single
 *  cost of scanning a small host. */
export const UTC_ALIASES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/Greenwich', 'Greenwich']);
const UTC_ZONE: Zone = { offset: () => 0, toInstant: (wallMs) => wallMs };

function makeZone(timeZone: string): Zone {
  if (UTC_ALIASES.has(timeZone)) return UTC_ZONE;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Offsets change on quarter-hour boundaries at the finest (all IANA zones today).
  const cache = new Map<number, number>();
  const offset = (utcMs: number): number => {
    const bucket = Math.floor(utcMs / BUCKET);
    let o = cache.get(bucket);
    if (o !== undefined) return o;
    const at = bucket * BUCKET;
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
    if (cache.size > 200_000) cache.clear();
    cache.set(bucket, o);
    return o;
  };
  const toInstant = (wallMs: number): number => {
    const before = offset(wallMs - DAY);
    const after = offset(wallMs + DAY);
    if (before === after) return wallMs - before;
    const candidates = [wallMs - before, wallMs - after].filter((t) => offset(t) === wallMs - t);
    if (candidates.length) return Math.min(...candidates);
    // In the gap: the first minute after the jump.
    let lo = wallMs - after;
    let hi = wallMs - before;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  return { offset, toInstant };
}

/** True when `timeZone` is a zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (UTC_ALIASES.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a crontab's schedules run in. Debian's cron (3.0pl1) runs every crontab in the daemon's
 * own zone and ignores CRON_TZ (TZ in a crontab only reaches the commands; crontab(5) says so and
 * the source never reads CRON_TZ). cronie (RHEL) honours CRON_TZ for the entries below it.
 */
export function scheduleTimeZone(
  env: Record<string, string>,
  hostZone: string,
  daemon: 'debian' | 'cronie' = 'debian',
): { zone: string; note: string | null } {
  const wanted = env.CRON_TZ;
  if (wanted === undefined) return { zone: hostZone, note: null };
  if (daemon === 'debian') {
    return { zone: hostZone, note: `CRON_TZ=${wanted} is ignored by Debian's cron: schedules run in the host zone ${hostZone}` };
  }
  if (!isTimeZone(wanted)) {
    // cronie sets TZ=CRON_TZ around its match (cron.c find_jobs); glibc reads an unknown TZ as UTC.
    return { zone: 'UTC', note: `CRON_TZ=${wanted} is not a known time zone: cronie's schedules then run in UTC` };
  }
  return { zone: wanted, note: null };
}
