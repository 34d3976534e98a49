import { describe, expect, it } from 'vitest';
import { haystacksOf } from '../../src/ui/model.js';
import { jobList } from '../../src/ui/rows.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { modelOf } from './helpers.js';

describe('the wizard model', () => {
  it('scores a host with nothing to report 100', () => {
    const model = modelOf({}, FIXTURE_RULES.filter((r) => r !== 'cron-allow-missing'));
    expect(model.scan.findings).toEqual([]);
    expect(model.score).toBe(100);
  });

  it('scores the fixture below a clean host, counts severities and practices, groups jobs by source', () => {
    const model = modelOf(FIXTURE, FIXTURE_RULES);
    expect(model.score).toBeGreaterThan(0);
    expect(model.score).toBeLessThan(100);
    expect(Object.values(model.counts).reduce((a, b) => a + b, 0)).toBe(model.scan.findings.length);
    expect(model.practices.map((p) => p.practice)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(model.practices.reduce((a, p) => a + p.count, 0)).toBe(model.scan.findings.length);
    expect(model.sources.filter((s) => s.jobs.length).map((s) => s.source.path)).toEqual(['/etc/cron.d/backup', '/etc/cron.d/report.disabled', '/var/spool/cron/crontabs/alice']);
    const ignored = model.sources.find((s) => s.source.path === '/etc/cron.d/report.disabled')!;
    expect(ignored.findings.map((f) => f.rule)).toContain('not-loaded');
    expect(model.jobs[ignored.jobs[0]!]!.worst).toBe('high');
    expect(model.hostFindings.map((f) => f.rule)).toEqual(['cron-allow-missing']);
  });

  it('keeps the score below 50 while a critical finding is open', () => {
    const model = modelOf(
      { ...FIXTURE, '/etc/cron.d/miner': '* * * * * root /dev/shm/.x/kworker >/dev/null 2>&1\n' },
      [...FIXTURE_RULES, 'suspicious-payload'],
    );
    expect(model.counts.critical).toBeGreaterThan(0);
    expect(model.score).toBeLessThan(50);
  });

  it('filters on a job’s id, file, user, schedule, command and the rules it breaks, in any case', () => {
    const model = modelOf(FIXTURE, FIXTURE_RULES);
    const ids = (filter: string) => jobList(model, filter).jobs.map((j) => model.jobs[j]!.job.id);
    const everyJob = jobList(model, '').jobs.length;
    expect(haystacksOf(model)).toHaveLength(model.jobs.length);
    expect(haystacksOf(model)).toBe(haystacksOf(model));
    for (const view of model.jobs) {
      const { job } = view;
      for (const word of [job.id, job.source, job.user ?? '', job.command, ...view.findings.map((f) => f.rule)].filter(Boolean)) {
        expect(ids(word.toUpperCase())).toContain(job.id);
      }
    }
    expect(ids('no job has this text')).toEqual([]);
    expect(ids('alice').length).toBeGreaterThan(0);
    expect(ids('alice').length).toBeLessThan(everyJob);
  });
});
