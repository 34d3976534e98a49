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
    {
      name: 'a binary file: invalid-line reports it once, its bytes are no hidden characters',
      path: '/etc/cron.d/agent',
      text: '\x7fELF\x02\x01\x01\0\0\0\n' + 'A=\0\x01\x02\x1b[8m\r\n'.repeat(30),
    },
    { text: '0 3 * * * root /usr/bin/true\t# tab\n' },
    { text: '# café, naïve, ✓\n0 3 * * * root /usr/bin/true\n' },
    { text: '0 3 * * * root /usr/bin/true' },
    { text: '\n\n' },
  ],
});
