import { describe, expect, it } from 'vitest';
import { unescapedPercent, unescapedPercents } from '../../src/rules/unescaped-percent.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(unescapedPercent, {
  invalid: [
    { text: '0 3 * * * root /bin/tar czf /b/etc-$(date +%F).tgz /etc\n', errors: [{ line: 1, severity: 'high', message: /unescaped % at column 29 of the command: cron runs only `\/bin\/tar czf \/b\/etc-\$\(date \+` and feeds “F\)\.tgz \/etc”/ }] },
    { text: '0 3 * * * root date +%Y-%m-%d >> /var/log/dates\n', errors: [{ line: 1, message: /column 7/ }] },
    { text: '0 3 * * * root /bin/echo "100% done" >> /var/log/x\n', errors: [{ line: 1, message: /column 15/ }] },
    { name: 'one escaped, one not', text: '0 3 * * * root /bin/echo \\%a %b\n', errors: [{ line: 1, message: /column 15/ }] },
    { name: 'an escaped backslash does not escape the %', text: '0 3 * * * root /usr/bin/printf "a\\\\%s"\n', errors: [{ line: 1, message: /column 21/ }] },
    { name: 'in a user crontab', path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * mysql -e "select 1 like \'a%\'" db\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { name: 'escaped', text: '0 3 * * * root /bin/tar czf /b/etc-$(date +\\%F).tgz /etc\n' },
    { name: 'deliberate stdin for mail', text: '0 3 * * * root /usr/bin/mail -s "report" root%Disks are fine.%\n' },
    { name: 'deliberate stdin for a shell', text: '0 3 * * * root /bin/sh%echo hi%\n' },
    { name: 'no % at all', text: '0 3 * * * root /usr/local/bin/backup >/dev/null 2>&1\n' },
    { name: 'escaped backslash then escaped %', text: '0 3 * * * root /usr/bin/printf "a\\\\\\%s"\n' },
  ],
});

describe('unescapedPercents', () => {
  it('skips what a backslash escapes, as cron does', () => {
    expect(unescapedPercents('a % \\% \\\\% %')).toEqual([2, 9, 11]);
  });
});
