import { invalidSchedule } from '../../src/rules/invalid-schedule.js';
import { testRule } from '../helpers/rule-tester.js';

// Six words or more: read as a schedule (the first five) and a command, so each line is a bad schedule.
const README = Array.from({ length: 30 }, (_, i) => `Read this line number ${i + 1} before editing anything\n`).join('');
const BINARY = '\x7fELF\x02\x01\x01\0\0\0\n' + '1 2 3 4 5 6 7\0 root /x\n'.repeat(25) + '99 99 99 99 99 root /x\n'.repeat(25);

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
    {
      name: 'a text file that is no crontab: the first 20 lines, then one summary',
      text: README,
      errors: [
        ...Array.from({ length: 20 }, (_, i) => ({ line: i + 1, message: /schedule ‘Read this line number/ })),
        { line: 21, message: /and 10 more lines with a schedule cron rejects \(lines 21-30\)/ },
      ],
    },
  ],
  valid: [
    { text: '0-59/15 2 * * mon-fri root /bin/true\n' },
    { text: '@reboot root /bin/true\n@midnight root /bin/true\n' },
    { text: '0 0 * * 7 root /bin/true\n', name: '7 is Sunday' },
    { text: '0 0 31 2 * root /bin/true\n', name: 'cron accepts 31 February (it never runs: never-runs says so)' },
    { text: 'garbage line without fields\n', name: 'not a schedule problem: invalid-line reports it' },
    { path: '/etc/anacrontab', text: '1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n' },
    { name: 'a binary file: invalid-line reports it once', path: '/etc/cron.d/agent', text: BINARY },
  ],
});
