import { cronFilePerms } from '../../src/rules/cron-file-perms.js';
import { DEBIAN_ETC_CRONTAB } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';
const SCRIPT = '#!/bin/sh\n/usr/bin/true\n';

testRule(cronFilePerms, {
  invalid: [
    { name: 'stock /etc/crontab 0644: low (CIS 0600)', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB, errors: [{ severity: 'low', path: '/etc/crontab', line: null, message: 'CIS' }] },
    { name: 'cron.d file in group adm', text: JOB, files: { '/etc/cron.d/example': { content: JOB, gid: 4 } }, errors: [{ severity: 'medium', message: 'root:adm' }] },
    {
      name: 'run-parts script owned by a group, not writable',
      path: '/etc/cron.daily/report',
      text: SCRIPT,
      files: { '/etc/cron.daily/report': { content: SCRIPT, mode: 0o750, gid: 4 } },
      errors: [{ severity: 'medium', path: '/etc/cron.daily/report' }],
    },
    {
      name: 'group-writable cron.d file: Debian ignores it (not-loaded), cronie loads it',
      text: JOB,
      files: { '/etc/cron.d/example': { content: JOB, mode: 0o664, gid: 27 } },
      errors: [{ severity: 'medium', message: 'writable by group sudo' }],
    },
    { name: 'anacrontab owned by a user', path: '/etc/anacrontab', text: '1\t5\tdaily\t/usr/bin/true\n', files: { '/etc/anacrontab': { content: '1\t5\tdaily\t/usr/bin/true\n', uid: 1000 } }, errors: [{ message: 'alice' }] },
  ],
  valid: [
    { name: 'cron.d root:root 0644', text: JOB },
    { name: '/etc/crontab 0600', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB, files: { '/etc/crontab': { content: DEBIAN_ETC_CRONTAB, mode: 0o600 } } },
    {
      name: 'world-writable run-parts script is writable-target’s finding',
      path: '/etc/cron.daily/report',
      text: SCRIPT,
      files: { '/etc/cron.daily/report': { content: SCRIPT, mode: 0o777 } },
    },
    { name: 'user crontabs are spool-perms’', path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' },
  ],
});
