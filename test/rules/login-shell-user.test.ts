import { loginShellUser } from '../../src/rules/login-shell-user.js';
import { DEBIAN_PASSWD, DEBIAN_SHADOW } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(loginShellUser, {
  invalid: [
    { name: 'service account with bash', text: '0 3 * * * postgres /usr/bin/true\n', errors: [{ line: 1, severity: 'medium', message: 'service account postgres runs cron jobs and has login shell /bin/bash' }] },
    { name: "a person's account: low", path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * /usr/bin/true\n', errors: [{ severity: 'low', message: "alice (a person's account, uid 1000) runs cron jobs" }] },
    {
      name: 'empty password: high',
      text: '0 3 * * * backup /usr/bin/true\n',
      files: { '/etc/shadow': { content: DEBIAN_SHADOW.replace('backup:*:', 'backup::'), mode: 0o640, gid: 42 } },
      errors: [{ severity: 'high', message: 'EMPTY password' }],
    },
    {
      name: 'one finding per user, at its first job',
      text: '0 3 * * * postgres /usr/bin/true\n0 4 * * * postgres /usr/bin/true\n',
      errors: [{ line: 1 }],
    },
  ],
  valid: [
    { name: 'nologin, locked', text: '0 3 * * * www-data /usr/bin/true\n' },
    { name: 'root is root-job’s', text: '0 3 * * * root /usr/bin/true\n' },
    { name: 'unknown user is unknown-user’s', text: '0 3 * * * ghost /usr/bin/true\n' },
    {
      name: '/bin/false shell with a locked password',
      text: '0 3 * * * postgres /usr/bin/true\n',
      files: { '/etc/passwd': DEBIAN_PASSWD.replace('/var/lib/postgresql:/bin/bash', '/var/lib/postgresql:/bin/false') },
    },
  ],
});
