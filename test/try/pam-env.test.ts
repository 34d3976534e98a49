import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { applyEnvFile, assembleLines, pamEnv } from '../../src/try/pam-env.js';

const envOf = (text: string, start: Record<string, string> = {}) => {
  const env = { ...start };
  applyEnvFile(env, text);
  return env;
};

describe('env files, parsed as pam_env 1.5.2 does', () => {
  it('reads NAME=value lines, `export`, comments and quotes', () => {
    expect(
      envOf('# locale\nLANG=en_US.UTF-8\n  export LC_ALL="C.UTF-8"\nQUOTED=\'a b\'\nHALF="x"y"\nTRAIL=v  \nCUT=a#b\n'),
    ).toEqual({ LANG: 'en_US.UTF-8', LC_ALL: 'C.UTF-8', QUOTED: 'a b', HALF: 'x"y', TRAIL: 'v  ', CUT: 'a' });
  });

  it('skips names that are not [A-Za-z0-9_] and lines starting with =', () => {
    expect(envOf('MY-VAR=1\n=2\nA.B=3\nOK_1=4\n')).toEqual({ OK_1: '4' });
  });

  it('unsets a bare name, and a later line overrides an earlier one', () => {
    expect(envOf('A=1\nB=2\nA=3\nB\n', {})).toEqual({ A: '3' });
  });

  it('joins a trailing backslash with the next line and drops one left open at the end', () => {
    expect(assembleLines('A=1\\\n2\nB=x\\\n')).toEqual(['A=12']);
    expect(assembleLines('  # c\n\nA=1 # note\n')).toEqual(['A=1 ']);
  });
});

describe('pamEnv', () => {
  it("follows Debian 12's /etc/pam.d/cron: /etc/environment, then /etc/default/locale", () => {
    const host = memoryHost({
      '/etc/pam.d/cron': '@include common-session-noninteractive\nsession required pam_env.so\nsession required pam_env.so envfile=/etc/default/locale\n',
      '/etc/pam.d/common-session-noninteractive': 'session required pam_unix.so\n',
      '/etc/environment': 'LANG=C\nHTTP_PROXY=http://proxy:3128\n',
      '/etc/default/locale': 'LANG=de_DE.UTF-8\n',
    });
    expect(pamEnv(host)).toEqual({
      env: { LANG: 'de_DE.UTF-8', HTTP_PROXY: 'http://proxy:3128' },
      files: ['/etc/environment', '/etc/default/locale'],
      notReproduced: [],
    });
  });

  it('follows include controls and says what it cannot reproduce', () => {
    const host = memoryHost({
      '/etc/pam.d/cron': 'session include cron-env\n-session optional pam_systemd.so\n',
      '/etc/pam.d/cron-env': 'session required /lib/x86_64-linux-gnu/security/pam_env.so user_readenv=1 envfile=/etc/cron-env\nauth required pam_unix.so\n',
      '/etc/cron-env': 'X=1\n',
    });
    const result = pamEnv(host);
    expect(result.env).toEqual({ X: '1' });
    expect(result.notReproduced).toEqual(["/etc/pam.d/cron: pam_env reads each user's ~/.pam_environment (user_readenv=1)"]);
  });
});
