import { invalidLine } from '../../src/rules/invalid-line.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(invalidLine, {
  invalid: [
    { text: 'SHELL=/bin/sh\n/usr/local/bin/backup.sh\n', errors: [{ line: 2 }] },
    { name: 'system line without user and command', text: '30 2 * * * /usr/local/bin/backup.sh\n', errors: [{ line: 1 }] },
    { name: 'a pasted shell command', text: '# nightly\ncd /srv && ./run.sh\n0 3 * * * root /bin/true\n', errors: [{ line: 2 }] },
  ],
  valid: [
    { text: 'SHELL=/bin/sh\n# nightly backup\n\n30 2 * * * root /usr/local/bin/backup.sh\n' },
    { text: '61 2 * * * root /bin/true\n', name: 'a bad field is invalid-schedule, not invalid-line' },
    { path: '/var/spool/cron/crontabs/alice', text: 'MAILTO=alice\n*/5 * * * * /usr/bin/true\n' },
    { text: '   # indented comment\n\t\n' },
  ],
});
