import { outputDiscarded } from '../../src/rules/output-discarded.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(outputDiscarded, {
  invalid: [
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1\n', errors: [{ line: 1 }] },
    { text: '0 3 * * * root /usr/local/bin/backup.sh > /dev/null 2> /dev/null\n', errors: [{ line: 1 }] },
    { text: 'SHELL=/bin/bash\n0 3 * * * root /usr/local/bin/backup.sh &>/dev/null\n', errors: [{ line: 2 }] },
    { text: '0 3 * * * root /usr/local/bin/a >/dev/null 2>&1; /usr/local/bin/b 1>/dev/null 2>&1\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root cd /srv && ./run.sh >/dev/null 2>&1\n', name: 'a failing cd still tells cron' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 >/dev/null\n', name: 'order matters: stderr still reaches cron' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 | /usr/bin/logger -t backup\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >>/var/log/backup.log 2>&1\n' },
    { text: '0 3 * * * root /usr/local/bin/a >/dev/null 2>&1; /usr/local/bin/b\n', name: 'b still prints' },
  ],
});
