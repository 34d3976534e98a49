import { cronAllowMissing } from '../../src/rules/cron-allow-missing.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';
const ALLOW = { content: 'root\nalice\n', mode: 0o640, gid: 102 };

testRule(cronAllowMissing, {
  invalid: [
    { name: 'no cron.allow', text: JOB, errors: [{ path: '/etc/cron.allow', line: null, severity: 'low', message: 'would allow: root' }] },
    {
      name: 'no cron.allow: the proposal keeps users that have crontabs',
      path: '/var/spool/cron/crontabs/alice',
      text: '0 3 * * * /usr/bin/true\n',
      errors: [{ path: '/etc/cron.allow', message: 'would allow: root, alice' }],
    },
    {
      name: 'a deny list only',
      text: JOB,
      files: { '/etc/cron.deny': 'bob\n' },
      errors: [{ path: '/etc/cron.allow' }, { path: '/etc/cron.deny', message: 'allows every account it does not name' }],
    },
    {
      name: 'an allow list others can write',
      text: JOB,
      files: { '/etc/cron.allow': { content: 'root\n', mode: 0o666 } },
      errors: [{ path: '/etc/cron.allow', severity: 'medium', message: 'writable by everyone' }],
    },
    { name: 'allow and deny both', text: JOB, files: { '/etc/cron.allow': ALLOW, '/etc/cron.deny': '' }, errors: [{ path: '/etc/cron.deny', message: 'misleads' }] },
  ],
  valid: [
    { name: 'cron.allow present', text: JOB, files: { '/etc/cron.allow': ALLOW } },
    { name: 'cron.allow as a link to a root-owned file', text: JOB, files: { '/etc/cron.allow': { target: 'cron/allow' }, '/etc/cron/allow': ALLOW } },
    { name: 'empty cron.allow (only root) is a valid choice', text: JOB, files: { '/etc/cron.allow': { content: '', mode: 0o640 } } },
    {
      name: 'cron.allow with a user crontab',
      path: '/var/spool/cron/crontabs/alice',
      text: '0 3 * * * /usr/bin/true\n',
      files: { '/etc/cron.allow': ALLOW },
    },
  ],
});
