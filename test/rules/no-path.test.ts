import { noPath } from '../../src/rules/no-path.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(noPath, {
  invalid: [
    { name: 'relative command, no PATH line', text: '0 3 * * * root tar czf /var/backups/etc.tgz /etc\n', errors: [{ line: 1, severity: 'low', message: 'PATH=/usr/bin:/bin' }] },
    {
      name: 'one finding per file, at the first job',
      text: '0 3 * * * root /usr/bin/true\n0 4 * * * root gzip -9 /var/log/x\n0 5 * * * root find /tmp -delete\n',
      errors: [{ line: 2, message: '2 jobs' }],
    },
    { name: 'user crontab', path: '/var/spool/cron/crontabs/alice', text: '0 3 * * * python3 /home/alice/job.py\n', errors: [{ line: 1 }] },
    { name: 'PATH line below the job does not count', text: '0 3 * * * root tar czf /x.tgz /etc\nPATH=/usr/bin:/bin\n', errors: [{ line: 1 }] },
  ],
  valid: [
    { name: 'PATH line', text: 'PATH=/usr/sbin:/usr/bin:/sbin:/bin\n0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
    { name: 'absolute paths only', text: '0 3 * * * root /usr/bin/tar czf /var/backups/etc.tgz /etc\n' },
    { name: 'builtins only', text: '0 3 * * * root cd /tmp && test -d x && echo ok > /dev/null\n' },
    { name: 'the command sets PATH itself', text: '0 3 * * * root PATH=/usr/bin:/bin tar czf /x.tgz /etc\n' },
    {
      name: 'stock sysstat file has a PATH line',
      path: '/etc/cron.d/sysstat',
      text: 'PATH=/usr/lib/sysstat:/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin\n5-55/10 * * * * root command -v debian-sa1 > /dev/null && debian-sa1 1 1\n',
    },
  ],
});
