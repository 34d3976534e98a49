import { describe, expect, it } from 'vitest';
import { parseEnvLine } from '../../src/core/env-line.js';

// Debian cron 3.0pl1-162 env.c load_env(), case by case.
describe('parseEnvLine', () => {
  it.each([
    ['PATH=/usr/bin:/bin', 'PATH', '/usr/bin:/bin'],
    ['  SHELL = /bin/bash  ', 'SHELL', '/bin/bash'],
    ['\tMAILTO\t=\tops@example.com', 'MAILTO', 'ops@example.com'],
    ['MAILTO=""', 'MAILTO', ''],
    ["MAILTO=''", 'MAILTO', ''],
    ['MSG="  padded  "', 'MSG', '  padded'],
    ['A=b c d', 'A', 'b c d'],
    ['A=x # not a comment', 'A', 'x # not a comment'],
    ['A=$HOME/bin', 'A', '$HOME/bin'],
    ['A=say "hi"', 'A', 'say "hi"'],
    ['A="\'both\'"', 'A', 'both'],
    ['A=\'x\'   ', 'A', 'x'],
    ['A="x"\r', 'A', 'x'],
    ['A=x\r', 'A', 'x'],
    ['"B C"=1', 'B C', '1'],
    ["'N'=v", 'N', 'v'],
    ['=v', '', 'v'],
    ['A==b', 'A', '=b'],
    ['A="x=y"', 'A', 'x=y'],
  ])('%j → %s=%j', (line, name, value) => {
    expect(parseEnvLine(line)).toEqual({ name, value });
  });

  it.each([
    ['A=', 'empty unquoted value (cronie accepts it, Debian does not)'],
    ['A =  ', 'only blanks after ='],
    ['A', 'no ='],
    ['A B=c', 'blank inside the name'],
    ['A="x" y', 'text after the closing quote'],
    ['A="x', 'unclosed quote'],
    ['"A=B"=c', '= inside a quoted name'],
    ['0 2 * * * cmd', 'a job'],
    ['*/5 * * * * A=1 cmd', 'a job with an assignment in its command'],
    ['', 'an empty line'],
  ])('%j is not a setting: %s', (line) => {
    expect(parseEnvLine(line)).toBeNull();
  });

  it('cuts a setting at 998 bytes, silently, as get_string() does', () => {
    expect(parseEnvLine(`A=${'x'.repeat(995)}`)?.value).toHaveLength(995);
    expect(parseEnvLine(`A=${'x'.repeat(2000)}`)?.value).toHaveLength(996);
    expect(parseEnvLine(`   A=${'é'.repeat(600)}`)?.value).toHaveLength(498);
  });
});
