// One table per fix: a small host, the rule selected, and the exact text and operations planned.

import { describe, expect, it } from 'vitest';
import { parseCrontab } from '../../src/core/crontab.js';
import { timeoutFor } from '../../src/plan/fixes/wrap.js';
import { CRONTAB_GID } from '../helpers/debian-base.js';
import { newText, planFor, steps } from './helpers/plan-for.js';

const script = (mode = 0o755, uid = 0, gid = 0) => ({ content: '#!/bin/sh\n', mode, uid, gid });

describe('job line fixes', () => {
  it('relative-command: each command word gets the path it runs today', () => {
    const { plan } = planFor({ '/etc/cron.d/sync': '0 * * * * root curl -fsS https://example.com/x | gzip >/var/tmp/x.gz\n' }, { rules: ['relative-command'] });
    expect(newText(plan, '/etc/cron.d/sync')).toBe('0 * * * * root /usr/bin/curl -fsS https://example.com/x | /usr/bin/gzip >/var/tmp/x.gz\n');
  });

  it('relative-command: a word found nowhere on PATH is not fixed, and says why', () => {
    const { plan } = planFor({ '/etc/cron.d/sync': '0 * * * * root frobnicate --all\n' }, { rules: ['relative-command'] });
    expect(plan.operations).toEqual([]);
    expect(plan.unfixed).toEqual([expect.objectContaining({ rule: 'relative-command', reason: expect.stringMatching(/frobnicate: not found/) })]);
  });

  it('output-discarded: /dev/null redirects go, output and exit status go to syslog', () => {
    const { plan } = planFor({ '/etc/cron.d/app': '*/5 * * * * www-data /usr/bin/php /var/www/cron.php >/dev/null 2>&1\n', '/var/www/cron.php': '<?php\n' }, { rules: ['output-discarded'] });
    expect(newText(plan, '/etc/cron.d/app')).toBe(
      '*/5 * * * * www-data { /usr/bin/php /var/www/cron.php || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-cron\n',
    );
  });

  it('output-discarded without logger: a log file for the job user, rotated', () => {
    const { plan, host } = planFor(
      { '/etc/cron.d/app': '*/5 * * * * www-data /usr/bin/php /var/www/cron.php >/dev/null 2>&1\n', '/var/www/cron.php': '<?php\n', '/var/log': { type: 'dir' }, '/etc/logrotate.d': { type: 'dir' } },
      { rules: ['output-discarded'] },
      ['/usr/bin/logger'],
    );
    expect(newText(plan, '/etc/cron.d/app')).toBe('*/5 * * * * www-data { /usr/bin/php /var/www/cron.php || echo "cronwarden: exit status $?"; } >>/var/log/cronwarden/cron.log 2>&1\n');
    expect(steps(plan, host)).toEqual([
      'mkdir /var/log/cronwarden (0755 root:root)',
      'write /etc/logrotate.d/cronwarden-cron',
      'write /var/log/cronwarden/cron.log',
      'write /etc/cron.d/app',
    ]);
    expect(plan.operations.find((o) => o.op === 'write-file' && o.path === '/var/log/cronwarden/cron.log')).toMatchObject({ owner: 'www-data', group: 'www-data', mode: 0o640 });
    expect(newText(plan, '/etc/logrotate.d/cronwarden-cron')).toContain('create 0640 www-data www-data');
  });

  it('no-output-channel: logging without touching redirects', () => {
    const { plan } = planFor({ '/etc/cron.d/app': 'MAILTO=""\n0 3 * * * root /usr/bin/find /var/cache/app -mtime +7 -delete\n' }, { rules: ['no-output-channel'] });
    expect(newText(plan, '/etc/cron.d/app')).toBe(
      'MAILTO=""\n0 3 * * * root { /usr/bin/find /var/cache/app -mtime +7 -delete || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-app\n',
    );
  });

  it('no-lock: flock -n in front of one command, or around a list through sh -c', () => {
    const { plan } = planFor(
      { '/etc/cron.d/sync': '*/5 * * * * root /usr/bin/rsync -a /srv/a/ /srv/b/\n*/10 * * * * root cd /srv && /usr/bin/tar czf /var/backups/srv.tgz .\n' },
      { rules: ['no-lock'] },
    );
    expect(newText(plan, '/etc/cron.d/sync')).toBe(
      '*/5 * * * * root /usr/bin/flock -n /run/lock/cronwarden-sync.lock /usr/bin/rsync -a /srv/a/ /srv/b/\n' +
        "*/10 * * * * root /usr/bin/flock -n /run/lock/cronwarden-sync-2.lock /bin/sh -c 'cd /srv && /usr/bin/tar czf /var/backups/srv.tgz .'\n",
    );
  });

  it('no-timeout: the shortest interval, in front of the network command only', () => {
    const { plan } = planFor(
      { '/etc/cron.d/ping': '*/15 * * * * root /usr/bin/curl -fsS https://example.com/ping\n0 2 * * * root /usr/bin/curl -fsS https://example.com/a | /usr/bin/gzip >/var/tmp/a.gz\n' },
      { rules: ['no-timeout'] },
    );
    expect(newText(plan, '/etc/cron.d/ping')).toBe(
      '*/15 * * * * root /usr/bin/timeout 15m /usr/bin/curl -fsS https://example.com/ping\n' +
        '0 2 * * * root /usr/bin/timeout 23h /usr/bin/curl -fsS https://example.com/a | /usr/bin/gzip >/var/tmp/a.gz\n',
    );
  });

  it('several fixes on one job compose into one line: logging, lock, timeout, absolute paths', () => {
    const { plan } = planFor(
      { '/etc/cron.d/ping': 'MAILTO=""\n*/5 * * * * www-data curl -fsS https://example.com/ping >/dev/null 2>&1\n' },
      { rules: ['relative-command', 'no-lock', 'no-timeout', 'output-discarded', 'no-output-channel'] },
    );
    expect(newText(plan, '/etc/cron.d/ping')).toBe(
      'MAILTO=""\n*/5 * * * * www-data { /usr/bin/flock -n /run/lock/cronwarden-ping.lock /usr/bin/timeout 5m /usr/bin/curl -fsS https://example.com/ping || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-ping\n',
    );
  });

  it('every-minute-by-mistake (a suggestion): minute 0 only when selected', () => {
    const files = { '/etc/cron.d/report': '* 3 * * * root /usr/bin/find /tmp -delete\n' };
    expect(planFor(files).plan.fixed.some((f) => f.rule === 'every-minute-by-mistake')).toBe(false);
    expect(newText(planFor(files, { rules: ['every-minute-by-mistake'] }).plan, '/etc/cron.d/report')).toBe('0 3 * * * root /usr/bin/find /tmp -delete\n');
  });

  it('hidden-characters: a DOS file loses every carriage return', () => {
    const { plan } = planFor({ '/etc/cron.d/dos': '# from windows\r\n0 3 * * * root /usr/bin/true\r\n' }, { rules: ['hidden-characters'] });
    expect(newText(plan, '/etc/cron.d/dos')).toBe('# from windows\n0 3 * * * root /usr/bin/true\n');
  });

  it('missing-newline', () => {
    const { plan } = planFor({ '/etc/cron.d/x': '# keep\n0 3 * * * root /usr/bin/true' }, { rules: ['missing-newline'] });
    expect(newText(plan, '/etc/cron.d/x')).toBe('# keep\n0 3 * * * root /usr/bin/true\n');
  });

  it('stale-job and duplicate-job (suggestions): the line goes', () => {
    const files = { '/etc/cron.d/x': '# 0 1 * * * root /usr/local/bin/old.sh\n0 3 * * * root /usr/bin/true\n0 3 * * * root /usr/bin/true\n' };
    expect(newText(planFor(files, { rules: ['stale-job', 'duplicate-job'] }).plan, '/etc/cron.d/x')).toBe('0 3 * * * root /usr/bin/true\n');
  });
});

