import { missingNewline } from '../../src/rules/missing-newline.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(missingNewline, {
  invalid: [
    { text: '0 3 * * * root /usr/local/bin/sync', errors: [{ line: 1, severity: 'high' }] },
    { text: '# first\n0 3 * * * root /bin/true\n0 4 * * * root /bin/false', errors: [{ line: 3 }] },
    { text: '0 3 * * * root /bin/true\r\n0 4 * * * root /bin/true', errors: [{ line: 2 }] },
    { path: '/var/spool/cron/crontabs/alice', text: '*/5 * * * * /usr/bin/true', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root /usr/local/bin/sync\n' },
    { text: '0 3 * * * root /bin/true\r\n' },
    { text: '' },
    { text: '0 3 * * * root /bin/true\n\n' },
  ],
});
