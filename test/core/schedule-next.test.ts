import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRuns, parseSchedule, scheduleTimeZone } from '../../src/core/schedule.js';
import { UTC_ALIASES } from '../../src/core/schedule-next.js';

const runs = (text: string, from: string, count: number, zone = 'UTC'): string[] => {
  const r = parseSchedule(text);
  if (!r.ok) throw new Error(r.reason);
  return nextRuns(r.spec, new Date(from), count, zone).map((d) => d.toISOString());
};

// 2026-11-25 is a Wednesday.
const FROM = '2026-11-25T09:00:00Z';

describe('nextRuns where cron-parser disagrees with the daemon (answers worked out by hand)', () => {
  it('*/2 in day-of-month ANDs with a weekday: odd days that are Mondays', () => {
    // Mondays: Nov 30 (even), Dec 7, 14, 21, 28 → odd ones are Dec 7 and Dec 21.
    expect(runs('0 0 */2 * 1', FROM, 2)).toEqual(['2026-12-07T00:00:00.000Z', '2026-12-21T00:00:00.000Z']);
    const cp = CronExpressionParser.parse('0 0 */2 * 1', { currentDate: new Date(FROM), tz: 'UTC' });
    expect(cp.next().toDate().toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('*/2 in day-of-week ANDs with a day of month: the 1st when it is Sun/Tue/Thu/Sat', () => {
    // Dec 1 2026 is a Tuesday; Jan 1 2027 Fri, Feb 1 Mon, Mar 1 Mon, Apr 1 Thu.
    expect(runs('0 0 1 * */2', FROM, 2)).toEqual(['2026-12-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z']);
  });

  it('both day fields restricted without a star: OR, so Feb 30 still runs on Mondays', () => {
    // Feb 1 2027 is a Monday.
    expect(runs('0 0 30 2 1', FROM, 3)).toEqual([
      '2027-02-01T00:00:00.000Z',
      '2027-02-08T00:00:00.000Z',
      '2027-02-15T00:00:00.000Z',
    ]);
  });

  it('schedules cron accepts and cron-parser rejects', () => {
    expect(runs('0 0 31 2 *', FROM, 3)).toEqual([]);
    expect(() => CronExpressionParser.parse('0 0 31 2 *')).toThrow();
    expect(runs('0 12 29 2 *', FROM, 2)).toEqual(['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z']);
    expect(runs('@midnight', FROM, 1)).toEqual(['2026-11-26T00:00:00.000Z']);
  });

  it('@weekly is Sunday midnight; @monthly the 1st; @yearly January 1st', () => {
    expect(runs('@weekly', FROM, 1)).toEqual(['2026-11-29T00:00:00.000Z']);
    expect(runs('@monthly', FROM, 1)).toEqual(['2026-12-01T00:00:00.000Z']);
    expect(runs('@yearly', FROM, 1)).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(runs('@hourly', FROM, 2)).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T11:00:00.000Z']);
  });

  it('strictly after `from`, from the next minute', () => {
    expect(runs('* * * * *', '2026-11-25T09:00:30Z', 2)).toEqual(['2026-11-25T09:01:00.000Z', '2026-11-25T09:02:00.000Z']);
    expect(runs('0 9 * * *', '2026-11-25T09:00:00Z', 1)).toEqual(['2026-11-26T09:00:00.000Z']);
  });

  it('[] for @reboot, anacron and count 0', () => {
    expect(nextRuns({ kind: 'reboot' }, new Date(FROM), 3, 'UTC')).toEqual([]);
    expect(nextRuns({ kind: 'anacron', periodDays: 1, delayMinutes: 5, identifier: 'd' }, new Date(FROM), 3, 'UTC')).toEqual([]);
    expect(runs('* * * * *', FROM, 0)).toEqual([]);
  });
});

describe('nextRuns in a zone with DST (Europe/Berlin)', () => {
  it('a wall time skipped by spring-forward runs at the jump (Debian timeskip handling)', () => {
    // 2027-03-28 02:00 CET → 03:00 CEST (01:00Z).
    expect(runs('30 2 * * *', '2027-03-27T12:00:00Z', 2, 'Europe/Berlin')).toEqual([
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
  });

  it('a repeated wall time after fall-back runs once, at its first occurrence', () => {
    // 2026-10-25 03:00 CEST → 02:00 CET.
    expect(runs('30 2 * * *', '2026-10-24T12:00:00Z', 2, 'Europe/Berlin')).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('local days, not UTC days, decide the weekday', () => {
    // Monday 00:30 in Tokyo is Sunday 15:30 UTC.
    expect(runs('30 0 * * 1', FROM, 1, 'Asia/Tokyo')).toEqual(['2026-11-29T15:30:00.000Z']);
  });
});

// On schedules where both agree (each day field is exactly '*' or does not start with '*'),
// cron-parser is an independent oracle for the evaluator.
const item = (lo: number, hi: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: lo, max: hi }).map(String),
    fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }), fc.integer({ min: 1, max: 9 })).map(([a, b, s]) =>
      a <= b ? `${a}-${b}/${s}` : `${b}-${a}`,
    ),
  );
const list = (lo: number, hi: number): fc.Arbitrary<string> => fc.array(item(lo, hi), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
const starOr = (lo: number, hi: number, stepped: boolean): fc.Arbitrary<string> =>
  fc.oneof(fc.constant('*'), list(lo, hi), ...(stepped ? [fc.integer({ min: 1, max: 13 }).map((s) => `*/${s}`)] : []));

describe('nextRuns agrees with cron-parser where their semantics match', () => {
  for (const zone of ['UTC', 'Asia/Kolkata']) {
    it(zone, () => {
      const schedule = fc
        .tuple(starOr(0, 59, true), starOr(0, 23, true), starOr(1, 28, false), starOr(1, 12, true), starOr(0, 6, false))
        .map((f) => f.join(' '));
      const from = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });
      let compared = 0;
      fc.assert(
        fc.property(schedule, from, (text, start) => {
          let cp;
          try {
            cp = CronExpressionParser.parse(text, { currentDate: start, tz: zone });
          } catch {
            return; // cron-parser refuses duplicates such as "1,1-5" that cron accepts
          }
          const ours = runs(text, start.toISOString(), 4, zone);
          expect(ours).toHaveLength(4);
          const theirs = ours.map(() => cp.next().toDate().toISOString());
          expect(ours, text).toEqual(theirs);
          compared++;
        }),
        { numRuns: 600 },
      );
      // About half the random schedules are refused by cron-parser (duplicates such as "1,1-5");
      // 600 runs give ~300 comparisons, far from this floor even on an unlucky seed (one CI run
      // with 300 runs compared only 148).
      expect(compared).toBeGreaterThan(150);
    });
  }
});

describe('UTC aliases (evaluated without Intl)', () => {
  it('each is a zone Intl knows, always at offset 0', () => {
    for (const name of UTC_ALIASES) {
      const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
      for (const at of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
        const offset = fmt.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value;
        expect(offset, `${name} at ${at}`).toMatch(/^GMT(\+00:00)?$/);
      }
    }
  });

  it('give the runs the same schedule gets in Europe/London in winter', () => {
    expect(runs('30 2 * * *', '2026-01-10T12:00:00Z', 2, 'Etc/UTC')).toEqual(runs('30 2 * * *', '2026-01-10T12:00:00Z', 2, 'Europe/London'));
  });
});

describe('scheduleTimeZone', () => {
  it('Debian cron ignores CRON_TZ', () => {
    expect(scheduleTimeZone({ CRON_TZ: 'Asia/Tokyo' }, 'Europe/Paris')).toEqual({
      zone: 'Europe/Paris',
      note: expect.stringMatching(/ignored by Debian's cron/),
    });
    expect(scheduleTimeZone({}, 'Europe/Paris', 'debian')).toEqual({ zone: 'Europe/Paris', note: null });
  });

  it('cronie honours CRON_TZ, and reads an unknown zone as UTC', () => {
    expect(scheduleTimeZone({ CRON_TZ: 'Asia/Tokyo' }, 'Europe/Paris', 'cronie')).toEqual({ zone: 'Asia/Tokyo', note: null });
    expect(scheduleTimeZone({ CRON_TZ: 'Mars/Olympus' }, 'Europe/Paris', 'cronie').zone).toBe('UTC');
  });
});
