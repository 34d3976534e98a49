// What `cronwarden try` prints: the preview shown before the confirmation (stderr), the result
// (stdout, text or JSON). Pure: values in, text out.

import type { Job } from '../core/types.js';
import type { CronExecution } from './cron-execution.js';
import { envDiff, type EnvDiff } from './env-diff.js';
import { MAX_OUTPUT_BYTES, type StreamCapture, type TryResult } from './result.js';

/** POSIX-shell quoting, for showing argv so it can be pasted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

function describeStdin(stdin: string | null): string {
  if (stdin === null) return 'empty (cron gives the job an empty pipe)';
  const lines = stdin.split('\n').length - (stdin.endsWith('\n') ? 1 : 0);
  return `${lines} line${lines === 1 ? '' : 's'} from the text after '%' in the crontab line: ${JSON.stringify(stdin)}`;
}

export function renderPreview(job: Job, e: CronExecution, timeoutMs: number): string {
  const lines: string[] = [];
  if (!job.live) {
    lines.push(`WARNING: cron will NOT run this job: ${job.notLiveReason ?? 'its file is not loaded'}.`);
    lines.push('Running it now shows what it would do once that is fixed.', '');
  }
  lines.push(`Run job ${job.id} (${job.source} line ${job.line}) now, as cron would:`);
  lines.push(`  user     ${e.user} (uid ${e.uid}, gid ${e.gid}, and the user's supplementary groups)`);
  lines.push(`  command  ${job.command}`);
  lines.push(`  argv     ${e.argv.map(shellQuote).join(' ')}`);
  lines.push(
    `  cwd      ${e.cwd === null ? `${e.fallbackCwd} (no HOME)` : `${e.cwd}${e.cwd === e.fallbackCwd ? '' : ` (${e.fallbackCwd} if ${e.user} cannot enter it)`}`}`,
  );
  lines.push(`  stdin    ${describeStdin(e.stdin)}`);
  lines.push(`  timeout  ${seconds(timeoutMs)}, then its whole process group is killed`);
  lines.push('  environment (exactly this, nothing inherited; no login shell, no profile files):');
  for (const name of Object.keys(e.env).sort()) {
    lines.push(`    ${name}=${e.env[name]}${e.pamVariables.includes(name) ? '   (from PAM: pam_env)' : ''}`);
  }
  for (const n of e.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function streamBlock(name: string, s: StreamCapture): string[] {
  const head = `── ${name} (${s.bytes} byte${s.bytes === 1 ? '' : 's'}) ──`;
  if (s.bytes === 0) return [head, '(nothing)'];
  const body = s.text.endsWith('\n') ? s.text.slice(0, -1) : `${s.text}\n(no newline at end)`;
  const tail = s.truncated ? [`… truncated: only the first ${MAX_OUTPUT_BYTES / 1024} KiB of ${s.bytes} bytes are shown`] : [];
  return [head, body, ...tail];
}

export function outcomeLine(r: TryResult): string {
  if (r.startError) return `could not start: ${r.startError}`;
  if (r.timedOut) return `timed out after ${seconds(r.timeoutMs)}: its process group was killed${r.signal ? ` (${r.signal})` : ''}`;
  if (r.cancelled) return `cancelled: its process group was killed${r.signal ? ` (${r.signal})` : ''}`;
  if (r.signal) return `killed by signal ${r.signal}`;
  return `exit status ${r.exitCode}`;
}

function diffLines(d: EnvDiff): string[] {
  const lines = ['── environment differences (your shell → the cron job) ──'];
  if (d.path) {
    lines.push(`PATH differs — the most common reason a job works in a shell and fails in cron:`);
    lines.push(`  yours:  ${d.path.yours ?? '(unset)'}`, `  cron's: ${d.path.cron ?? '(unset)'}`);
    if (d.path.missingInCron.length) {
      lines.push(`  not on cron's PATH: ${d.path.missingInCron.join(' ')}`);
      lines.push("  a command found there in your shell is 'not found' in cron: use absolute paths or add a PATH= line");
    }
  }
  if (d.onlyYours.length) lines.push(`only in your environment (the job will not have them): ${d.onlyYours.join(' ')}`);
  if (d.different.length) {
    lines.push('set differently by cron:');
    for (const v of d.different) lines.push(`  ${v.name}: yours ${JSON.stringify(v.yours)}, cron's ${JSON.stringify(v.cron)}`);
  }
  if (d.onlyCron.length) lines.push(`only in cron's environment: ${d.onlyCron.map((v) => `${v.name}=${v.value}`).join(' ')}`);
  if (!d.path && !d.onlyYours.length && !d.different.length && !d.onlyCron.length) lines.push('none: your environment is exactly cron\'s');
  return lines;
}

export function renderResultText(job: Job, r: TryResult, callerEnv: Readonly<Record<string, string | undefined>>): string {
  const lines = [
    ...streamBlock('stdout', r.stdout),
    ...streamBlock('stderr', r.stderr),
    '── result ──',
    `job       ${job.id} as ${r.execution.user}`,
    `outcome   ${outcomeLine(r)}`,
    `duration  ${seconds(Math.round(r.durationMs))}`,
    `ran in    ${r.ranIn}`,
  ];
  if (r.cwdNote) lines.push(`note: ${r.cwdNote}`);
  if (r.leftRunning) lines.push(`note: processes the job started were still running when it ended (process group ${r.pid}); cron leaves them running too`);
  if (r.stdout.bytes + r.stderr.bytes > 0) {
    lines.push('note: cron sends stdout and stderr together, as one mail to MAILTO (or the crontab owner); with no MTA the output is lost');
  }
  lines.push(...diffLines(envDiff(callerEnv, r.execution.env)));
  return `${lines.join('\n')}\n`;
}

export function resultJson(job: Job, r: TryResult, callerEnv: Readonly<Record<string, string | undefined>>): object {
  return {
    version: 1,
    job: { id: job.id, source: job.source, line: job.line, user: job.user, command: job.command, live: job.live, notLiveReason: job.notLiveReason },
    execution: r.execution,
    result: {
      outcome: outcomeLine(r),
      exitCode: r.exitCode,
      signal: r.signal,
      timedOut: r.timedOut,
      cancelled: r.cancelled,
      timeoutMs: r.timeoutMs,
      durationMs: Math.round(r.durationMs),
      ranIn: r.ranIn,
      cwdNote: r.cwdNote,
      leftRunning: r.leftRunning,
      startError: r.startError,
      stdout: r.stdout,
      stderr: r.stderr,
    },
    environmentDifferences: envDiff(callerEnv, r.execution.env),
  };
}
