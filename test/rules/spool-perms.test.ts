import { spoolPerms } from '../../src/rules/spool-perms.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * /usr/bin/true\n';
const ALICE = '/var/spool/cron/crontabs/alice';

testRule(spoolPerms, {
  invalid: [
    {
      name: 'world-writable spool without sticky bit: high',
      path: ALICE,
      text: JOB,
      files: { '/var/spool/cron/crontabs': { type: 'dir', mode: 0o777, gid: 102 } },
      errors: [{ path: '/var/spool/cron/crontabs', severity: 'high', message: 'replace or delete' }],
    },
    {
      name: 'world-writable but sticky: medium (no one replaces another’s crontab)',
      path: ALICE,
      text: JOB,
      files: { '/var/spool/cron/crontabs': { type: 'dir', mode: 0o1777, gid: 102 } },
      errors: [{ path: '/var/spool/cron/crontabs', severity: 'medium', message: '01777' }],
    },
    {
      name: 'spool in the wrong group',
      path: ALICE,
      text: JOB,
      files: { '/var/spool/cron/crontabs': { type: 'dir', mode: 0o1730, gid: 0 } },
      errors: [{ path: '/var/spool/cron/crontabs', severity: 'medium', message: 'root:crontab 01730' }],
    },
    {
      name: "alice's crontab owned by root",
      path: ALICE,
      text: JOB,
      files: { [ALICE]: { content: JOB, mode: 0o600, uid: 0, gid: 102 } },
      errors: [{ path: ALICE, severity: 'medium', message: 'owned by root, not alice' }],
    },
    {
      name: 'crontab not in group crontab: low',
      path: ALICE,
      text: JOB,
      files: { [ALICE]: { content: JOB, mode: 0o600, uid: 1000, gid: 1000 } },
      errors: [{ path: ALICE, severity: 'low', message: 'group alice, not crontab' }],
    },
  ],
  valid: [
    { name: 'as crontab(1) leaves it', path: ALICE, text: JOB },
    { name: 'no user crontabs at all', text: '0 3 * * * root /usr/bin/true\n' },
    { name: 'mode 0644 is not-loaded’s finding', path: ALICE, text: JOB, files: { [ALICE]: { content: JOB, mode: 0o644, uid: 1000, gid: 102 } } },
    { name: "root's crontab", path: '/var/spool/cron/crontabs/root', text: JOB },
  ],
});
