import { hiddenCharacters } from '../../src/rules/hidden-characters.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(hiddenCharacters, {
  invalid: [
    { name: 'CR hides a job behind a comment', text: '* * * * * root /tmp/.x/run\r# log rotation\n', errors: [{ line: 1, severity: 'high', message: 'hidden' }] },
    { name: 'DOS file: one finding', text: 'SHELL=/bin/sh\r\n0 3 * * * root /bin/true\r\n', errors: [{ line: 1, severity: 'medium', message: '2 lines' }] },
    { name: 'escape sequence in a comment', text: '# \x1b[8mhidden\x1b[0m\n0 3 * * * root /bin/true\n', errors: [{ line: 1, message: 'escape' }] },
    { name: 'bidi override', text: '0 3 * * * root /usr/bin/true \u202e# cod\n', errors: [{ line: 1, message: 'U+202E' }] },
    { name: 'zero-width space in a command', text: '0 3 * * * root /usr/bin/tr\u200bue\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root /usr/bin/true\t# tab\n' },
    { text: '# café, naïve, ✓\n0 3 * * * root /usr/bin/true\n' },
    { text: '0 3 * * * root /usr/bin/true' },
    { text: '\n\n' },
  ],
});
