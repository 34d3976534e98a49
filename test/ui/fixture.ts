// The small host the per-screen frame tests render: a root backup job that throws its output away,
// a user job that runs every minute of 3 a.m. by mistake, and a cron.d file cron ignores for its
// dotted name; no /etc/cron.allow (a host-wide finding). Scanned with a fixed rule list so the
// golden frames hold as the catalogue grows.

import type { TreeSpec } from '../../src/host/tree-spec.js';
import { CRONTAB_GID } from '../helpers/debian-base.js';

export const FIXTURE: TreeSpec = {
  '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 },
  '/etc/cron.d/backup':
    'SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n30 2 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1\n0 5 * * 1 backup /usr/bin/find /var/backups -mtime +30 -delete\n',
  '/etc/cron.d/report.disabled': '0 6 * * * root /usr/bin/php /srv/report.php\n',
  '/var/spool/cron/crontabs/alice': { content: '* 3 * * * /usr/bin/python3 /home/alice/sync.py\n', mode: 0o600, uid: 1000, gid: CRONTAB_GID },
};

export const FIXTURE_RULES = ['cron-allow-missing', 'every-minute-by-mistake', 'no-lock', 'not-loaded', 'output-discarded', 'root-job'];
