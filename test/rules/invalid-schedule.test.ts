import { invalidSchedule } from '../../src/rules/invalid-schedule.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(invalidSchedule, {
  invalid: [
    { text: '61 2 * * * root /bin/true\n', errors: [{ line: 1, message: /minute/ }] },
    { text: 'SHELL=/bin/sh\n0 24 * * * root /bin/true\n', errors: [{ line: 2, message: /hour/ }] },
    { text: '0 0 32 * * root /bin/true\n', errors: [{ line: 1, message: /day/ }] },
    { text: '0 0 * 13 * root /bin/true\n', errors: [{ line: 1, message: /month/ }] },
    { text: '0 0 * * 8 root /bin/true\n', errors: [{ line: 1 }] },
    { text: '0 0 * * mon-fry root /bin/true\n', errors: [{ line: 1 }] },
    { text: '*/0 * * * * root /bin/true\n', errors: [{ line: 1 }] },
    { text: '@fortnightly root /bin/true\n', errors: [{ line: 1, message: /@fortnightly/ }] },
    { name: 'user crontab', path: '/var/spool/cron/crontabs/alice', text: '0 0 L * * /bin/true\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0-59/15 2 * * mon-fri root /bin/true\n' },
    { text: '@reboot root /bin/true\n@midnight root /bin/true\n' },
    { text: '0 0 * * 7 root /bin/true\n', name: '7 is Sunday' },
    { text: '0 0 31 2 * root /bin/true\n', name: 'cron accepts 31 February (it never runs: never-runs says so)' },
    { text: 'garbage line without fields\n', name: 'not a schedule problem: invalid-line reports it' },
    { path: '/etc/anacrontab', text: '1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n' },
  ],
});
