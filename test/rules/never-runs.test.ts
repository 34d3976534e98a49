import { neverRuns } from '../../src/rules/never-runs.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(neverRuns, {
  invalid: [
    { text: '0 0 30 2 * root /bin/true\n', errors: [{ line: 1 }] },
    { text: '0 0 31 2 * root /bin/true\n', errors: [{ line: 1 }] },
    { text: '0 0 31 4,6,9,11 * root /bin/true\n', errors: [{ line: 1 }] },
    { text: '15 10 30,31 feb * root /bin/true\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 0 29 2 * root /bin/true\n', name: 'leap years exist' },
    { text: '0 0 30 2 1 root /bin/true\n', name: 'OR with day of week' },
    { text: '0 0 31 * * root /bin/true\n' },
    { text: '@reboot root /bin/true\n' },
  ],
});
