import { notLoaded } from '../../src/rules/not-loaded.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';

testRule(notLoaded, {
  invalid: [
    { name: 'dotted cron.d name', path: '/etc/cron.d/backup.disabled', text: JOB, errors: [{ path: '/etc/cron.d/backup.disabled', message: 'silencing 1 job' }] },
    { name: 'group-writable', text: JOB, files: { '/etc/cron.d/example': { content: JOB, mode: 0o664 } }, errors: [{ message: /writable/i }] },
    { name: 'not owned by root', text: JOB, files: { '/etc/cron.d/example': { content: JOB, uid: 1000 } }, errors: [{}] },
    { name: 'one bad line silences its neighbours', text: `${JOB}${JOB}61 * * * * root /bin/true\n`, errors: [{ line: 3, message: 'silencing 2 jobs' }] },
    { name: 'missing final newline', text: '0 3 * * * root /usr/bin/true', errors: [{ line: 1 }] },
    { name: 'user crontab not 0600', path: '/var/spool/cron/crontabs/alice', text: JOB.replace(' root', ''), files: { '/var/spool/cron/crontabs/alice': { content: '0 3 * * * /bin/true\n', mode: 0o644, uid: 1000, gid: 102 } }, errors: [{}] },
  ],
  valid: [
    { path: '/etc/cron.d/backup', text: JOB },
    { path: '/etc/cron.d/php_sessions-2', text: JOB },
    { path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n' },
    { name: 'cron.allow is not a crontab', path: '/etc/cron.allow', text: 'root\n' },
  ],
});
