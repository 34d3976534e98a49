import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../src/core/describe.js';
import { parseSchedule } from '../../src/core/schedule.js';
import type { ScheduleSpec } from '../../src/core/types.js';

const say = (text: string): string => {
  const r = parseSchedule(text);
  if (!r.ok) throw new Error(r.reason);
  return describeSchedule(r.spec, text);
};

describe('describeSchedule', () => {
  it.each([
    ['30 2 * * *', 'At 02:30 AM'],
    ['*/5 * * * *', 'Every 5 minutes'],
    ['0 9 * jan-mar mon-fri', 'At 09:00 AM, Monday through Friday, January through March'],
    ['0 0 * * 7', 'At 12:00 AM, only on Sunday'],
    ['@daily', 'At 12:00 AM'],
    ['@midnight', 'At 12:00 AM'],
    ['@hourly', 'Every hour'],
    ['@weekly', 'At 12:00 AM, only on Sunday'],
    ['@monthly', 'At 12:00 AM, on day 1 of the month'],
    ['@yearly', 'At 12:00 AM, on day 1 of the month, only in January'],
    ['@reboot', 'At system start-up'],
  ])('%s → %s', (text, words) => {
    expect(say(text)).toBe(words);
  });

  it('says AND where cron ANDs the day fields (a field starting with *)', () => {
    expect(say('0 0 */2 * 1')).toBe('At 12:00 AM, every 2 days in a month, only if that day is a Monday');
    expect(say('0 0 1 * */2')).toBe('At 12:00 AM, on day 1 of the month, only if that day is a Sunday or Tuesday or Thursday or Saturday');
  });

  it('describes what cron reads, not the junk after it', () => {
    expect(say('5;x * * * *')).toBe('At 5 minutes past the hour');
    expect(say('*-5 0 * * *')).toBe(say('* 0 * * *'));
    expect(say('0 0 * * 5-1')).toMatch(/^Never: the day-of-week field selects no value/);
  });

  it('anacron periods', () => {
    const anacron = (periodDays: number | null, delayMinutes: number, periodName?: string): ScheduleSpec => ({
      kind: 'anacron',
      periodDays,
      delayMinutes,
      identifier: 'x',
      ...(periodName ? { periodName } : {}),
    });
    expect(describeSchedule(anacron(1, 5), '1 5 cron.daily')).toBe('Once a day, 5 minutes after anacron starts');
    expect(describeSchedule(anacron(7, 10), '7 10 cron.weekly')).toBe('Once a week, 10 minutes after anacron starts');
    expect(describeSchedule(anacron(3, 1), '3 1 x')).toBe('Every 3 days, 1 minute after anacron starts');
    expect(describeSchedule(anacron(null, 0, '@monthly'), '@monthly 0 x')).toBe('Once a month, as soon as anacron starts');
  });
});
