// `cronwarden rules` and `cronwarden explain RULE`; what they print is in ./explain.ts, imported
// when the command runs so that start-up (the wizard's first frame) does not load the catalogue.

import type { Command } from 'commander';
import type { Io } from './io.js';

export function registerRules(program: Command, io: Io): void {
  program
    .command('rules')
    .description('list every rule: id, practice, default severity, whether it has a fix')
    .action(async () => {
      const { renderRuleTable } = await import('./explain.js');
      io.out(renderRuleTable(io.color));
    });
  program
    .command('explain')
    .description('explain one rule: why it matters, bad and good examples, the fix, references')
    .argument('<rule>', 'rule id, e.g. writable-target')
    .action(async (id: string) => {
      const { explainRule } = await import('./explain.js');
      io.out(explainRule(id, io.color));
    });
}
