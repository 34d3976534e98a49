import { describe, expect, it } from 'vitest';
import { discoverSources } from '../../src/core/discover.js';
import { jobId } from '../../src/core/job-id.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { debianBase } from '../helpers/debian-base.js';

describe('discoverSources', () => {
  it('finds every kind of source in a fixed order, skipping dot-files', () => {
    const host = memoryHost({
      ...debianBase(),
      '/etc/crontab': '',
      '/etc/cron.d/zeta': '',
      '/etc/cron.d/alpha': '',
      '/etc/cron.d/.placeholder': '',
      '/etc/cron.d/backup.sh': '',
      '/etc/cron.daily/logrotate': { content: '', mode: 0o755 },
      '/etc/cron.daily/.placeholder': '',
      '/etc/cron.weekly/man-db': { content: '', mode: 0o755 },
      '/etc/anacrontab': '',
      '/var/spool/cron/crontabs/bob': { content: '', mode: 0o600, uid: 1001 },
      '/var/spool/cron/crontabs/alice': { content: '', mode: 0o600, uid: 1000 },
      '/var/spool/cron/atjobs': { type: 'dir' },
      '/var/spool/cron/stray': { content: '', mode: 0o600, uid: 106 },
      '/etc/cron.deny': '',
      '/etc/cron.allow': 'alice\n',
    });
    expect(discoverSources(host)).toEqual([
      { path: '/etc/crontab', kind: 'system' },
      { path: '/etc/cron.d/alpha', kind: 'system' },
      { path: '/etc/cron.d/backup.sh', kind: 'system' },
      { path: '/etc/cron.d/zeta', kind: 'system' },
      { path: '/etc/cron.daily/logrotate', kind: 'run-parts' },
      { path: '/etc/cron.weekly/man-db', kind: 'run-parts' },
      { path: '/etc/anacrontab', kind: 'anacron' },
      { path: '/var/spool/cron/crontabs/alice', kind: 'user' },
      { path: '/var/spool/cron/crontabs/bob', kind: 'user' },
      { path: '/etc/cron.allow', kind: 'access' },
      { path: '/etc/cron.deny', kind: 'access' },
    ]);
  });

  it('reads the RHEL spool (files directly in /var/spool/cron) only on a host without the Debian one', () => {
    const rhel = memoryHost({ '/var/spool/cron/alice': { content: '', mode: 0o600, uid: 1000 }, '/var/spool/cron/sub': { type: 'dir' } });
    expect(discoverSources(rhel)).toEqual([{ path: '/var/spool/cron/alice', kind: 'user' }]);
  });

  it('returns nothing for a host without cron, and reports a cron directory that is not one', () => {
    expect(discoverSources(memoryHost({ '/etc/passwd': '' }))).toEqual([]);
    const odd = discoverSources(memoryHost({ '/etc/cron.d': 'not a directory\n' }));
    expect(odd).toEqual([{ path: '/etc/cron.d', kind: 'system', error: '/etc/cron.d is not a directory; its entries cannot be listed', errorCode: 'ENOTDIR' }]);
  });

  it('lists a symlinked cron.d through its in-root target', () => {
    const host = memoryHost({ '/etc/cron.d': { target: '/srv/crond' }, '/srv/crond/job': '' });
    expect(discoverSources(host)).toEqual([{ path: '/etc/cron.d/job', kind: 'system' }]);
  });
});

describe('jobId', () => {
  it('drops the leading slash and turns slashes into dashes', () => {
    expect(jobId('/etc/cron.d/backup', 3)).toBe('etc-cron.d-backup:3');
    expect(jobId('/var/spool/cron/crontabs/alice', 12)).toBe('var-spool-cron-crontabs-alice:12');
  });
});