describe('PATH fixes', () => {
  it('insecure-path: the PATH line becomes the safe one, with directories that exist', () => {
    const { plan } = planFor({ '/etc/cron.d/x': 'SHELL=/bin/sh\nPATH=.:/tmp:/usr/bin:/bin\n0 3 * * * root /usr/bin/true\n' }, { rules: ['insecure-path'] });
    expect(newText(plan, '/etc/cron.d/x')).toBe('SHELL=/bin/sh\nPATH=/usr/sbin:/usr/bin:/bin\n0 3 * * * root /usr/bin/true\n');
  });

  it('no-path: a PATH line right above the first job', () => {
    const { plan } = planFor({ '/etc/cron.d/x': '# nightly\nMAILTO=ops\n0 3 * * * root gzip -9 /var/log/app.log\n' }, { rules: ['no-path'] });
    expect(newText(plan, '/etc/cron.d/x')).toBe('# nightly\nMAILTO=ops\nPATH=/usr/sbin:/usr/bin:/bin\n0 3 * * * root gzip -9 /var/log/app.log\n');
  });
});

describe('permission fixes', () => {
  it('writable-target: go-w, and root takes it from another owner', () => {
    const { plan, host } = planFor(
      { '/etc/cron.d/x': '0 3 * * * root /usr/local/bin/job.sh\n', '/usr/local/bin/job.sh': script(0o777, 1000, 1000) },
      { rules: ['writable-target'] },
    );
    expect(steps(plan, host)).toEqual(['chown root:alice /usr/local/bin/job.sh (now alice:alice)', 'chmod 0755 /usr/local/bin/job.sh (now 0777)']);
  });

  it('writable-target-dir: go-w on the directory', () => {
    const { plan, host } = planFor(
      { '/etc/cron.d/x': '0 3 * * * root /opt/app/bin/job.sh\n', '/opt/app/bin': { type: 'dir', mode: 0o777 }, '/opt/app/bin/job.sh': script() },
      { rules: ['writable-target-dir'] },
    );
    expect(steps(plan, host)).toEqual(['chmod 0755 /opt/app/bin (now 0777)']);
  });

  it('cron-file-perms: root:root', () => {
    const { plan, host } = planFor({ '/etc/cron.d/x': { content: '0 3 * * * root /usr/bin/true\n', mode: 0o644, gid: 4 } }, { rules: ['cron-file-perms'] });
    expect(steps(plan, host)).toEqual(['chown root:root /etc/cron.d/x (now root:adm)']);
  });

  it('cron-dir-perms: 0700', () => {
    const { plan, host } = planFor({ '/etc/cron.d/x': '0 3 * * * root /usr/bin/true\n' }, { rules: ['cron-dir-perms'] });
    expect(steps(plan, host)).toContain('chmod 0700 /etc/cron.d (now 0755)');
  });

  it('spool-perms: the crontab belongs to its user, group crontab', () => {
    const { plan, host } = planFor(
      { '/var/spool/cron/crontabs/alice': { content: '0 3 * * * /usr/bin/true\n', mode: 0o600, uid: 0, gid: CRONTAB_GID } },
      { rules: ['spool-perms'] },
    );
    expect(steps(plan, host)).toEqual(['chown alice:crontab /var/spool/cron/crontabs/alice (now root:crontab)']);
  });

  it('cron-allow-missing: root and every user with a crontab, readable by the setgid crontab group', () => {
    const { plan, host } = planFor(
      {
        '/usr/bin/crontab': { content: '', mode: 0o2755, gid: CRONTAB_GID },
        '/var/spool/cron/crontabs/bob': { content: '0 3 * * * /usr/bin/true\n', mode: 0o600, uid: 1001, gid: CRONTAB_GID },
      },
      { rules: ['cron-allow-missing'] },
    );
    expect(steps(plan, host)).toEqual(['write /etc/cron.allow']);
    expect(newText(plan, '/etc/cron.allow')).toBe('root\nbob\n');
    expect(plan.operations[0]).toMatchObject({ mode: 0o640, owner: 'root', group: 'crontab' });
  });
});

