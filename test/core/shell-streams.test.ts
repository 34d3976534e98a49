import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeShell, type Dialect } from '../../src/core/shell/index.js';
import { jobOutput } from '../../src/core/shell/streams.js';

const output = (command: string, dialect: Dialect = 'posix') => {
  const { reachesCron, allDiscarded, files } = jobOutput(analyzeShell(command, { dialect }));
  return { reachesCron, allDiscarded, files };
};

// Where output goes, as dash runs the command (reachesCron is checked against dash below).
const TABLE: Array<[string, { reachesCron: boolean; allDiscarded: boolean; files?: string[] }]> = [
  ['a', { reachesCron: true, allDiscarded: false }],
  ['a >/dev/null 2>&1', { reachesCron: false, allDiscarded: true }],
  ['a 2>&1 >/dev/null', { reachesCron: true, allDiscarded: false }],
  ['a 2>&1 | logger -t x', { reachesCron: false, allDiscarded: false }],
  ['(a; b) | logger -t x', { reachesCron: true, allDiscarded: false }],
  ['(a; b) 2>&1 | logger -t x', { reachesCron: false, allDiscarded: false }],
  ['{ a; b; } 2>&1 | mail -s x root', { reachesCron: false, allDiscarded: false }],
  ['{ a; b; } >/dev/null 2>&1', { reachesCron: false, allDiscarded: true }],
  // The group's redirect is set up first; a's own 2>&1 then copies the new stdout.
  ['{ a 2>&1; } >/dev/null', { reachesCron: false, allDiscarded: true }],
  ['{ a >&2; } 2>/dev/null >/dev/null', { reachesCron: false, allDiscarded: true }],
  ['{ a; } >/var/log/a.log 2>&1', { reachesCron: false, allDiscarded: false, files: ['/var/log/a.log'] }],
  // The pipe is set up after the group's redirect: a still writes into b (whose output is discarded).
  ['{ a | b; } >/dev/null', { reachesCron: true, allDiscarded: false }],
  ['{ a 2>/dev/null | b; } >/dev/null 2>&1', { reachesCron: false, allDiscarded: false }],
  // The outer pipe is set up first, then 2>&1 copies it, then the inner pipe takes stdout.
  ['( a | b ) 2>&1 | logger -t x', { reachesCron: false, allDiscarded: false }],
  ['a | (b; c) >/dev/null 2>&1', { reachesCron: true, allDiscarded: false }],
  // A function body writes where the call's output goes.
  ['backup() { tar czf - /etc; }; backup >/dev/null 2>&1', { reachesCron: false, allDiscarded: true }],
  ['backup() { tar czf - /etc; }; backup 2>&1 | logger -t x', { reachesCron: false, allDiscarded: false }],
  ['f() { a; }; f >/dev/null 2>&1; f', { reachesCron: true, allDiscarded: false }],
  // Never called: its body never runs.
  ['f() { a >/var/log/f.log 2>&1; }', { reachesCron: false, allDiscarded: false }],
  ['f() { a >/var/log/f.log 2>&1; }; f', { reachesCron: false, allDiscarded: false, files: ['/var/log/f.log'] }],
  // A `sh -c` body writes where the output of the command running it goes (and so does that shell).
  ["sh -c 'a; b' >/dev/null 2>&1", { reachesCron: false, allDiscarded: true }],
  ["su -s /bin/sh www-data -c 'a' 2>&1 | logger -t x", { reachesCron: false, allDiscarded: false }],
  ["sh -c 'a; b' 2>&1 | logger -t x", { reachesCron: false, allDiscarded: false }],
  ["sh -c 'a' 2>/dev/null", { reachesCron: true, allDiscarded: false }],
  ["sh -c \"sh -c 'a'\" >/dev/null 2>&1", { reachesCron: false, allDiscarded: true }],
  // A sink alone prints nothing of the job's: nothing is discarded either.
  ['logger -t x hello', { reachesCron: false, allDiscarded: false }],
];

describe('jobOutput', () => {
  it.each(TABLE)('%s', (command, expected) => {
    expect(output(command)).toEqual({ files: [], ...expected });
  });
});

// The programs as stand-in scripts on PATH that print on both streams (logger and mail read stdin
// and print nothing; stderr first: a closed pipe must not kill them before it), so dash shows what
// reaches the job's own stdout and stderr. Left out: entries writing files (nothing may be written
// outside a temp dir) and su (it needs the user).
const STAND_INS: Record<string, string> = {
  a: 'echo a-err >&2; echo a-out',
  b: 'echo b-err >&2; echo b-out',
  c: 'echo c-err >&2; echo c-out',
  tar: 'echo tar-err >&2; echo tar-out',
  logger: 'cat >/dev/null',
  mail: 'cat >/dev/null',
};

describe('reachesCron agrees with dash', () => {
  const available = spawnSync('/bin/dash', ['-c', 'exit 0']).status === 0;
  if (!available) {
    it('needs /bin/dash', () => {
      if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error('/bin/dash is missing: install it (apt-get install dash)');
      console.warn('SKIPPED: /bin/dash is not installed, so jobOutput is not compared with the real shell');
    });
    return;
  }
  let bin = '';
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'cronwarden-streams-'));
    for (const [name, body] of Object.entries(STAND_INS)) writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it.each(TABLE.filter(([command, want]) => !want.files && !command.startsWith('su ')))('%s', (command) => {
    const run = spawnSync('/bin/dash', ['-c', command], { encoding: 'utf8', input: '', timeout: 5000, cwd: bin, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(output(command).reachesCron, `dash printed: ${run.stdout}${run.stderr}`).toBe(run.stdout + run.stderr !== '');
  });
});
