// `cronwarden scan`: read-only audit. Exit 1 when a finding is at or above --fail-on (DESIGN §4).

import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { SEVERITIES, severityRank, type Host, type Severity } from '../core/types.js';
import { rootHost } from '../host/root-host.js';
import type { Io } from './io.js';

// The scan, the rule catalogue and the reports are imported when a command runs, not here: every
// command module is loaded at start-up, and the wizard draws its first frame before it scans.

interface ScanFlags {
  root: string;
  format: 'text' | 'json' | 'sarif';
  minSeverity?: Severity;
  failOn: Severity | 'never';
  rule?: string[];
  disable?: string[];
}

export async function checkRuleIds(ids: readonly string[] | undefined, flag: string): Promise<void> {
  if (!ids?.length) return;
  const { unknownRuleIds } = await import('../scan.js');
  const unknown = unknownRuleIds(ids);
  if (unknown.length) {
    throw new UsageError(`unknown rule id${unknown.length > 1 ? 's' : ''} for ${flag}: ${unknown.join(', ')}`, 'list them with `cronwarden rules`');
  }
}

/** Every user and job is judged against the root's /etc/passwd: without it each job would be
 *  reported as cron skipping it (unknown user), a false alarm on every line. So a root with no etc/
 *  at all (`--root /mnt` for an image at /mnt/web1) or an unreadable passwd is an error (exit 2),
 *  and a tree with cron files but no passwd gets a warning. */
export function checkAccounts(host: Host, root: string, io: Io): void {
  if (host.users().length > 0) return;
  const info = host.stat('/etc/passwd');
  if (!info) {
    if (!host.lstat('/etc')) {
      throw new UsageError(`${root} has no etc/ directory: it does not look like the root of a host`, "pass --root the directory that holds the host's etc/ and var/ (e.g. /mnt/web1, not /mnt)");
    }
    io.err(`cronwarden: warning: ${root} has no /etc/passwd: every job's user is reported as unknown and cron as skipping it\n`);
    return;
  }
  let cause = 'it holds no valid user line';
  try {
    host.readFile('/etc/passwd', Math.max(info.size, 1));
  } catch (error) {
    cause = (error as Error).message;
  }
  throw new UsageError(`cannot read the users of ${root}: ${info.type === 'file' ? cause : `/etc/passwd is a ${info.type === 'dir' ? 'directory' : info.type}`}`, 'without them every job looks like an orphan; run cronwarden as root, or check that --root is the host\'s root directory');
}

export const rootOption = () => new Option('--root <dir>', 'root directory of the host to examine (a mounted image, a chroot)').default('/');

export function registerScan(program: Command, io: Io): void {
  program
    .command('scan')
    .description('find the risks in every cron job of the host (read-only)')
    .addOption(rootOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(
      new Option('--min-severity <level>', 'show only findings at or above this level (default: low for text, info for json/sarif)').choices([
        ...SEVERITIES,
      ]),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level').choices([...SEVERITIES, 'never']).default('high'),
    )
    .option('--rule <id...>', 'run only these rules')
    .option('--disable <id...>', 'do not run these rules')
    .addHelpText(
      'after',
      '\nExit status: 0 no finding at or above --fail-on, 1 there is one, 2 usage error or unreadable root.\n' +
        'Suppress one line with a comment above it: # cronwarden-disable-next-line RULE[, RULE]\n\n' +
        'Examples:\n  cronwarden scan\n  cronwarden scan --root /mnt/web1 --format json > report.json\n' +
        '  cronwarden scan --format sarif --fail-on critical > cron.sarif',
    )
    .action(async (flags: ScanFlags) => {
      await checkRuleIds(flags.rule, '--rule');
      await checkRuleIds(flags.disable, '--disable');
      const host = rootHost(flags.root);
      checkAccounts(host, flags.root, io);
      const [{ scan }, { writeJsonReport }, { toSarif }, { renderText }, { RULES }] = await Promise.all([
        import('../scan.js'),
        import('../report/json.js'),
        import('../report/sarif.js'),
        import('../report/text.js'),
        import('../rules/registry.js'),
      ]);
      const result = scan(host, { rules: flags.rule, disable: flags.disable });
      const minSeverity = flags.minSeverity ?? (flags.format === 'text' ? 'low' : 'info');
      const shown = result.findings.filter((f) => severityRank(f.severity) <= severityRank(minSeverity));
      if (flags.format === 'json') writeJsonReport(result, shown, io.out);
      else if (flags.format === 'sarif') io.out(`${JSON.stringify(toSarif(result, shown, RULES, program.version() ?? ''), null, 2)}\n`);
      else io.out(renderText(result, shown, io.color, result.findings.length - shown.length));
      const failing =
        flags.failOn !== 'never' && result.findings.some((f) => severityRank(f.severity) <= severityRank(flags.failOn as Severity));
      io.exitCode = failing ? 1 : 0;
    });
}
