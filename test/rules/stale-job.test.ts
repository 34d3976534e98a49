import { staleJob } from '../../src/rules/stale-job.js';
import { testRule } from '../helpers/rule-tester.js';

const BOB_LOCKED = 'root:*:19700:0:99999:7:::\nbob:!$y$j9T$x$y:19700:0:99999:7:::\nalice:$y$j9T$x$y:19700:0:99999:7:::\n';

testRule(staleJob, {
  invalid: [
    { text: '#0 3 * * * root /usr/local/bin/old.sh\n', errors: [{ line: 1, message: 'commented-out' }] },
    { text: '# @daily root /usr/local/bin/old.sh\n', errors: [{ line: 1 }] },
    { text: '0 4 * * * root /bin/true\n  ## 30 2 * * 1-5 www-data php /var/www/old/cron.php\n', errors: [{ line: 2 }] },
    { name: 'locked human account', path: '/var/spool/cron/crontabs/bob', text: '0 3 * * * /usr/bin/true\n', files: { '/etc/shadow': BOB_LOCKED }, errors: [{ line: null, message: 'locked' }] },
    { name: 'script gone', text: '0 3 * * * root /opt/oldapp/bin/cleanup.sh\n', errors: [{ line: 1, message: '/opt/oldapp/bin/cleanup.sh no longer exists' }] },
    { name: 'user gone', path: '/var/spool/cron/crontabs/carol', text: '0 3 * * * /usr/bin/true\n', errors: [{ line: null, message: 'no longer exists' }] },
  ],
  valid: [
    { text: '# Run the backup at 03:00 every day\n0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } } },
    { name: 'guarded by a test', text: '0 3 * * * root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n' },
    { name: 'found on PATH', text: '0 3 * * * root true\n' },
    { text: '# m h dom mon dow user command\n0 3 * * * root /bin/true\n' },
    { text: '# 2 backups a day, see TICKET-12\n' },
    { name: "Debian's /etc/crontab template", path: '/etc/crontab', text: '# *  *  *  *  * user-name command to be executed\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n' },
    { name: "crontab -e's example", path: '/var/spool/cron/crontabs/alice', text: '# 0 5 * * 1 tar -zcf /var/backups/home.tgz /home/\n' },
    { name: 'a system line whose user is not an account is prose', text: '# 0 3 * * * every night the backup runs\n' },
    { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n', files: { '/etc/shadow': BOB_LOCKED } },
    { name: 'locked system account is normal', path: '/var/spool/cron/crontabs/www-data', text: '0 3 * * * /usr/bin/true\n' },
  ],
});
