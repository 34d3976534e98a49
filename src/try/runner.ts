// Runs one job now, the way cron's grandchild does (see cron-execution.ts), on the live host.
// Privileges are dropped by util-linux setpriv, not by Node: spawn({uid, gid}) clears the
// supplementary groups (libuv's setgroups(0, NULL)) but never calls initgroups(), so the job would
// lack the user's own groups (a backup user in `disk`, a web user in `ssl-cert`); cron gives it
// exactly those.
// The environment passed is exactly cron's (spawn's `env`, nothing inherited); the job gets its own
// session and process group (detached: setsid(), as cron does), so a timeout can kill all of it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { RefusedError } from '../core/errors.js';
import type { Host, Job } from '../core/types.js';
import { rootHost } from '../host/root-host.js';
import { cronExecution, type CronExecution } from './cron-execution.js';
import { MAX_OUTPUT_BYTES, type StreamCapture, type TryOptions, type TryResult } from './result.js';

export type { StreamCapture, TryOptions, TryResult } from './result.js';

export const SETPRIV = '/usr/bin/setpriv';
const ENV = '/usr/bin/env';
const TRUE = '/bin/true';
/** How long a job gets after SIGTERM before its process group is killed outright. */
const KILL_GRACE_MS = 2_000;
/** How long to wait, after the job's shell exited, for processes it left behind to close its output. */
const DRAIN_MS = 1_000;
/** The umask cron's jobs inherit from the daemon: systemd starts services with 0022. */
const CRON_UMASK = 0o022;

/** cron's start-up plan for `job` on this machine, or a RefusedError saying why it cannot run here. */
export function prepareTry(job: Job, host: Host = rootHost('/')): CronExecution {
  const planned = cronExecution(job, host);
  if (!planned.ok) throw new RefusedError(planned.reason, 'fix the crontab line (see `cronwarden scan`) and try again');
  if (process.getuid?.() !== 0) {
    throw new RefusedError(
      `running a job as ${planned.execution.user} needs root: cron starts every job as root and drops to the user`,
      `run it as root: sudo cronwarden try ${job.id}`,
    );
  }
  for (const tool of [SETPRIV, ENV]) {
    if (!existsSync(tool)) {
      throw new RefusedError(
        `${tool} is missing: it is how the job gets the user's exact groups (initgroups), which Node cannot do`,
        'install util-linux and coreutils (apt-get install util-linux coreutils)',
      );
    }
  }
  return planned.execution;
}

function idArgs(e: CronExecution): string[] {
  // setpriv's --init-groups runs initgroups(getpwuid(uid)->pw_name, gid); cron uses the crontab's
  // user name, which is the same account unless two names share the uid.
  return ['--reuid', String(e.uid), '--regid', String(e.gid), '--init-groups', '--'];
}

/** cron does chdir($HOME) *as the user* and ignores a failure: try the same chdir the same way. */
function workingDirectory(e: CronExecution): { dir: string; note: string | null } {
  if (e.cwd === null) return { dir: e.fallbackCwd, note: `no HOME: the job runs in cron's directory ${e.fallbackCwd}` };
  const probe = spawnSync(SETPRIV, [...idArgs(e), ENV, '-C', e.cwd, TRUE], { env: {}, cwd: e.fallbackCwd, encoding: 'utf8' });
  if (probe.status === 0) return { dir: resolve(e.fallbackCwd, e.cwd), note: null };
  const why = (probe.stderr || probe.error?.message || `exit status ${probe.status}`).trim().replace(/^\S*env: /, '');
  return { dir: e.fallbackCwd, note: `${e.user} cannot enter ${e.cwd} (${why}): cron ignores that and runs the job in ${e.fallbackCwd}` };
}

function capture(stream: 'stdout' | 'stderr', sink: TryOptions['onOutput']) {
  const kept: Buffer[] = [];
  const decoder = new StringDecoder('utf8');
  const state = { bytes: 0, keptBytes: 0 };
  return {
    add(chunk: Buffer) {
      state.bytes += chunk.length;
      const room = MAX_OUTPUT_BYTES - state.keptBytes;
      if (room > 0) {
        kept.push(chunk.subarray(0, room));
        state.keptBytes += Math.min(room, chunk.length);
      }
      if (sink) sink(stream, decoder.write(chunk));
    },
    result(): StreamCapture {
      return { text: Buffer.concat(kept).toString('utf8'), bytes: state.bytes, truncated: state.bytes > state.keptBytes };
    },
  };
}

/** Live (not zombie) processes in the process group. kill(-pgid, 0) would also count zombies
 *  waiting for a reaper, so read /proc. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Runs `job` once, now, as cron would, and reports what happened. Refuses (RefusedError) when it
 *  cannot be run faithfully here; the caller has already asked for confirmation. */
export async function tryRun(job: Job, options: TryOptions): Promise<TryResult> {
  const execution = prepareTry(job, options.host);
  const { dir, note } = workingDirectory(execution);
  const [program, ...args] = execution.argv;
  // A relative $SHELL is resolved by execle() against the working directory, never PATH;
  // setpriv's execvp() would search PATH for a bare name, so give it one with a slash.
  const path = program!.includes('/') ? program! : `./${program}`;
  const out = capture('stdout', options.onOutput);
  const err = capture('stderr', options.onOutput);
  const started = process.hrtime.bigint();
  const previousUmask = process.umask(CRON_UMASK);
  let child;
  try {
    child = spawn(SETPRIV, [...idArgs(execution), path, ...args], { env: execution.env, cwd: dir, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  } finally {
    process.umask(previousUmask);
  }
  const allClosed = new Promise<boolean>((r) => child.once('close', () => r(true)));
  child.stdout.on('data', (c: Buffer) => out.add(c));
  child.stderr.on('data', (c: Buffer) => err.add(c));
  // A job that never reads its stdin closes the pipe early: cron's writer dies of SIGPIPE quietly.
  child.stdin.on('error', () => undefined);
  if (execution.stdin !== null) child.stdin.end(execution.stdin);
  else child.stdin.end();

  let timedOut = false;
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const pgid = child.pid;
  const stop = () => {
    if (pgid === undefined || killTimer) return;
    killGroup(pgid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pgid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  // The job has its own session, so a Ctrl-C reaches only us: pass it on through `signal`.
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const outcome = await new Promise<{ code: number | null; signal: string | null; error: string | null }>((done) => {
    child.once('error', (e) => done({ code: null, signal: null, error: `${SETPRIV} could not be started: ${e.message}` }));
    child.once('exit', (code, signal) => done({ code, signal, error: null }));
  });
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  if ((timedOut || cancelled) && pgid !== undefined) {
    // The shell is gone; anything it started gets no grace either.
    killGroup(pgid, 'SIGKILL');
    for (let i = 0; i < 50 && groupMembers(pgid).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
  }
  if (killTimer) clearTimeout(killTimer);
  let drainTimer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([allClosed, new Promise<boolean>((r) => (drainTimer = setTimeout(() => r(false), DRAIN_MS)))]);
  clearTimeout(drainTimer);
  if (!closed) {
    child.stdout.destroy();
    child.stderr.destroy();
  }
  return {
    execution,
    ranIn: dir,
    cwdNote: note,
    exitCode: outcome.code,
    signal: outcome.signal,
    timedOut,
    cancelled,
    timeoutMs: options.timeoutMs,
    durationMs,
    stdout: out.result(),
    stderr: err.result(),
    pid: pgid ?? null,
    leftRunning: pgid !== undefined && groupMembers(pgid).length > 0,
    startError: outcome.error,
  };
}
