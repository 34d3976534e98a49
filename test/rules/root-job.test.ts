import { createHash } from 'node:crypto';
import { rootJob } from '../../src/rules/root-job.js';
import { DEBIAN_ETC_CRONTAB, DEBIAN_PASSWD } from '../helpers/debian-base.js';
import { describe, expect, it } from 'vitest';
import { findingData } from '../../src/rules/engine.js';
import { runRule, testRule } from '../helpers/rule-tester.js';

const ANACRONTAB = 'SHELL=/bin/sh\nHOME=/root\nLOGNAME=root\n1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n@monthly\t15\tcron.monthly\tnice run-parts --report /etc/cron.monthly\n';
const VENDOR = '*/5 * * * * root /usr/bin/true\n';
const PHP = '09,39 *     * * *     root   [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi\n';

testRule(rootJob, {
  invalid: [
    { name: 'system file user field root', text: '30 2 * * * root /usr/bin/php /var/www/app/artisan schedule:run\n', errors: [{ line: 1, severity: 'medium', message: 'the user field' }] },
    { name: "root's own crontab", path: '/var/spool/cron/crontabs/root', text: '0 4 * * * /usr/bin/find /tmp -mtime +7 -delete\n', errors: [{ line: 1, message: "root's crontab" }] },
    {
      name: 'an admin line added to the stock /etc/crontab',
      path: '/etc/crontab',
      text: `${DEBIAN_ETC_CRONTAB}0 5 * * * root /usr/local/bin/backup.sh\n`,
      errors: [{ line: 23, severity: 'medium' }],
    },
    {
      name: 'a run-parts script the admin wrote',
      path: '/etc/cron.daily/backup-etc',
      text: '#!/bin/sh\ntar czf /var/backups/etc.tgz /etc\n',
      files: { '/etc/cron.daily/backup-etc': { content: '#!/bin/sh\ntar czf /var/backups/etc.tgz /etc\n', mode: 0o755 } },
      errors: [{ message: 'run-parts runs it as root' }],
    },
    {
      name: 'a cron.d file dpkg says is unmodified: info',
      path: '/etc/cron.d/vendor',
      text: VENDOR,
      files: {
        '/var/lib/dpkg/status': `Package: vendor-agent\nStatus: install ok installed\nConffiles:\n /etc/cron.d/vendor ${createHash('md5').update(VENDOR).digest('hex')}\n`,
        '/var/lib/dpkg/info': { type: 'dir' },
      },
      errors: [{ severity: 'info', message: 'package-managed by vendor-agent' }],
    },
    {
      name: 'the same file edited by the admin is theirs',
      path: '/etc/cron.d/vendor',
      text: `${VENDOR}0 4 * * * root /usr/bin/true\n`,
      files: {
        '/var/lib/dpkg/status': `Package: vendor-agent\nStatus: install ok installed\nConffiles:\n /etc/cron.d/vendor ${createHash('md5').update(VENDOR).digest('hex')}\n`,
        '/var/lib/dpkg/info': { type: 'dir' },
      },
      errors: [{ line: 1, severity: 'medium' }, { line: 2, severity: 'medium' }],
    },
    {
      name: 'a second uid-0 account is root too',
      text: '0 3 * * * toor /usr/bin/true\n',
      files: { '/etc/passwd': `${DEBIAN_PASSWD}toor:x:0:0:root:/root:/bin/bash\n` },
      errors: [{ severity: 'medium', message: 'toor has uid 0' }],
    },
    { name: 'stock php line: info, not medium', path: '/etc/cron.d/php', text: PHP, errors: [{ severity: 'info', message: 'php-common' }] },
  ],
  valid: [
    { name: 'dedicated user', text: '30 2 * * * www-data /usr/bin/php /var/www/app/artisan schedule:run\n' },
    { name: "a user's crontab", path: '/var/spool/cron/crontabs/alice', text: '0 4 * * * /usr/bin/find /home/alice/tmp -delete\n' },
    { name: 'stock /etc/crontab run-parts lines', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB },
    { name: 'stock anacrontab', path: '/etc/anacrontab', text: ANACRONTAB },
    {
      name: "anacron's cron.d hook",
      path: '/etc/cron.d/anacron',
      text: 'SHELL=/bin/sh\n30 7-23 * * *   root\t[ -x /etc/init.d/anacron ] && if [ ! -d /run/systemd/system ]; then /usr/sbin/invoke-rc.d anacron start >/dev/null; fi\n',
    },
    {
      name: 'anacron 0anacron script',
      path: '/etc/cron.daily/0anacron',
      text: '#!/bin/sh\ntest -x /usr/sbin/anacron || exit 0\nanacron -u cron.daily\n',
      files: { '/etc/cron.daily/0anacron': { content: '#!/bin/sh\ntest -x /usr/sbin/anacron || exit 0\nanacron -u cron.daily\n', mode: 0o755 } },
    },
  ],
});

describe('root-job data for the planner', () => {
  it('names the package of a packaged job, so it is not moved', () => {
    const [finding] = runRule(rootJob, { path: '/etc/cron.d/php', text: PHP });
    expect(findingData(finding!)).toMatchObject({ user: 'root', package: 'php-common', targets: ['/usr/lib/php/sessionclean'] });
  });

  it('lists what an admin job runs, and no package', () => {
    const [finding] = runRule(rootJob, { text: '0 3 * * * root /usr/bin/php /var/www/app/artisan\n' });
    const data = findingData(finding!);
    expect(data).toMatchObject({ user: 'root', targets: ['/usr/bin/php', '/var/www/app/artisan'] });
    expect(data).not.toHaveProperty('package');
  });
});
