import { outputDiscarded } from '../../src/rules/output-discarded.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(outputDiscarded, {
  invalid: [
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1\n', errors: [{ line: 1 }] },
    { text: '0 3 * * * root /usr/local/bin/backup.sh > /dev/null 2> /dev/null\n', errors: [{ line: 1 }] },
    { text: 'SHELL=/bin/bash\n0 3 * * * root /usr/local/bin/backup.sh &>/dev/null\n', errors: [{ line: 2 }] },
    { text: '0 3 * * * root /usr/local/bin/a >/dev/null 2>&1; /usr/local/bin/b 1>/dev/null 2>&1\n', errors: [{ line: 1 }] },
    { name: 'redirects on a group', text: '0 3 * * * root { /usr/local/bin/a; /usr/local/bin/b; } >/dev/null 2>&1\n', errors: [{ line: 1 }] },
    { name: 'the group’s redirect comes first, then 2>&1 copies it', text: '0 3 * * * root { /usr/local/bin/a 2>&1; } >/dev/null\n', errors: [{ line: 1 }] },
    { name: 'an element’s own redirects come after the pipe: logger gets nothing', text: '0 3 * * * root ( /usr/local/bin/a; /usr/local/bin/b ) >/dev/null 2>&1 | /usr/bin/logger -t x\n', errors: [{ line: 1 }] },
    { name: 'a su -c script with its output discarded', text: "0 3 * * * root su -s /bin/sh www-data -c '/usr/bin/php /var/www/cron.php' >/dev/null 2>&1\n", errors: [{ line: 1 }] },
    { name: 'a function called with its output discarded', text: '0 3 * * * root backup() { /usr/bin/tar czf - /etc; }; backup >/dev/null 2>&1\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root cd /srv && ./run.sh >/dev/null 2>&1\n', name: 'a failing cd still tells cron' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 >/dev/null\n', name: 'order matters: stderr still reaches cron' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 | /usr/bin/logger -t backup\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >>/var/log/backup.log 2>&1\n' },
    { text: '0 3 * * * root /usr/local/bin/a >/dev/null 2>&1; /usr/local/bin/b\n', name: 'b still prints' },
    { text: '0 3 * * * root { /usr/local/bin/a 2>/dev/null | /usr/local/bin/b; } >/dev/null 2>&1\n', name: 'a group’s redirect does not take the pipe from a' },
  ],
});
