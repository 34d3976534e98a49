import { missingTarget } from '../../src/rules/missing-target.js';
import { testRule } from '../helpers/rule-tester.js';

const script = (mode = 0o755) => ({ content: '#!/bin/sh\n', mode });

testRule(missingTarget, {
  invalid: [
    { name: 'absolute path missing', text: '0 3 * * * root /usr/local/bin/backup.sh\n', errors: [{ line: 1, severity: 'high', message: '/usr/local/bin/backup.sh does not exist' }] },
    { name: 'interpreter script missing', text: '0 3 * * * root /usr/bin/php /var/www/app/artisan schedule:run\n', errors: [{ message: '/var/www/app/artisan does not exist' }] },
    { name: 'not executable', text: '0 3 * * * root /usr/local/bin/report.sh\n', files: { '/usr/local/bin/report.sh': script(0o644) }, errors: [{ message: 'not executable (0644)' }] },
    { name: 'name not on PATH', text: '0 3 * * * root certbot renew\n', errors: [{ message: 'certbot is not found on the job\'s PATH (/usr/bin:/bin)' }] },
    { name: 'relative script after cd', text: '0 3 * * * root cd /opt/app && ./run.sh\n', errors: [{ message: '/opt/app/run.sh does not exist' }] },
    { name: 'relative script starts in HOME', path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * ./bin/sync.sh\n', errors: [{ message: '/home/alice/bin/sync.sh' }] },
    {
      name: 'packaged line whose program is gone: low',
      path: '/etc/cron.d/e2scrub_all',
      text: '10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r\n',
      errors: [{ severity: 'low', message: 'e2fsprogs' }],
    },
    { name: 'called before it is defined', text: '0 3 * * * root f; f() { :; }\n', errors: [{ message: "f is not found on the job's PATH" }] },
    { name: 'defined in a subshell, called outside it', text: '0 3 * * * root (f() { :; }); f\n', errors: [{ message: "f is not found on the job's PATH" }] },
    { name: 'defined in a pipeline element (a subshell)', text: '0 3 * * * root f() { :; } | :; f\n', errors: [{ message: "f is not found on the job's PATH" }] },
    { name: 'defined in the background', text: '0 3 * * * root f() { :; } & f\n', errors: [{ message: "f is not found on the job's PATH" }] },
    { name: 'a wrapper runs the program, not the function', text: '0 3 * * * root f() { :; }; /usr/bin/nice f\n', errors: [{ message: "f is not found on the job's PATH" }] },
  ],
  valid: [
    { name: 'present and executable', text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': script() } },
    { name: 'guarded with [ -x ]', text: '0 3 * * * root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n' },
    { name: 'guarded with command -v', text: '0 3 * * * root command -v debian-sa1 > /dev/null && debian-sa1 1 1\n' },
    { name: 'builtins', text: '0 3 * * * root cd / && test -d /x || echo none > /dev/null\n' },
    { name: 'unknown working directory', text: '0 3 * * * root cd "$APP_DIR" && ./run.sh\n' },
    { name: 'found on the PATH line', text: 'PATH=/usr/local/bin:/usr/bin:/bin\n0 3 * * * root backup.sh\n', files: { '/usr/local/bin/backup.sh': script() } },
    { name: 'wrapped commands resolve too', text: '0 3 * * * root /usr/bin/nice -n 10 /usr/bin/timeout 60 /usr/bin/flock -n /run/lock/x /usr/bin/env LC_ALL=C tar czf /x /etc\n' },
    {
      name: 'a run-parts script without exec bit is not-loaded’s (run-parts skips it)',
      path: '/etc/cron.daily/report',
      text: '#!/bin/sh\n',
      files: { '/etc/cron.daily/report': { content: '#!/bin/sh\n', mode: 0o644 } },
    },
    { name: 'a script given to an interpreter needs no exec bit', text: '0 3 * * * root /bin/sh /opt/job.sh\n', files: { '/opt/job.sh': script(0o644) } },
    { name: 'a shell function defined earlier is not a program', text: '0 3 * * * root f() { echo hi; }; f\n' },
    { name: 'a function called with redirects', text: '0 3 * * * root backup() { /usr/bin/tar czf /x /etc; }; backup >/dev/null\n' },
    { name: 'dash takes a simple command as a function body', text: '0 3 * * * root f() echo hi; f\n' },
    { name: 'bash `function` keyword', text: 'SHELL=/bin/bash\n0 3 * * * root function f { echo hi; }; f\n' },
    { name: 'a function calling one defined after it', text: '0 3 * * * root f() { g; }; g() { :; }; f\n' },
  ],
});
