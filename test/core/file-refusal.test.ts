// fileRefusal: the one answer to "would Debian's cron drop this whole file?" that liveness, the
// planner and apply share — the first offending line, in the order the daemon reads the file.

import { describe, expect, it } from 'vitest';
import { fileRefusal, MAX_CRONTAB_LINES, parseCrontab } from '../../src/core/crontab.js';

const system = (text: string) => parseCrontab(Buffer.from(text), 'system');
const known = (name: string) => name === 'root';

describe('fileRefusal', () => {
  it('accepts a clean crontab, and a final comment without its newline', () => {
    expect(fileRefusal(system('SHELL=/bin/sh\n0 3 * * * root /bin/true\n'), known)).toBeNull();
    expect(fileRefusal(system('0 3 * * * root /bin/true\n# end'), known)).toBeNull();
  });

  it('names the first bad line, a missing final newline, an unknown user, a file past the line limit', () => {
    expect(fileRefusal(system('0 3 * * * root /bin/true\n61 * * * * root /bin/true\n'))).toMatchObject({ kind: 'invalid', line: 2, reason: expect.stringMatching(/minute/) });
    expect(fileRefusal(system('0 3 * * * root /bin/true'))).toEqual({ kind: 'missing-newline', line: 1 });
    expect(fileRefusal(system('0 3 * * * ghost /bin/true\n'), known)).toEqual({ kind: 'unknown-user', line: 1, user: 'ghost' });
    const long = '0 3 * * * root /bin/true\n'.repeat(MAX_CRONTAB_LINES + 4);
    expect(fileRefusal(system(long), known)).toEqual({ kind: 'too-long', line: MAX_CRONTAB_LINES + 4 });
  });

  it('checks users only when asked, and only in a system crontab', () => {
    expect(fileRefusal(system('0 3 * * * ghost /bin/true\n'))).toBeNull();
    expect(fileRefusal(parseCrontab(Buffer.from('0 3 * * * ghost /bin/true\n'), 'user'), known)).toBeNull();
  });

  it('reports in the daemon\'s reading order: a bad line before a later unknown user or missing newline', () => {
    expect(fileRefusal(system('0 3 * * * ghost /bin/true\nbad line\n0 4 * * * root /bin/true'), known)).toMatchObject({ kind: 'unknown-user', line: 1 });
    expect(fileRefusal(system('bad line\n0 3 * * * ghost /bin/true\n0 4 * * * root /bin/true'), known)).toMatchObject({ kind: 'invalid', line: 1 });
  });
});
