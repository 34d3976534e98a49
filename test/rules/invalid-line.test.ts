import { invalidLine } from '../../src/rules/invalid-line.js';
import { testRule } from '../helpers/rule-tester.js';

const ELF = '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\n' + 'A=\0\x01\x02\n'.repeat(30) + '1 2 3 4 5 6 7\0 root /x\n'.repeat(40);
const README = Array.from({ length: 45 }, (_, i) => `readme line ${i + 1}\n`).join('');

testRule(invalidLine, {
  invalid: [
    { text: 'SHELL=/bin/sh\n/usr/local/bin/backup.sh\n', errors: [{ line: 2 }] },
    { name: 'system line without user and command', text: '30 2 * * * /usr/local/bin/backup.sh\n', errors: [{ line: 1 }] },
    { name: 'a pasted shell command', text: '# nightly\ncd /srv && ./run.sh\n0 3 * * * root /bin/true\n', errors: [{ line: 2 }] },
    {
      name: 'a binary file: one finding for the file',
      path: '/etc/cron.d/agent',
      text: ELF,
      errors: [{ line: 1, severity: 'high', message: /binary file.*NUL bytes.*and 70 more lines like it.*move it out of \/etc\/cron\.d/ }],
    },
    {
      name: '20 bad lines are all listed',
      text: README.split('\n').slice(0, 20).join('\n') + '\n',
      errors: Array.from({ length: 20 }, (_, i) => ({ line: i + 1, message: 'cron cannot read this line' })),
    },
    {
      name: 'a long text file of bad lines: the first 20, then one summary',
      text: README,
      errors: [
        ...Array.from({ length: 20 }, (_, i) => ({ line: i + 1, message: 'cron cannot read this line' })),
        { line: 21, message: /and 25 more lines cron cannot read \(lines 21-45\)/ },
      ],
    },
  ],
  valid: [
    { text: 'SHELL=/bin/sh\n# nightly backup\n\n30 2 * * * root /usr/local/bin/backup.sh\n' },
    { text: '61 2 * * * root /bin/true\n', name: 'a bad field is invalid-schedule, not invalid-line' },
    { path: '/var/spool/cron/crontabs/alice', text: 'MAILTO=alice\n*/5 * * * * /usr/bin/true\n' },
    { text: '   # indented comment\n\t\n' },
  ],
});