describe('not-loaded', () => {
  it('a dotted cron.d name is renamed; a group-writable one gets root:root go-w', () => {
    const { plan, host } = planFor(
      {
        '/etc/cron.d/backup.cron': '0 3 * * * root /usr/bin/true\n',
        '/etc/cron.d/report': { content: '0 4 * * * root /usr/bin/true\n', mode: 0o664, gid: 1000 },
      },
      { rules: ['not-loaded'] },
    );
    expect(steps(plan, host)).toEqual([
      'chown root:root /etc/cron.d/report (now root:alice)',
      'chmod 0644 /etc/cron.d/report (now 0664)',
      'write /etc/cron.d/backup',
      'remove /etc/cron.d/backup.cron',
    ]);
    expect(newText(plan, '/etc/cron.d/backup')).toBe('0 3 * * * root /usr/bin/true\n');
  });

  it('a deliberately disabled copy is not renamed', () => {
    const { plan } = planFor({ '/etc/cron.d/backup.dpkg-old': '0 3 * * * root /usr/bin/true\n' }, { rules: ['not-loaded'] });
    expect(plan.operations).toEqual([]);
    expect(plan.unfixed[0]?.reason).toMatch(/disabled or a backup copy on purpose/);
  });

  it('a syntax error is left to a human', () => {
    const { plan } = planFor({ '/etc/cron.d/x': '0 3 * * * root /usr/bin/true\n61 * * * * root /usr/bin/true\n' }, { rules: ['not-loaded'] });
    expect(plan.unfixed[0]?.reason).toMatch(/line 2: .*fix that by hand/);
  });
});

