import { insecurePath } from '../../src/rules/insecure-path.js';
import { DEBIAN_ETC_CRONTAB } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root tar czf /var/backups/etc.tgz /etc\n';

testRule(insecurePath, {
  invalid: [
    { name: 'dot entry', text: `PATH=.:/usr/bin:/bin\n${JOB}`, errors: [{ line: 1, severity: 'high', message: '"."' }] },
    { name: 'trailing colon = empty entry', text: `PATH=/usr/bin:/bin:\n${JOB}`, errors: [{ line: 1, message: '(empty)' }] },
    { name: '/tmp entry', text: `PATH=/tmp/bin:/usr/bin:/bin\n${JOB}`, errors: [{ line: 1, message: 'temporary' }] },
    {
      name: 'entry writable by a group with members',
      text: `PATH=/opt/tools:/usr/bin:/bin\n${JOB}`,
      files: { '/opt/tools': { type: 'dir', mode: 0o775, gid: 27 } },
      errors: [{ line: 1, message: 'writable by group sudo' }],
    },
    { name: 'cron does not expand $PATH', text: `PATH=$PATH:/usr/local/bin\n${JOB}`, errors: [{ line: 1, message: '"$PATH"' }] },
    {
      name: 'inline PATH with a writable directory',
      text: '0 3 * * * root PATH=/opt/tools/bin:$PATH tar czf /var/backups/etc.tgz /etc\n',
      files: { '/opt/tools/bin': { type: 'dir', mode: 0o777 } },
      errors: [{ line: 1, message: 'the command sets an unsafe PATH' }],
    },
    {
      name: 'a missing entry whose parent others can write',
      text: `PATH=/srv/drop/bin:/usr/bin:/bin\n${JOB}`,
      files: { '/srv/drop': { type: 'dir', mode: 0o777 } },
      errors: [{ line: 1, message: '/srv/drop is writable by everyone' }],
    },
  ],
  valid: [
    { name: 'standard PATH', text: `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n${JOB}` },
    { name: 'stock /etc/crontab', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB },
    { name: 'entries that do not exist under root-owned parents', text: `PATH=/opt/app/bin:/usr/bin:/bin\n${JOB}` },
    {
      name: "alice's own bin on alice's PATH",
      path: '/var/spool/cron/crontabs/alice',
      text: 'PATH=/home/alice/bin:/usr/bin:/bin\n0 3 * * * backup.sh\n',
      files: { '/home/alice/bin': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 } },
    },
    { name: 'no PATH line at all (no-path’s concern)', text: JOB },
    { name: 'inline PATH extended with a root-owned directory', text: '0 3 * * * root PATH=/usr/local/bin:$PATH tar czf /var/backups/etc.tgz /etc\n' },
  ],
});
