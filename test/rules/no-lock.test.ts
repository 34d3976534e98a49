import { noLock } from '../../src/rules/no-lock.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(noLock, {
  invalid: [
    { text: '*/5 * * * * root /usr/local/bin/poll\n', errors: [{ line: 1, message: 'every 5 minutes' }] },
    { text: '* * * * * www-data /usr/bin/php /var/www/artisan schedule:run\n', errors: [{ line: 1, message: 'every 1 minute' }] },
    { text: '0,10,20 * * * * root /usr/local/bin/poll\n', errors: [{ line: 1, message: '10 minutes' }] },
    { text: '30 2 * * * root /usr/local/bin/backup.sh\n', errors: [{ line: 1, message: 'backup.sh' }] },
    { text: '30 2 * * * root /usr/bin/rsync -a /srv/ /mnt/backup/\n', errors: [{ line: 1, message: 'rsync' }] },
  ],
  valid: [
    { text: '0 * * * * root /usr/local/bin/report\n' },
    { text: '*/30 * * * * root /usr/local/bin/poll\n' },
    { text: '*/5 * * * * root /usr/bin/flock -n /run/lock/poll.lock /usr/local/bin/poll\n' },
    { text: '30 2 * * * root /usr/bin/run-one /usr/local/bin/backup.sh\n' },
    { text: '@reboot root /usr/local/bin/backup.sh\n', name: 'runs once per boot' },
  ],
});
