import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { planContext } from '../../src/plan/planner.js';
import { validateUserPrefix } from '../../src/plan/names.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

function names(files: Record<string, string>, prefix = 'cw-') {
  const result = scan(memoryHost({ ...debianBase(), ...files }));
  const ctx = planContext(result.ctx, prefix);
  return result.inventory.jobs.map((j) => ctx.names.forJob(j));
}

describe('job names', () => {
  it('from the script, else the cron.d file, else the program', () => {
    expect(names({ '/etc/cron.d/nightly': '0 1 * * * root /usr/local/bin/backup.sh\n0 2 * * * root /usr/bin/find /tmp -delete\n', '/usr/local/bin/backup.sh': '#!/bin/sh\n' })).toEqual([
      { base: 'backup', user: 'cw-backup', file: '/etc/cron.d/cronwarden-backup', home: '/nonexistent' },
      { base: 'nightly', user: 'cw-nightly', file: '/etc/cron.d/cronwarden-nightly', home: '/nonexistent' },
    ]);
  });

  it('one home for a family when any of its jobs uses HOME', () => {
    const [a, b] = names({ '/etc/cron.d/notes': '0 1 * * * root /usr/bin/tar czf $HOME/n.tgz /srv\n0 2 * * * root /usr/bin/find /srv -delete\n' });
    expect(a!.home).toBe('/var/lib/cw-notes');
    expect(b!.home).toBe('/var/lib/cw-notes');
  });

  it('never a user or group that exists, and at most 32 characters', () => {
    const long = 'a-very-long-script-name-that-goes-on-and-on';
    const [www, longName] = names({ '/etc/cron.d/x': `0 1 * * * root /srv/data.sh\n0 2 * * * root /srv/${long}.sh\n` }, 'www-');
    expect(www!.user).toBe('www-data-2');
    expect(longName!.user.length).toBeLessThanOrEqual(32);
    expect(longName!.user).toMatch(/^www-a-very-long/);
  });

  it('a prefix must make valid user names', () => {
    expect(validateUserPrefix('cw-')).toBeNull();
    expect(validateUserPrefix('')).toBeNull();
    expect(validateUserPrefix('Svc ')).toMatch(/invalid user names/);
    expect(validateUserPrefix('a'.repeat(20))).toMatch(/longer than 16/);
  });
});
