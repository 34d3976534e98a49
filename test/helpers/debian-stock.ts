// Debian 12's own cron files, exactly as the packages ship them: no rule may read them as the
// admin's mistakes (issue 4). Shared by the facts tests and the all-rules test.

import type { TreeSpec } from '../../src/host/tree-spec.js';
import { DEBIAN_ETC_CRONTAB } from './debian-base.js';

const exe = (content = ''): { content: string; mode: number } => ({ content, mode: 0o755 });

/** As e2fsprogs, php-common, sysstat, anacron, apt, dpkg, logrotate and man-db ship them (Debian 12). */
export const STOCK: TreeSpec = {
  '/etc/crontab': DEBIAN_ETC_CRONTAB,
  '/etc/cron.d/e2scrub_all':
    '30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron\n' +
    '10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r\n',
  '/etc/cron.d/php':
    '# Look for and purge old sessions every 30 minutes\n' +
    '09,39 *     * * *     root   [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi\n',
  '/etc/cron.d/sysstat':
    '# The first element of the path is a directory where the debian-sa1\n# script is located\n' +
    'PATH=/usr/lib/sysstat:/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin\n\n' +
    '# Activity reports every 10 minutes everyday\n5-55/10 * * * * root command -v debian-sa1 > /dev/null && debian-sa1 1 1\n\n' +
    '# Additional run at 23:59 to rotate the statistics file\n59 23 * * * root command -v debian-sa1 > /dev/null && debian-sa1 60 2\n',
  '/etc/cron.d/anacron':
    'SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n' +
    '30 7-23 * * *   root\t[ -x /etc/init.d/anacron ] && if [ ! -d /run/systemd/system ]; then /usr/sbin/invoke-rc.d anacron start >/dev/null; fi\n',
  '/etc/anacrontab':
    'SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\nHOME=/root\nLOGNAME=root\n' +
    '1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n7\t10\tcron.weekly\trun-parts --report /etc/cron.weekly\n' +
    '@monthly\t15\tcron.monthly\trun-parts --report /etc/cron.monthly\n',
  '/etc/cron.daily/0anacron': exe('#!/bin/sh\ntest -x /usr/sbin/anacron || exit 0\nanacron -u cron.daily\n'),
  '/etc/cron.daily/apt-compat': exe('#!/bin/sh\nset -e\nexec /usr/lib/apt/apt.systemd.daily\n'),
  '/etc/cron.daily/dpkg': exe('#!/bin/sh\nif [ -d /run/systemd/system ]; then\n  exit 0\nfi\n/usr/libexec/dpkg/dpkg-db-backup\n'),
  '/etc/cron.daily/logrotate': exe('#!/bin/sh\n/usr/sbin/logrotate /etc/logrotate.conf\n'),
  '/etc/cron.daily/man-db': exe('#!/bin/sh\nexit 0\n'),
  '/etc/cron.weekly/man-db': exe('#!/bin/sh\nexit 0\n'),
  '/usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron': exe(),
  '/sbin/e2scrub_all': exe(),
  '/usr/lib/php/sessionclean': exe(),
  '/usr/lib/sysstat/debian-sa1': exe(),
  '/usr/sbin/anacron': exe(),
  '/usr/sbin/invoke-rc.d': exe(),
  '/usr/bin/apt-get': exe(),
};

