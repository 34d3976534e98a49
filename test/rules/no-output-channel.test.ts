import { noOutputChannel } from '../../src/rules/no-output-channel.js';
import { testRule } from '../helpers/rule-tester.js';

const MTA = { '/usr/sbin/sendmail': { content: '', mode: 0o755 } };

testRule(noOutputChannel, {
  invalid: [
    { text: '0 3 * * * root /usr/local/bin/backup.sh\n', errors: [{ line: 1, message: 'mail transfer agent' }] },
    { text: 'MAILTO=""\n0 3 * * * root /usr/local/bin/backup.sh\n', files: MTA, errors: [{ line: 2, message: 'MAILTO' }] },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/var/log/b.log\n', name: 'stderr still unhandled', errors: [{ line: 1 }] },
    { path: '/var/spool/cron/crontabs/alice', text: '*/10 * * * * /usr/bin/true\n', errors: [{ line: 1 }] },
    { name: 'a subshell piped into logger keeps its stderr', text: '0 3 * * * root ( /usr/local/bin/a; /usr/local/bin/b ) | /usr/bin/logger -t x\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: MTA },
    { text: '0 3 * * * root /usr/local/bin/backup.sh 2>&1 | /usr/bin/logger -t backup\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >>/var/log/backup.log 2>&1\n' },
    { text: '0 3 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1\n', name: 'output-discarded reports that' },
    { text: '0 3 * * * root ( /usr/local/bin/a; /usr/local/bin/b ) 2>&1 | /usr/bin/logger -t x\n', name: 'a subshell piped into logger' },
    { text: '0 3 * * * root { /usr/local/bin/a || echo failed; } 2>&1 | /usr/bin/mail -s x root\n', name: 'a group piped into mail' },
    { text: "0 3 * * * root /bin/sh -c '/usr/local/bin/a; /usr/local/bin/b' 2>&1 | /usr/bin/logger -t x\n", name: 'a sh -c script piped into logger' },
    { text: '0 3 * * * root backup() { /usr/bin/tar czf /x /etc; }; backup 2>&1 | /usr/bin/logger -t backup\n', name: 'a function’s output goes where the call’s goes' },
  ],
});
