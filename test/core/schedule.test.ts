import { describe, expect, it } from 'vitest';
import { neverRuns, parseSchedule } from '../../src/core/schedule.js';
import type { ScheduleSpec } from '../../src/core/types.js';

const fields = (text: string): Extract<ScheduleSpec, { kind: 'fields' }> => {
  const r = parseSchedule(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  if (r.spec.kind !== 'fields') throw new Error(`${text}: not a field schedule`);
  return r.spec;
};
const range = (a: number, b: number, step = 1): number[] => {
  const out: number[] = [];
  for (let i = a; i <= b; i += step) out.push(i);
  return out;
};

describe('parseSchedule: what Debian cron accepts, as its bit sets', () => {
  it.each([
    ['*/15 * * * *', { minute: [0, 15, 30, 45] }],
    ['0-59/20 * * * *', { minute: [0, 20, 40] }],
    ['10-30/7 * * * *', { minute: [10, 17, 24] }],
    ['1,2,3-5,*/30 * * * *', { minute: [0, 1, 2, 3, 4, 5, 30] }],
    ['0 */6 * * *', { hour: [0, 6, 12, 18] }],
    ['0 0 */10 * *', { dayOfMonth: [1, 11, 21, 31], domStar: true }],
    ['0 0 * jan,jul *', { month: [1, 7] }],
    ['0 0 * Jan-MAR/2 *', { month: [1, 3] }],
    ['0 0 * * mon-fri', { dayOfWeek: [1, 2, 3, 4, 5], dowStar: false }],
    ['0 0 * * 7', { dayOfWeek: [0] }],
    ['0 0 * * 0,7', { dayOfWeek: [0] }],
    ['0 0 * * 5-7', { dayOfWeek: [0, 5, 6] }],
    ['0 0 * * */2', { dayOfWeek: [0, 2, 4, 6], dowStar: true }],
    ['0 0 * * 1-7/3', { dayOfWeek: [0, 1, 4] }],
    ['*/90 * * * *', { minute: [0] }],
    ['05 07 * * *', { minute: [5], hour: [7] }],
    ['0 0 * * 5-1', { dayOfWeek: [] }],
    ['5;x * * * *', { minute: [5] }],
    ['*-5 * * * *', { minute: range(0, 59) }],
    ['*/2-9 * * * *', { minute: range(0, 58, 2) }],
    ['0 0 1 * *', { domStar: false, dowStar: true }],
  ] as [string, Partial<Extract<ScheduleSpec, { kind: 'fields' }>>][])('%s', (text, want) => {
    expect(fields(text)).toMatchObject(want);
  });

  it.each([
    ['@yearly', { minute: [0], hour: [0], dayOfMonth: [1], month: [1], dayOfWeek: range(0, 6), domStar: false, dowStar: true }],
    ['@monthly', { dayOfMonth: [1], month: range(1, 12), dowStar: true, domStar: false }],
    ['@weekly', { dayOfMonth: range(1, 31), dayOfWeek: [0], domStar: true, dowStar: false }],
    ['@daily', { minute: [0], hour: [0], domStar: false, dowStar: false }],
    ['@midnight', { minute: [0], hour: [0] }],
    ['@hourly', { minute: [0], hour: range(0, 23) }],
  ] as [string, object][])('%s has the daemon’s bits and flags', (text, want) => {
    expect(fields(text)).toMatchObject({ keyword: text, ...want });
  });

  it('shares one frozen array per field text, so a spec cannot be edited behind the memo', () => {
    const a = fields('*/5 * * * *');
    const b = fields('*/5 0 * * *');
    expect(a.minute).toBe(b.minute);
    expect(() => a.minute.push(1)).toThrow(TypeError);
  });

  it('@reboot', () => {
    expect(parseSchedule('@reboot')).toEqual({ ok: true, spec: { kind: 'reboot' } });
  });

  it.each([
    ['60 * * * *', /^bad minute field ‘60’: 60 is out of range \(allowed 0-59\)$/],
    ['* 24 * * *', /^bad hour field ‘24’/],
    ['* * 0 * *', /^bad day-of-month field ‘0’/],
    ['* * * 0 *', /^bad month field ‘0’.*\(allowed 1-12 or jan-dec\)$/],
    ['* * * * 8', /^bad day-of-week field ‘8’.*\(allowed 0-7 or sun-sat/],
    ['5/10 * * * *', /^bad minute field ‘5\/10’: a step needs a range or \*/],
    ['*/0 * * * *', /step 0/],
    ['1-5/0 * * * *', /step 0/],
    ['* * * * sun/2', /a step needs a range/],
    ['* * * * monday', /unknown name ‘monday’/],
    ['jan * * * *', /^bad minute field ‘jan’: ‘jan’ is not a number/],
    ['* * * * jan', /^bad day-of-week field ‘jan’: unknown name/],
    ['* * * mon *', /^bad month field ‘mon’/],
    ['*/mon * * * *', /‘mon’ is not a number/],
    ['1- * * * *', /a number is missing at the end/],
    ['-1 * * * *', /^bad minute field ‘-1’: unexpected ‘-’/],
    ['? * * * *', /unexpected ‘\?’/],
    ['* * *', /^bad month field: the line ends after 3 of the 5 schedule fields/],
    ['0 0 * * * *', /^unexpected ‘\*’ after five fields/],
    ['@Weekly', /^bad time specifier ‘@Weekly’: cron only knows it in lower case/],
    ['@', /^bad time specifier ‘@’/],
    ['', /^empty schedule/],
  ])('rejects %j', (text, reason) => {
    const r = parseSchedule(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('neverRuns (Vixie day rule)', () => {
  it.each([
    ['0 0 30 2 *', true],
    ['0 0 31 4,6,9,11 *', true],
    ['0 0 31 2,4 *', true],
    ['0 0 29 2 *', false],
    ['0 0 31 1-12 *', false],
    ['0 0 30 2 1', false],
    ['0 0 30 2 */2', true],
    ['0 0 * * 5-1', true],
    ['0 0 31 2 5-1', true],
    ['0 0 5-1 * 1', false],
    ['0 0 * 5-1 *', true],
    ['5-1 * * * *', true],
    ['@yearly', false],
    ['@weekly', false],
  ] as [string, boolean][])('%s → %s', (text, never) => {
    const r = parseSchedule(text);
    if (!r.ok) throw new Error(r.reason);
    expect(neverRuns(r.spec)).toBe(never);
  });

  it('is false for @reboot and anacron entries', () => {
    expect(neverRuns({ kind: 'reboot' })).toBe(false);
    expect(neverRuns({ kind: 'anacron', periodDays: 1, delayMinutes: 5, identifier: 'x' })).toBe(false);
  });
});
