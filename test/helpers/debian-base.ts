// A small, realistic stock Debian 12 host: the accounts, groups, shadow states, programs and cron
// directories a fresh install with cron has. Tests add their own crontabs on top:
//   memoryHost({ ...debianBase(), '/etc/cron.d/backup': '…' })
// Deliberately absent: /usr/sbin/sendmail (no MTA by default) and any crontab; add them per test.

import type { TreeNode, TreeSpec } from '../../src/host/tree-spec.js';

export const CRONTAB_GID = 102;

export const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
postgres:x:106:113:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
bob:x:1001:1001:Bob,,,:/home/bob:/bin/bash
`;

export const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
shadow:x:42:
sudo:x:27:alice
www-data:x:33:
backup:x:34:
users:x:100:
crontab:x:${CRONTAB_GID}:
ssl-cert:x:112:postgres
postgres:x:113:
nogroup:x:65534:
alice:x:1000:
bob:x:1001:
`;

// Hashes are placeholders with the yescrypt prefix Debian 12 uses; only their state matters.
export const DEBIAN_SHADOW = `root:*:19700:0:99999:7:::
daemon:*:19700:0:99999:7:::
bin:*:19700:0:99999:7:::
sys:*:19700:0:99999:7:::
www-data:*:19700:0:99999:7:::
backup:*:19700:0:99999:7:::
nobody:*:19700:0:99999:7:::
postgres:!:19700::::::
alice:$y$j9T$placeholdersalt$placeholderhash:19700:0:99999:7:::
bob:$y$j9T$placeholdersalt$placeholderhash:19700:0:99999:7:::
`;

/** Debian 12's stock /etc/crontab (from the cron package), for tests that want it. */
export const DEBIAN_ETC_CRONTAB = `# /etc/crontab: system-wide crontab
# Unlike any other crontab you don't have to run the \`crontab'
# command to install the new version when you edit this file
# and files in /etc/cron.d. These files also have username fields,
# that none of the other crontabs do.

SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# .---------------- minute (0 - 59)
# |  .------------- hour (0 - 23)
# |  |  .---------- day of month (1 - 31)
# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...
# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat
# |  |  |  |  |
# *  *  *  *  * user-name command to be executed
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
#
`;

const program: TreeNode = { content: '', mode: 0o755 };
const dir = (mode = 0o755, gid = 0): TreeNode => ({ type: 'dir', mode, gid });

const PROGRAMS = [
  '/bin/sh', '/bin/bash', '/bin/dash',
  '/usr/bin/flock', '/usr/bin/logger', '/usr/bin/timeout', '/usr/bin/curl', '/usr/bin/wget', '/usr/bin/tar',
  '/usr/bin/gzip', '/usr/bin/find', '/usr/bin/php', '/usr/bin/python3', '/usr/bin/rsync', '/usr/bin/test',
  '/usr/bin/run-parts', '/usr/bin/crontab', '/usr/bin/env', '/usr/bin/nice', '/usr/bin/ionice',
  '/bin/true', '/bin/false', '/usr/bin/true', '/usr/bin/false',
  '/usr/sbin/nologin', '/usr/sbin/cron',
];

export function debianBase(): TreeSpec {
  const spec: TreeSpec = {
    '/etc/passwd': DEBIAN_PASSWD,
    '/etc/group': DEBIAN_GROUP,
    '/etc/shadow': { content: DEBIAN_SHADOW, mode: 0o640, gid: 42 },
    '/etc/timezone': 'UTC\n',
    '/etc/cron.d': dir(),
    '/etc/cron.hourly': dir(),
    '/etc/cron.daily': dir(),
    '/etc/cron.weekly': dir(),
    '/etc/cron.monthly': dir(),
    '/var/spool/cron/crontabs': dir(0o1730, CRONTAB_GID),
    '/tmp': dir(0o1777),
    '/root': dir(0o700),
    '/home/alice': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 },
    '/home/bob': { type: 'dir', mode: 0o755, uid: 1001, gid: 1001 },
  };
  for (const path of PROGRAMS) spec[path] = { ...program };
  return spec;
}
