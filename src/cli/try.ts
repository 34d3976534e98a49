// `cronwarden try JOB_ID`: run one job now exactly as cron would (practice 8: "works in my shell,
// fails in cron"). The preview and the question go to stderr; the job's output, its outcome and the
// environment differences are the result, on stdout. Exit 0 when the job exited 0, else 1.

import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import { RefusedError, UsageError } from '../core/errors.js';
import { rootHost } from '../host/root-host.js';
import type { Io } from './io.js';
import { rootOption } from './scan.js';

/** "60s", "2m", "500ms", "1h" or plain seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m?.[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = m ? Math.round(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(ms) || ms <= 0 || ms > 2_147_483_647) {
    throw new UsageError(`--timeout ${text} is not a duration`, 'give a positive number with a unit: 500ms, 60s, 5m, 1h (plain numbers are seconds)');
  }
  return ms;
}

async function confirm(yes: boolean | undefined, jobId: string): Promise<void> {
  if (yes) return;
  // The question goes to stderr, so `--format json > out.json` can still be confirmed.
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new RefusedError('there is no terminal to confirm on, and the job would run for real', `read the preview above, then run again with --yes: cronwarden try ${jobId} --yes`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Type `run` to run it now (anything else cancels): ');
    if (answer.trim() !== 'run') throw new RefusedError('not confirmed: nothing was run', `type run at the prompt, or pass --yes`);
  } finally {
    rl.close();
  }
}

export function registerTry(program: Command, io: Io): void {
  program
    .command('try')
    .description("run one job now exactly as cron would: its user, cron's environment only, its stdin, a timeout")
    .argument('<job-id>', "the job's id, as `scan` shows it (e.g. etc-cron.d-backup:3)")
    .addOption(rootOption())
    .option('--timeout <duration>', 'kill the job (its whole process group) after this long', '60s')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--yes', 'run without asking (required without a terminal)')
    .addHelpText(
      'after',
      '\nShows the user, command, working directory and the exact environment first, and asks you to type\n' +
        '`run`. Then prints stdout, stderr, the exit status, the duration, and how your environment differs\n' +
        "from the job's (PATH first). Live host only. Exit status: 0 the job exited 0, 1 it did not (or the\n" +
        'run was refused), 2 usage error.\n\nExamples:\n  cronwarden try etc-cron.d-backup:3\n' +
        '  cronwarden try var-spool-cron-crontabs-alice:2 --timeout 5m --format json --yes',
    )
    .action(async (id: string, flags: { root: string; timeout: string; format: 'text' | 'json'; yes?: boolean }) => {
      const timeoutMs = parseDuration(flags.timeout);
      if (resolve(flags.root) !== '/') {
        throw new UsageError(
          `try runs jobs on this machine only, and ${flags.root} is another system's tree: its programs, scripts and accounts belong to that system, ` +
            "so running the job here would run this machine's binaries as this machine's users",
          'run `cronwarden try` on that host itself (or inside it: chroot / systemd-nspawn), or use `cronwarden scan --root` to audit it from here',
        );
      }
      const [{ buildInventory }, { findJob }, { renderPreview, renderResultText, resultJson }, { prepareTry, tryRun }] = await Promise.all([
        import('../core/inventory.js'),
        import('../try/find-job.js'),
        import('../try/render.js'),
        import('../try/runner.js'),
      ]);
      const host = rootHost('/');
      const job = findJob(buildInventory(host), id);
      const execution = prepareTry(job, host);
      io.err(renderPreview(job, execution, timeoutMs));
      await confirm(flags.yes, job.id);
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      let result;
      try {
        result = await tryRun(job, { timeoutMs, host, signal: controller.signal });
      } finally {
        process.off('SIGINT', interrupt);
      }
      if (flags.format === 'json') io.out(`${JSON.stringify(resultJson(job, result, process.env), null, 2)}\n`);
      else io.out(renderResultText(job, result, process.env));
      io.exitCode = result.exitCode === 0 && !result.timedOut && !result.cancelled ? 0 : 1;
    });
}
