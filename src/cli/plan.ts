// `cronwarden plan`: the hardened rewrites as a reviewable plan, like `terraform plan`: the diffs
// on stdout, a summary on stderr, nothing written to the host. `-o FILE` saves the sealed plan for
// `cronwarden apply FILE` (which refuses it if anything changed since).

import { closeSync, constants, fchmodSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { rootHost } from '../host/root-host.js';
import { DEFAULT_USER_PREFIX } from '../plan/defaults.js';
import type { Io } from './io.js';
import { checkRuleIds, rootOption, checkAccounts } from './scan.js';

interface PlanFlags {
  root: string;
  rule?: string[];
  job?: string[];
  userPrefix: string;
  output?: string;
}

export function registerPlan(program: Command, io: Io): void {
  program
    .command('plan')
    .description('propose fixes for the findings as diffs and a plan file (writes nothing to the host)')
    .addOption(rootOption())
    .option('--rule <id...>', 'fix only findings of these rules (their suggestions included)')
    .option('--job <id...>', 'fix only findings on these jobs, e.g. etc-cron.d-backup:3 (their suggestions included)')
    .option('--user-prefix <prefix>', 'prefix of the dedicated users root-job creates', DEFAULT_USER_PREFIX)
    .option('-o, --output <file>', 'save the plan for `cronwarden apply` (mode 0600: it holds crontab contents); `-o -` prints its JSON on stdout instead of the diffs')
    .addHelpText(
      'after',
      '\nPrints every change as a unified diff (other operations as one line each) on stdout and a summary on stderr:\n' +
        'what is fixed, what is not and why, what to check by hand. Nothing on the host is changed.\n' +
        'Fixes that delete a job or change when it runs (stale-job, duplicate-job, every-minute-by-mistake,\n' +
        'login-shell-user) are suggestions: planned only when their rule or job is named with --rule/--job.\n' +
        '\nExit status: 0 plan made (even when some findings cannot be fixed), 2 usage error or unreadable root.\n\n' +
        'Examples:\n  cronwarden plan                          review what would change\n' +
        '  cronwarden plan -o plan.json             save it, then: cronwarden apply plan.json --dry-run\n' +
        '  cronwarden plan --rule no-lock no-timeout -o plan.json\n' +
        '  cronwarden plan --job etc-cron.d-backup:3 --user-prefix svc- -o plan.json',
    )
    .action(async (flags: PlanFlags) => {
      await checkRuleIds(flags.rule, '--rule');
      // Imported when the command runs (see scan.ts).
      const [{ validateUserPrefix }, { serializePlan }, { buildPlan }, { renderOperations }, { summarisePlan }, { scan }] = await Promise.all([
        import('../plan/names.js'),
        import('../plan/plan-file.js'),
        import('../plan/planner.js'),
        import('../plan/render.js'),
        import('../plan/summary.js'),
        import('../scan.js'),
      ]);
      const prefixProblem = validateUserPrefix(flags.userPrefix);
      if (prefixProblem) throw new UsageError(prefixProblem, 'for example --user-prefix cw-');
      const host = rootHost(flags.root);
      // The same check scan makes: an empty or wrong root would otherwise plan nothing, or plan chowns to ids.
      checkAccounts(host, flags.root, io);
      const result = scan(host);
      const known = new Set(result.inventory.jobs.map((j) => j.id));
      const unknown = (flags.job ?? []).filter((id) => !known.has(id));
      if (unknown.length > 0) throw new UsageError(`no job ${unknown.join(', ')} on ${flags.root}`, 'list job ids with `cronwarden scan --format json`');
      const plan = buildPlan(result, { rules: flags.rule, jobs: flags.job, userPrefix: flags.userPrefix, toolVersion: program.version() ?? 'unknown' });
      if (flags.output === '-') io.out(serializePlan(plan));
      else io.out(renderOperations(plan.operations, host, { color: io.color }));
      io.err(summarisePlan(plan));
      if (flags.output && flags.output !== '-') {
        writePlanFile(flags.output, serializePlan(plan));
        io.err(`\nSaved to ${flags.output}. Review: cronwarden apply ${flags.output} --dry-run   Apply: cronwarden apply ${flags.output}\n`);
      } else if (!flags.output && plan.operations.length > 0) {
        io.err('\nNot saved: run again with -o plan.json to apply it later.\n');
      }
      io.exitCode = 0;
    });
}

/** Root writes the plan, often into a shared directory: never through a symlink someone planted
 *  there, never into a file with other links, and readable by root only (it holds crontabs). */
function writePlanFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    throw new UsageError(`cannot write the plan to ${path}: ${(error as Error).message}`, 'give -o a path in a directory only root can write, e.g. /root/plan.json');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.nlink !== 1) throw new UsageError(`${path} is not a plain file of its own (${st.nlink} links): not writing the plan there`, 'choose a new path');
    fchmodSync(fd, 0o600);
    ftruncateSync(fd, 0);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
