// root-job: the job moves to its own cron.d file under a new system user; the script stays root's
// with group read/execute; the files it visibly writes go to the user; the rest is for a human.

import { describe, expect, it } from 'vitest';
import { newText, planFor, steps } from './helpers/plan-for.js';

const host = {
  '/etc/cron.d/backup': 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\nMAILTO=ops@example.com\n30 2 * * * root /usr/local/bin/backup.sh --full >>/var/log/backup.log 2>&1\n0 4 * * * root /usr/bin/true\n',
  '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o700 },
  '/var/log/backup.log': { content: '', mode: 0o640, gid: 4 },
};

describe('root-job', () => {
  it('creates the user, moves the job, shares the script through the group, hands over the log', () => {
    const { plan, host: h } = planFor(host, { jobs: ['etc-cron.d-backup:4'], rules: ['root-job'] });
    expect(steps(plan, h)).toEqual([
      'create system user cw-backup (group cw-backup, home /nonexistent, shell /usr/sbin/nologin, password locked)',
      'chown cw-backup:cw-backup /var/log/backup.log (now root:adm)',
      'chown root:cw-backup /usr/local/bin/backup.sh (now root:root)',
      'chmod 0750 /usr/local/bin/backup.sh (now 0700)',
      'write /etc/cron.d/cronwarden-backup',
      'write /etc/cron.d/backup',
    ]);
    expect(newText(plan, '/etc/cron.d/cronwarden-backup')).toBe(
      '# Jobs cronwarden moved here to run as cw-backup instead of root; `cronwarden rollback` puts them back.\n' +
        'SHELL=/bin/sh\nPATH=/usr/bin:/bin\nMAILTO=ops@example.com\nHOME=/\n' +
        '# from /etc/cron.d/backup line 4\n' +
        '30 2 * * * cw-backup /usr/local/bin/backup.sh --full >>/var/log/backup.log 2>&1\n',
    );
    expect(newText(plan, '/etc/cron.d/backup')).toBe(
      'SHELL=/bin/sh\nPATH=/usr/bin:/bin\nMAILTO=ops@example.com\n# moved by cronwarden to /etc/cron.d/cronwarden-backup (runs as cw-backup instead of root)\n0 4 * * * root /usr/bin/true\n',
    );
    expect(plan.checkByHand).toEqual([expect.stringMatching(/^etc-cron\.d-backup:4 now runs as cw-backup: check what \/usr\/local\/bin\/backup\.sh reads and writes/)]);
  });

  it('takes --user-prefix, avoids names in use, and composes with the job line fixes (no-lock here)', () => {
    const taken = {
      ...host,
      '/etc/passwd': `${'root:x:0:0:root:/root:/bin/bash\n'}svc-backup:x:900:900::/nonexistent:/usr/sbin/nologin\n`,
      '/etc/group': 'root:x:0:\nadm:x:4:\nsvc-backup:x:900:\ncrontab:x:102:\n',
    };
    const { plan } = planFor(taken, { jobs: ['etc-cron.d-backup:4'], rules: ['root-job', 'no-lock', 'output-discarded'], userPrefix: 'svc-' });
    expect(plan.operations[0]).toMatchObject({ op: 'create-user', name: 'svc-backup-2', group: 'svc-backup-2' });
    expect(newText(plan, '/etc/cron.d/cronwarden-backup-2')).toContain(
      '30 2 * * * svc-backup-2 /usr/bin/flock -n /run/lock/cronwarden-backup.lock /usr/local/bin/backup.sh --full >>/var/log/backup.log 2>&1\n',
    );
  });

  it('a path the line writes that cannot be worked out goes to check-by-hand', () => {
    const { plan } = planFor(
      { '/etc/cron.d/dump': '0 1 * * * root /usr/bin/tar czf - /srv >"$DEST/srv.tgz"\n' },
      { rules: ['root-job'] },
    );
    expect(plan.checkByHand).toContainEqual(expect.stringMatching(/writes to "\$DEST\/srv\.tgz", which cronwarden cannot work out/));
  });

  it('a job that needs HOME gets one under /var/lib', () => {
    const { plan, host: h } = planFor(
      { '/etc/cron.d/notes': '0 1 * * * root /usr/bin/tar czf $HOME/notes.tgz /srv/notes\n', '/var/lib': { type: 'dir' } },
      { rules: ['root-job'] },
    );
    expect(steps(plan, h).slice(0, 2)).toEqual([
      'create system user cw-notes (group cw-notes, home /var/lib/cw-notes, shell /usr/sbin/nologin, password locked)',
      'mkdir /var/lib/cw-notes (0750 cw-notes:cw-notes)',
    ]);
  });

  it('jobs of one family share a user and a file; each keeps its own lock', () => {
    const { plan } = planFor(
      {
        '/etc/cron.d/monitoring':
          'PATH=/usr/bin:/bin\n*/5 * * * * root /usr/local/lib/check disk\n*/5 * * * * root /usr/local/lib/check load\n',
        '/usr/local/lib/check': { content: '#!/bin/sh\n', mode: 0o755 },
      },
      { rules: ['root-job', 'no-lock'] },
    );
    expect(plan.operations.filter((o) => o.op === 'create-user')).toHaveLength(1);
    expect(newText(plan, '/etc/cron.d/cronwarden-check')).toBe(
      '# Jobs cronwarden moved here to run as cw-check instead of root; `cronwarden rollback` puts them back.\nPATH=/usr/bin:/bin\nMAILTO=root\nHOME=/\n' +
        '# from /etc/cron.d/monitoring line 2\n*/5 * * * * cw-check /usr/bin/flock -n /run/lock/cronwarden-check.lock /usr/local/lib/check disk\n' +
        '# from /etc/cron.d/monitoring line 3\n*/5 * * * * cw-check /usr/bin/flock -n /run/lock/cronwarden-check-2.lock /usr/local/lib/check load\n',
    );
  });

  it("root's own crontab: the job leaves it through crontab -u root", () => {
    const { plan } = planFor(
      { '/var/spool/cron/crontabs/root': { content: '0 5 * * * /usr/bin/find /var/tmp -mtime +7 -delete\n', mode: 0o600, gid: 102 } },
      { rules: ['root-job'] },
    );
    expect(plan.operations.find((o) => o.op === 'install-user-crontab')).toMatchObject({ user: 'root', path: '/var/spool/cron/crontabs/root' });
    expect(newText(plan, '/etc/cron.d/cronwarden-find')).toContain('0 5 * * * cw-find /usr/bin/find /var/tmp -mtime +7 -delete\n');
  });
});
