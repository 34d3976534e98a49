import { describe, expect, it } from 'vitest';
import { splitPercent } from '../../src/core/percent.js';

// Debian cron do_command.c with Handle-escapes-in-job-input.patch.
describe('splitPercent', () => {
  it.each([
    ['/usr/bin/backup.sh', '/usr/bin/backup.sh', null],
    ['/usr/bin/backup.sh   \t', '/usr/bin/backup.sh', null],
    ['echo hi\r', 'echo hi\r', null],
    ['date +\\%F', 'date +%F', null],
    ['date +%F', 'date +', 'F'],
    ['mail -s x root%hello%world', 'mail -s x root', 'hello\nworld'],
    ['cat % line', 'cat', ' line'],
    ['cat%', 'cat', ''],
    ['cat %%', 'cat', '\n'],
    ['echo a\\\\b', 'echo a\\b', null],
    ['echo a\\\\%x', 'echo a\\', 'x'],
    ['echo \\n \\$HOME', 'echo \\n \\$HOME', null],
    ['echo trailing\\', 'echo trailing\\', null],
    ['cat %a\\%b', 'cat', 'a%b'],
    ['cat %a\\\\b', 'cat', 'a\\\\b'],
    ['cat %a\\\\%b', 'cat', 'a\\%b'],
    ['cat %a\\nb', 'cat', 'a\\nb'],
    ['cat %end\\', 'cat', 'end\\'],
    ['printf "%s\\n" x', 'printf "', 's\\n" x'],
  ])('%j', (raw, command, stdin) => {
    expect(splitPercent(raw)).toEqual({ command, stdin });
  });
});
