import { describe, expect, it } from 'vitest';
import { analyzeShell } from '../../src/core/shell/index.js';
import { codeSource, commandsInside, interpreterName, literalPrefix, program, runsAny } from '../../src/core/shell/queries.js';

const first = (command: string) => analyzeShell(command).commands[0];

describe('shell queries', () => {
  it('finds the program behind wrappers', () => {
    expect(program(first('sudo -u app nice -n 5 /usr/bin/bash -s')).name).toBe('bash');
    expect(program(first('/usr/bin/timeout 60 curl -s x')).args.map((w) => w.value)).toEqual(['-s', 'x']);
    expect(program(first('X=1')).name).toBeNull();
  });

  it('says where an interpreter takes its program from', () => {
    const source = (command: string) => {
      const { name, args } = program(first(command));
      return codeSource(interpreterName(name)!, args).kind;
    };
    expect(source('sh')).toBe('stdin');
    expect(source('bash -s -- a b')).toBe('stdin');
    expect(source('sh -e')).toBe('stdin');
    expect(source('bash -o pipefail -c "a"')).toBe('inline');
    expect(source('python3 -c "print(1)"')).toBe('inline');
    expect(source('perl -e 1')).toBe('inline');
    expect(source('python3 /opt/x.py')).toBe('file');
    expect(source('python3 -')).toBe('stdin');
    expect(source('php -r "echo 1;"')).toBe('inline');
  });

  it('knows versioned interpreters and nothing else', () => {
    expect(interpreterName('python3.11')).toBe('python');
    expect(interpreterName('python3')).toBe('python3');
    expect(interpreterName('perl5.36')).toBe('perl');
    expect(interpreterName('tee')).toBeNull();
    expect(interpreterName(null)).toBeNull();
  });

  it('reads the fixed start of a word', () => {
    const [a, b, c] = first(`x "/tmp/a-$(date)" '/var/tmp/b'$X \\/tmp/c`).args;
    expect(literalPrefix(a)).toBe('/tmp/a-');
    expect(literalPrefix(b)).toBe('/var/tmp/b');
    expect(literalPrefix(c)).toBe('/tmp/c');
  });

  it('finds the commands inside a word’s substitutions', () => {
    const analysis = analyzeShell('eval "$(curl -s x | tr a b)" $(id)');
    const [code] = analysis.commands[0].args;
    expect(commandsInside(analysis, code).map((c) => c.name?.value)).toEqual(['curl', 'tr']);
  });

  it('sees programs run through wrappers, also inside sh -c', () => {
    const analysis = analyzeShell("nice sh -c 'sudo -n /sbin/reboot'");
    expect(runsAny(analysis, ['sudo'])).toBe(true);
    expect(runsAny(analysis, ['reboot'])).toBe(true);
    expect(runsAny(analysis, ['curl'])).toBe(false);
  });
});
