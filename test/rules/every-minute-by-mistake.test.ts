import { everyMinuteByMistake } from '../../src/rules/every-minute-by-mistake.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(everyMinuteByMistake, {
  invalid: [
    { text: '* 3 * * * root /bin/true\n', errors: [{ line: 1, message: '60 times' }] },
    { text: '* 2,14 * * 1-5 root /bin/true\n', errors: [{ line: 1, message: '120 times' }] },
    { text: '* 0-1 * * * root /bin/true\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root /bin/true\n' },
    { text: '* * * * * root /bin/true\n' },
    { text: '*/5 9-17 * * * root /bin/true\n' },
    { text: '* */2 * * * root /bin/true\n', name: 'every minute of every other hour is clearly deliberate' },
    { text: '@hourly root /bin/true\n' },
  ],
});
