import { describe, expect, it } from 'vitest';
import { analyzeShell, type Dialect } from '../../src/core/shell/index.js';
import { jobOutput } from '../../src/core/shell/streams.js';

const output = (command: string, dialect: Dialect = 'posix') => {
  const { reachesCron, allDiscarded, files } = jobOutput(analyzeShell(command, { dialect }));
  return { reachesCron, allDiscarded, files };
};

// Where output goes, as dash runs the command (checked by hand against `sh -c '…'`).
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
  // A sink alone prints nothing of the job's: nothing is discarded either.
  ['logger -t x hello', { reachesCron: false, allDiscarded: false }],
];

describe('jobOutput', () => {
  it.each(TABLE)('%s', (command, expected) => {
    expect(output(command)).toEqual({ files: [], ...expected });
  });
});
