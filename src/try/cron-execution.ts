// Exactly what Debian's cron (3.0pl1-162, do_command.c child_process) does to start a job, as data:
//   setsid(); stdin = a pipe carrying the text after '%'; stdout and stderr = one file (mailed);
//   setgid(pw_gid); initgroups(LOGNAME, pw_gid); setuid(pw_uid); chdir($HOME) — its failure is
//   ignored, the job then runs in cron's own directory /var/spool/cron (misc.c set_cron_cwd);
//   execle($SHELL, $SHELL, "-c", command, NULL, env) — argv[0] is $SHELL as written, PATH is never
//   searched for it; env = PAM's variables (pam_env) with the job's crontab environment over them.
// The job's crontab environment is job.env (entry.c load_entry: env lines, SHELL/HOME/PATH defaults,
// LOGNAME forced). Debian sets no USER (only under `#if defined(BSD)`, which glibc does not define).
// cronie differs: it also sets USER, defaults PATH to /usr/bin:/bin:/usr/sbin:/sbin (or its own
// PATH), and does not run the job at all when chdir($HOME) fails.

import { dirName } from '../core/discover.js';
import { parseCrontab } from '../core/crontab.js';
import { cronEnv } from '../core/cron-env.js';
import type { Host, Job, PasswdEntry } from '../core/types.js';
import { pamEnv } from './pam-env.js';

/** cron's working directory (pathnames.h CRONDIR): where a job runs when chdir($HOME) fails. */
export const CRON_DAEMON_CWD = '/var/spool/cron';

export interface CronExecution {
  user: string;
  uid: number;
  gid: number;
  /** The argv cron passes; argv[0] is also the program it executes (a path, never looked up). */
  argv: string[];
  /** The complete environment of the job, nothing inherited. */
  env: Record<string, string>;
  /** The directory cron chdir()s to as the user, or null when there is none to try (no HOME). */
  cwd: string | null;
  /** Where the job runs when that chdir fails. */
  fallbackCwd: string;
  /** Bytes written to the job's stdin (cron's own framing applied), or null: an empty pipe. */
  stdin: string | null;
  /** Variables that came from PAM (pam_env) rather than the crontab. */
  pamVariables: string[];
  /** What this reproduction cannot show, or where cron's way is surprising. Plain sentences. */
  notes: string[];
}

export type CronExecutionResult = { ok: true; execution: CronExecution } | { ok: false; reason: string };

/** cron writes the text after '%' and then a newline when the last character its loop wrote was not
 *  one. Backslashes are only ever written by its escape handling, never by that loop's main write,
 *  so "the last character written" is the last one that is not a backslash. */
export function cronStdin(stdin: string | null): string | null {
  if (stdin === null || stdin === '') return null;
  const last = stdin.replace(/\\/g, '').slice(-1);
  return last !== '' && last !== '\n' ? `${stdin}\n` : stdin;
}

function passwdEntry(host: Host, name: string): PasswdEntry | null {
  // getpwnam returns the first entry with the name.
  return host.users().find((u) => u.name === name) ?? null;
}

/** The environment of the /etc/crontab line that runs run-parts on `dir` (Debian's stock lines),
 *  or null when there is none. */
function runPartsLineEnv(host: Host, dir: string, root: PasswdEntry): { env: Record<string, string>; line: number } | null {
  let bytes: Uint8Array;
  try {
    bytes = host.readFile('/etc/crontab');
  } catch {
    return null;
  }
  const fromFile: Record<string, string> = {};
  for (const line of parseCrontab(bytes, 'system').lines) {
    if (line.kind === 'env' && line.env) fromFile[line.env.name] = line.env.value;
    if (line.kind === 'job' && line.job && /\brun-parts\b/.test(line.job.command) && line.job.command.includes(dir)) {
      return { env: cronEnv(fromFile, 'root', root), line: line.number };
    }
  }
  return null;
}

export function cronExecution(job: Job, host: Host): CronExecutionResult {
  if (job.user === null) return { ok: false, reason: `job ${job.id} has no user: cron cannot run it (its line does not name a valid user)` };
  const pw = passwdEntry(host, job.user);
  if (!pw) {
    return {
      ok: false,
      reason: `user ${job.user} is not in /etc/passwd: cron cannot run job ${job.id} (it refuses the whole file), and neither can this`,
    };
  }
  const notes: string[] = [];
  let crontabEnv: Record<string, string> = { ...job.env };
  let argv: string[];
  let cwd: string | null;
  if (job.sourceKind === 'run-parts') {
    // run-parts execv()s the script itself (no shell), from the stock line `cd / && run-parts …`.
    const fromLine = runPartsLineEnv(host, dirName(job.source), pw);
    if (fromLine) crontabEnv = fromLine.env;
    else notes.push(`no /etc/crontab line runs run-parts on ${dirName(job.source)}: cron's default environment is used`);
    if (host.lstat('/usr/sbin/anacron')) {
      notes.push(
        `anacron is installed: it, not cron, runs ${dirName(job.source)}, with /etc/anacrontab's variables over the environment it was started with — ` +
          `this run uses ${fromLine ? `/etc/crontab line ${fromLine.line}'s` : "cron's"} environment instead`,
      );
    }
    argv = [job.command];
    cwd = '/';
  } else {
    if (job.sourceKind === 'anacron') notes.push('anacron runs this job from its own environment and directory; this run uses cron\'s');
    const shell = crontabEnv.SHELL ?? '/bin/sh';
    argv = [shell, '-c', job.command];
    cwd = job.sourceKind === 'anacron' ? '/' : (crontabEnv.HOME ?? null);
    if (!shell.includes('/')) {
      notes.push(`SHELL=${shell} is not a path: cron's execle() does not search PATH, so the job fails unless ./${shell} exists in its working directory`);
    }
  }
  const pam = pamEnv(host);
  const env: Record<string, string> = { ...pam.env, ...crontabEnv };
  const pamVariables = Object.keys(pam.env).filter((name) => !(name in crontabEnv));
  for (const what of pam.notReproduced) notes.push(`not reproduced: ${what}`);
  notes.push('not reproduced: PAM session effects other than variables (pam_limits resource limits, pam_loginuid)');
  return {
    ok: true,
    execution: {
      user: pw.name,
      uid: pw.uid,
      gid: pw.gid,
      argv,
      env,
      cwd,
      fallbackCwd: job.sourceKind === 'user' || job.sourceKind === 'system' ? CRON_DAEMON_CWD : '/',
      stdin: job.sourceKind === 'run-parts' ? null : cronStdin(job.stdin),
      pamVariables,
      notes,
    },
  };
}
