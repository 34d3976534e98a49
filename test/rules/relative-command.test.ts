import { relativeCommand } from '../../src/rules/relative-command.js';
import { DEBIAN_ETC_CRONTAB } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(relativeCommand, {
  invalid: [
    { name: 'tar by name', text: '0 3 * * * root tar czf /var/backups/etc.tgz /etc\n', errors: [{ line: 1, severity: 'medium', message: 'tar (/usr/bin/tar)' }] },
    { name: 'after cd', text: '0 3 * * * root cd /var/www && php artisan schedule:run\n', errors: [{ message: 'php (/usr/bin/php)' }] },
    { name: 'not on PATH', text: '0 3 * * * root backup-tool --all\n', errors: [{ message: 'backup-tool (not found on PATH)' }] },
    { name: 'each side of a pipe', text: '0 3 * * * root find /var/log -name "*.gz" | gzip -c > /dev/null\n', errors: [{ message: /find .*gzip/ }] },
    { name: 'stock /etc/crontab run-parts: info', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB, errors: [1, 2, 3, 4].map(() => ({ severity: 'info' as const, message: "cron's own stock line" })) },
  ],
  valid: [
    { name: 'absolute', text: '0 3 * * * root /usr/bin/tar czf /var/backups/etc.tgz /etc\n' },
    { name: 'builtins: cd, test, [, echo', text: '0 3 * * * root cd /tmp && test -d x && [ -f y ] && echo ok > /dev/null\n' },
    { name: 'relative path with a slash is not a PATH lookup', text: '0 3 * * * root cd /opt/app && ./run.sh\n' },
    { name: 'computed command name', text: '0 3 * * * root $HOME/bin/job\n' },
    { name: 'quoted http in echo is not a command', text: '0 3 * * * root /usr/bin/logger "see http://example.com"\n' },
    { name: 'calls of a function defined in the job', text: '0 3 * * * root backup() { /usr/bin/tar czf /x /etc; }; backup >/dev/null 2>&1\n' },
    { name: 'a function may shadow a program', text: '0 3 * * * root tar() { /usr/bin/tar "$@"; }; { tar czf /x /etc; }\n' },
  ],
});
