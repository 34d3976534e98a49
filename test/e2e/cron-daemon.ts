// Running Debian's cron daemon in the foreground for the end-to-end test, and waiting on it the
// only honest way: cron fires at minute boundaries, so the test aligns to the clock and then polls
// for evidence (marker files, syslog lines) until a deadline, never sleeping a fixed time.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SyslogListener } from './syslog.js';

export const CRON_BIN = '/usr/sbin/cron';
/** Debian's cron (3.0pl1) takes an flock on this file: a second daemon exits at once. */
const PIDFILE = '/run/crond.pid';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 200 ms until it returns a value (not null/undefined/false) or the deadline
 *  (epoch ms) passes; then throws, naming what was awaited and `context()` (what was seen). */
export async function waitFor<T>(what: string, deadline: number, probe: () => T | null | undefined | false, context: () => string = () => ''): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = context();
      throw new Error(`timed out waiting for ${what}${seen === '' ? '' : `\n${seen}`}`);
    }
    await sleep(200);
  }
}

/** The next minute boundary (epoch ms) at least `marginMs` away: changes made now are seen by cron
 *  when it wakes there. Too close to a boundary, wait it out (a clock alignment, not a guess). */
export async function nextBoundary(marginMs: number): Promise<number> {
  let boundary = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  if (boundary - Date.now() < marginMs) {
    await sleep(boundary - Date.now() + 500);
    boundary += 60_000;
  }
  return boundary;
}

/** The pid of a cron daemon already running (it would hold the pidfile lock), or null. */
export function runningCronPid(): number | null {
  if (!existsSync(PIDFILE)) return null;
  const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'cron' ? pid : null;
  } catch {
    return null;
  }
}

/** Starts `cron -f -L 15` (log start, end, failures and pids) and resolves once it has read its
 *  tables: its "@reboot jobs" line comes right after the refusals of files it will not load. */
export async function startCron(syslog: SyslogListener): Promise<ChildProcess> {
  const other = runningCronPid();
  if (other !== null) {
    throw new Error(
      `another cron daemon (pid ${other}) is running: the test needs its own foreground daemon to read its syslog. ` +
        'Stop it first (systemctl stop cron); .ci/run does this.',
    );
  }
  const child = spawn(CRON_BIN, ['-f', '-L', '15'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    `cron (pid ${child.pid}) to load its tables`,
    Date.now() + 10_000,
    () => {
      if (child.exitCode !== null) throw new Error(`cron exited with ${child.exitCode} at start: ${output.trim()}`);
      return syslog.lines.some((l) => l.includes(`cron[${child.pid}]`) && l.includes('@reboot jobs'));
    },
    () => `syslog so far:\n${syslog.lines.join('\n')}\ncron output: ${output}`,
  );
  return child;
}

export const FLOCK_BIN = '/usr/bin/flock';

/** Serialises end-to-end runs on one machine (two would fight over /dev/log, cron's pidfile and
 *  the same files): flock(1) on /etc/cron.d, held while its child `cat` reads our stdin pipe, so
 *  the lock also goes when this process dies. Resolves null when not granted within waitMs. */
export async function lockMachine(waitMs: number): Promise<ChildProcess | null> {
  const wait = waitMs <= 0 ? ['-n'] : ['-w', String(Math.ceil(waitMs / 1000))];
  const child = spawn(FLOCK_BIN, ['-x', ...wait, '/etc/cron.d', 'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', () => resolve(null));
  });
}

/** Ends the lock holder's input: its `cat` exits, flock exits, the lock is released. */
export async function unlockMachine(lock: ChildProcess): Promise<void> {
  if (lock.exitCode !== null || lock.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => lock.once('exit', () => resolve()));
  lock.stdin!.end();
  await exited;
}

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Runs the built CLI; returns exit code, output and how long it took (never throws on a non-zero
 *  exit). The timeout is generous: apply and rollback fsync and run useradd/userdel, slow on a
 *  loaded machine (18 s seen for a rollback while other suites ran). */
export function cli(args: string[]): { code: number; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  const stderr = result.stderr + (result.error ? String(result.error) : '');
  return { code: result.status ?? -1, stdout: result.stdout, stderr, ms: Date.now() - started };
}
