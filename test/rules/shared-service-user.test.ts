import { sharedServiceUser } from '../../src/rules/shared-service-user.js';
import { testRule } from '../helpers/rule-tester.js';

const exe = { content: '#!/bin/sh\n', mode: 0o755 };

testRule(sharedServiceUser, {
  invalid: [
    {
      name: 'web app and database backup',
      text: '0 1 * * * www-data /usr/bin/php /var/www/shop/artisan schedule:run\n0 2 * * * www-data /usr/local/bin/db-backup.sh\n',
      files: { '/usr/local/bin/db-backup.sh': exe },
      errors: [{ line: 1, severity: 'low', message: 'www-data runs 2 unrelated job families: shop (/etc/cron.d/example:1); db (/etc/cron.d/example:2)' }],
    },
    {
      name: 'two projects under /srv',
      text: '0 1 * * * backup /srv/wiki/bin/dump\n0 2 * * * backup /srv/mail/bin/dump\n',
      errors: [{ message: 'wiki' }],
    },
    {
      name: "a service account's own crontab running two apps",
      path: '/var/spool/cron/crontabs/postgres',
      text: '0 1 * * * /opt/crm/sync.sh\n0 2 * * * /opt/metrics/push.sh\n',
      files: { '/var/spool/cron/crontabs/postgres': { content: '0 1 * * * /opt/crm/sync.sh\n0 2 * * * /opt/metrics/push.sh\n', mode: 0o600, uid: 106, gid: 102 } },
      errors: [{ message: 'postgres runs 2' }],
    },
  ],
  valid: [
    {
      name: 'one project, several jobs',
      text: '0 1 * * * www-data /usr/bin/php /var/www/shop/artisan schedule:run\n30 1 * * * www-data /usr/bin/find /var/www/shop/storage/cache -mtime +7 -delete\n',
    },
    { name: 'root is root-job’s and single-user-concentration’s', text: '0 1 * * * root /srv/wiki/bin/dump\n0 2 * * * root /srv/mail/bin/dump\n' },
    { name: "a person's crontab holds unrelated chores", path: '/var/spool/cron/crontabs/bob', text: '0 1 * * * /opt/crm/sync.sh\n0 2 * * * /opt/metrics/push.sh\n' },
    { name: 'jobs cron ignores need no rights today', text: '0 1 * * * www-data /srv/wiki/bin/dump\n0 2 * * * www-data /srv/mail/bin/dump\n61 * * * * root /bin/true\n' },
    { name: 'one job per user', text: '0 1 * * * www-data /srv/wiki/bin/dump\n0 2 * * * backup /srv/mail/bin/dump\n' },
    {
      name: 'related scripts in /usr/local/bin',
      text: '0 1 * * * backup /usr/local/bin/backup-db.sh\n0 2 * * * backup /usr/local/bin/backup-files.sh\n',
      files: { '/usr/local/bin/backup-db.sh': exe, '/usr/local/bin/backup-files.sh': exe },
    },
  ],
});
