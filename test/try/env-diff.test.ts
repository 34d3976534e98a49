import { describe, expect, it } from 'vitest';
import { envDiff } from '../../src/try/env-diff.js';

describe('envDiff', () => {
  it('puts PATH first with the directories cron lacks, then what only you have, what differs, what only cron sets', () => {
    const yours = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/bin:/bin:/usr/local/bin', HOME: '/root', TERM: 'xterm', SSH_AUTH_SOCK: '/tmp/x', LANG: 'C.UTF-8', GONE: undefined, PWD: '/root', OLDPWD: '/', SHLVL: '2', _: '/usr/bin/env' };
    const cron = { PATH: '/usr/bin:/bin', HOME: '/var/backups', LOGNAME: 'backup', SHELL: '/bin/sh', LANG: 'C.UTF-8' };
    expect(envDiff(yours, cron)).toEqual({
      path: { yours: yours.PATH, cron: '/usr/bin:/bin', missingInCron: ['/usr/local/sbin', '/usr/local/bin'] },
      onlyYours: ['SSH_AUTH_SOCK', 'TERM'],
      different: [{ name: 'HOME', yours: '/root', cron: '/var/backups' }],
      onlyCron: [
        { name: 'LOGNAME', value: 'backup' },
        { name: 'SHELL', value: '/bin/sh' },
      ],
    });
  });

  it('is empty when the environments are the same', () => {
    expect(envDiff({ PATH: '/bin', A: '1' }, { PATH: '/bin', A: '1' })).toEqual({ path: null, onlyYours: [], different: [], onlyCron: [] });
  });

  it('reports an unset PATH on either side', () => {
    expect(envDiff({}, { PATH: '/usr/bin:/bin' }).path).toEqual({ yours: null, cron: '/usr/bin:/bin', missingInCron: [] });
  });
});
