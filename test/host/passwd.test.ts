import { describe, expect, it } from 'vitest';
import { parseGroup, parsePasswd, parseShadow, zoneFromLocaltimeLink, zoneFromTimezoneFile } from '../../src/host/passwd.js';

describe('account file parsers', () => {
  it('parses passwd(5) lines and skips what getpwent would not return', () => {
    const text = [
      'root:x:0:0:root:/root:/bin/bash',
      '# a comment',
      '',
      '+nisuser::::::',
      'broken:x:notanumber:0::/:/bin/sh',
      'short:x:1',
      'nologin:x:999:999::/nonexistent:',
    ].join('\n');
    expect(parsePasswd(text)).toEqual([
      { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/bash' },
      { name: 'nologin', uid: 999, gid: 999, gecos: '', home: '/nonexistent', shell: '' },
    ]);
  });

  it('parses group(5) members', () => {
    expect(parseGroup('sudo:x:27:alice,bob\ncrontab:x:102:\nbad:x::\n')).toEqual([
      { name: 'sudo', gid: 27, members: ['alice', 'bob'] },
      { name: 'crontab', gid: 102, members: [] },
    ]);
  });

  it('keeps only the password state from shadow(5), never the hash', () => {
    const entries = parseShadow('root:*:19700:0:99999:7:::\nlocked:!$y$j9T$abc:1::::::\nempty::1::::::\nalice:$y$j9T$salt$hash:1::::::\n');
    expect(entries).toEqual([
      { name: 'root', password: 'locked' },
      { name: 'locked', password: 'locked' },
      { name: 'empty', password: 'none' },
      { name: 'alice', password: 'set' },
    ]);
    expect(JSON.stringify(entries)).not.toContain('$y$');
  });

  it('reads the zone from /etc/timezone or the /etc/localtime link', () => {
    expect(zoneFromTimezoneFile('Europe/Berlin\n')).toBe('Europe/Berlin');
    expect(zoneFromTimezoneFile('\n')).toBeNull();
    expect(zoneFromLocaltimeLink('/usr/share/zoneinfo/America/New_York')).toBe('America/New_York');
    expect(zoneFromLocaltimeLink('../usr/share/zoneinfo/posix/Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(zoneFromLocaltimeLink('/etc/some-file')).toBeNull();
  });
});
