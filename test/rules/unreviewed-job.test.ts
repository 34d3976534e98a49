import { LEDGER_PATH, jobLineHash } from '../../src/core/review-ledger.js';
import { unreviewedJob } from '../../src/rules/unreviewed-job.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = { schedule: '0 3 * * *', user: 'root', command: '/usr/bin/true' };
const ledger = (at: string, job = JOB, source = '/etc/cron.d/example') =>
  JSON.stringify({ version: 1, reviews: [{ source, lineHash: jobLineHash(job), by: 'alice', at }] });

testRule(unreviewedJob, {
  invalid: [
    { text: '0 3 * * * root /usr/bin/true\n', errors: [{ line: 1, severity: 'info', message: 'never' }] },
    { name: 'review too old', text: '0 3 * * * root /usr/bin/true\n', files: { [LEDGER_PATH]: ledger('2026-06-01T00:00:00.000Z') }, errors: [{ line: 1, message: 'over 90 days' }] },
    { name: 'command changed since review', text: '0 3 * * * root /usr/bin/false\n', files: { [LEDGER_PATH]: ledger('2026-11-20T00:00:00.000Z') }, errors: [{ line: 1, message: 'never' }] },
    { name: 'broken ledger', text: '0 3 * * * root /usr/bin/true\n', files: { [LEDGER_PATH]: '{nope' }, errors: [{ line: 1 }, { path: LEDGER_PATH }] },
  ],
  valid: [
    { text: '0 3 * * * root /usr/bin/true\n', files: { [LEDGER_PATH]: ledger('2026-11-20T00:00:00.000Z') } },
    { name: 'moved to another line', text: '# moved\n\n0 3 * * * root /usr/bin/true\n', files: { [LEDGER_PATH]: ledger('2026-11-20T00:00:00.000Z') } },
    { name: 'reviewed exactly 90 days ago', text: '0 3 * * * root /usr/bin/true\n', files: { [LEDGER_PATH]: ledger('2026-08-27T12:00:00.000Z') } },
    { name: 'no jobs', text: '# nothing here\n' },
  ],
});
