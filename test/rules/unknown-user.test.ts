import { unknownUser } from '../../src/rules/unknown-user.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(unknownUser, {
  invalid: [
    { text: '0 3 * * * deploy /usr/local/bin/sync\n', errors: [{ line: 1, message: 'deploy' }] },
    { text: '0 3 * * * root /bin/true\n0 4 * * * jenkins /bin/true\n', errors: [{ line: 2, message: 'jenkins' }] },
    {
      name: 'orphaned user crontab: one finding for the file',
      path: '/var/spool/cron/crontabs/carol',
      text: '0 3 * * * /usr/bin/true\n0 4 * * * /usr/bin/true\n',
      errors: [{ line: null, path: '/var/spool/cron/crontabs/carol', message: 'orphan' }],
    },
    { path: '/etc/crontab', text: '17 * * * * rooot cd / && run-parts --report /etc/cron.hourly\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * backup /usr/local/bin/sync\n' },
    { text: '0 3 * * * www-data /usr/bin/php /var/www/cron.php\n' },
    { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' },
    { path: '/etc/cron.daily/logrotate', text: '#!/bin/sh\n/usr/sbin/logrotate /etc/logrotate.conf\n', files: { '/etc/cron.daily/logrotate': { content: '#!/bin/sh\n/usr/sbin/logrotate /etc/logrotate.conf\n', mode: 0o755 } } },
  ],
});
