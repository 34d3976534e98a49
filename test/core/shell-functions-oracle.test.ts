// Differential test: which calls reach a shell function, as analyzeShell says (SimpleCommand.functions)
// and as dash and bash actually run the command. The function prints F$1; the last command is the
// call `f END`; PATH points nowhere, so a call that misses the function fails with "not found".

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeShell, callsFunction, type Dialect } from '../../src/core/shell/index.js';

const DEF = 'f() { echo F$1; }';

const AGREED = [
  `${DEF}; f END`,
  `f END; ${DEF}`,
  `(${DEF}); f END`,
  `x=$(${DEF}); f END`,
  `x=\`${DEF}\`; f END`,
  `${DEF} | :; f END`,
  `: | ${DEF}; f END`,
  `${DEF} & wait; f END`,
  `{ ${DEF}; }; f END`,
  `{ ${DEF}; f END; } | { read -r l; echo "$l"; }`,
  `if true; then ${DEF}; fi; f END`,
  `true && ${DEF}; f END`,
  `for i in 1; do ${DEF}; done; f END`,
  `g() { ${DEF}; }; g; f END`,
  `${DEF}; (f END)`,
  `${DEF}; echo "$(f END)"`,
  `f() echo F$1; f END`,
  `${DEF}; /bin/sh -c 'f END'`,
];

/** The analysis over-approximates a definition that may not run: it still counts (a missing program
 *  is then not reported, rather than a function reported as a missing program). */
const OVER = [`false && ${DEF}; f END`, `while false; do ${DEF}; done; f END`, `g() { ${DEF}; }; f END`];

const SHELLS: Array<[Dialect, string]> = [
  ['posix', '/bin/dash'],
  ['bash', '/bin/bash'],
];

/** Does the last command named f (the `f END` call) reach the function? */
function analysed(command: string, dialect: Dialect): boolean {
  const calls = analyzeShell(command, { dialect }).commands.filter((c) => c.name?.value === 'f' && c.args[0]?.value === 'END');
  return calls.length === 1 && callsFunction(calls[0]!);
}

for (const [dialect, shell] of SHELLS) {
  const available = spawnSync(shell, ['-c', 'exit 0']).status === 0;
  describe(`function calls as ${shell} runs them`, () => {
    if (!available) {
      it(`needs ${shell}`, () => {
        if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(`${shell} is missing: install it (apt-get install dash bash)`);
        console.warn(`SKIPPED: ${shell} is not installed, so function scoping is not compared with the real shell`);
      });
      return;
    }
    const cases = AGREED.filter((c) => dialect === 'posix' || !c.startsWith('f() echo'));
    it.each(cases)('%s', (command) => {
      const run = spawnSync(shell, ['-c', command], { encoding: 'utf8', env: { PATH: '/nonexistent' }, timeout: 5000 });
      const reached = run.stdout.includes('FEND');
      expect(run.stdout.includes('FEND') || /not found/.test(run.stderr), `${run.stdout}${run.stderr}`).toBe(true);
      expect(analysed(command, dialect)).toBe(reached);
    });
    it.each(OVER)('over-approximated: %s', (command) => {
      const run = spawnSync(shell, ['-c', command], { encoding: 'utf8', env: { PATH: '/nonexistent' }, timeout: 5000 });
      expect(run.stdout.includes('FEND'), 'the shell misses the function').toBe(false);
      expect(analysed(command, dialect)).toBe(true);
    });
  });
}
