import { duplicateJob } from '../../src/rules/duplicate-job.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(duplicateJob, {
  invalid: [
    { text: '0 3 * * * root /usr/local/bin/backup.sh\n0 3 * * * root /usr/local/bin/backup.sh\n', errors: [{ line: 2, message: '/etc/cron.d/example:1' }] },
    { name: 'same times written differently', text: '0 3 * * 7 root /bin/true\n0 3 * * sun root /bin/true\n', errors: [{ line: 2 }] },
    { name: 'whitespace differences', text: '0 3 * * * root /bin/echo  hi\n0 3 * * * root /bin/echo hi\n', errors: [{ line: 2 }] },
    {
      name: 'across files',
      text: '0 3 * * * root /usr/local/bin/backup.sh\n',
      files: { '/etc/crontab': '0 3 * * * root /usr/local/bin/backup.sh\n' },
      errors: [{ message: /same command and schedule as \/etc\/(crontab|cron\.d\/example):1/ }],
    },
  ],
  valid: [
    { text: '0 3 * * * root /bin/true\n0 4 * * * root /bin/true\n' },
    { text: '0 3 * * * root /bin/true\n0 3 * * * backup /bin/true\n' },
    { text: '0 3 * * * root /bin/true a\n0 3 * * * root /bin/true b\n' },
    { text: '0 3 * * * root /bin/cat%one\n0 3 * * * root /bin/cat%two\n', name: 'different stdin' },
  ],
});