describe('timeout durations', () => {
  it('the shortest interval between runs, between 5 minutes and 23 hours', () => {
    const spec = (schedule: string) => {
      const line = parseCrontab(new TextEncoder().encode(`${schedule} root /bin/true\n`), 'system').lines[0]!;
      return { spec: line.job!.spec } as Parameters<typeof timeoutFor>[0];
    };
    expect(timeoutFor(spec('*/15 * * * *'))).toBe('15m');
    expect(timeoutFor(spec('* * * * *'))).toBe('5m');
    expect(timeoutFor(spec('0 */6 * * *'))).toBe('6h');
    expect(timeoutFor(spec('30 2 * * *'))).toBe('23h');
    expect(timeoutFor(spec('@reboot'))).toBe('1h');
  });
});

describe('accounts', () => {
  it("login-shell-user: a person's account only when chosen (a suggestion)", () => {
    const files = { '/var/spool/cron/crontabs/alice': { content: '0 3 * * * /usr/bin/find /home/alice -name "*.tmp" -delete\n', mode: 0o600, uid: 1000, gid: 102 } };
    expect(planFor(files).plan.fixed.some((f) => f.rule === 'login-shell-user')).toBe(false);
    expect(planFor(files, { rules: ['login-shell-user'] }).plan.fixed.some((f) => f.rule === 'login-shell-user')).toBe(true);
  });

  it('login-shell-user: a service account by default: nologin and a locked password, with a note to check logins first', () => {
    const files = { '/etc/cron.d/db': '0 3 * * * postgres /usr/bin/find /var/lib/postgresql -name "*.tmp" -delete\n' };
    expect(planFor(files).plan.fixed.some((f) => f.rule === 'login-shell-user')).toBe(true);
    const { plan, host } = planFor(files, { rules: ['login-shell-user'] });
    expect(steps(plan, host)).toEqual(['set the shell of postgres to /usr/sbin/nologin and lock its password']);
    expect(plan.checkByHand).toEqual([expect.stringMatching(/^postgres: make sure nobody logs in as postgres/)]);
  });
});

describe('bytes', () => {
  it('a crontab that is not UTF-8 is rewritten byte for byte where no fix touches it (base64 in the plan)', () => {
    const latin1 = Uint8Array.from([...'# caf', 0xe9, ...'\n*/5 * * * * root /usr/bin/rsync -a /a /b\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
    const { plan } = planFor({ '/etc/cron.d/x': { content: latin1 } }, { rules: ['no-lock'] });
    const op = plan.operations.find((o) => o.op === 'write-file' && o.path === '/etc/cron.d/x');
    expect(op).toMatchObject({ encoding: 'base64' });
    const bytes = Buffer.from((op as { content: string }).content, 'base64');
    expect([...bytes.subarray(0, 7)]).toEqual([...latin1.subarray(0, 7)]);
    expect(bytes.subarray(7).toString('latin1')).toBe('*/5 * * * * root /usr/bin/flock -n /run/lock/cronwarden-x.lock /usr/bin/rsync -a /a /b\n');
  });
});
