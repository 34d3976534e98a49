// Measuring helpers for bench/run.mjs: child processes timed from outside (wall clock around the
// spawn, peak RSS from GNU time's %M, i.e. the child's getrusage ru_maxrss), medians, and a tmux
// driver for the wizard's frames.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const round = (x, digits = 0) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

const HAS_TIME = existsSync('/usr/bin/time');

/**
 * Runs `cmd args` once: wall ms (spawn to exit), peak RSS in MB (null without /usr/bin/time),
 * exit status and stdout/stderr (stdout to `stdoutFile` when given, so a 100 MB report is not
 * buffered here).
 */
export function runChild(cmd, args, { stdoutFile, timeoutMs = 600_000, cwd, env } = {}) {
  const wrapped = HAS_TIME ? ['/usr/bin/time', ['-f', '@@maxrss=%M', cmd, ...args]] : [cmd, args];
  const stdio = stdoutFile ? ['ignore', 'pipe', 'pipe'] : 'pipe';
  const shell = stdoutFile ? ['/bin/sh', ['-c', `exec "$@" > '${stdoutFile}'`, 'sh', wrapped[0], ...wrapped[1]]] : wrapped;
  const start = performance.now();
  const r = spawnSync(shell[0], shell[1], { stdio, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1 << 30, cwd, env });
  const ms = performance.now() - start;
  const m = /@@maxrss=(\d+)/.exec(r.stderr ?? '');
  return {
    ms,
    rssMb: m ? Number(m[1]) / 1024 : null,
    status: r.status,
    timedOut: r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM',
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '').replace(/@@maxrss=\d+\n?/, ''),
  };
}

/** `runs` runs of runChild (fewer when one takes longer than `slowMs`): medians and every sample. */
export function repeat(runs, run, { slowMs = Infinity } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = run(i);
    samples.push(r);
    if (r.ms > slowMs || r.timedOut) break;
  }
  return {
    ms: median(samples.map((s) => s.ms)),
    rssMb: median(samples.filter((s) => s.rssMb !== null).map((s) => s.rssMb)),
    runs: samples.length,
    samplesMs: samples.map((s) => round(s.ms)),
    last: samples[samples.length - 1],
  };
}

/** A tmux server on its own socket (never the user's), for driving the built wizard. */
export function tmuxDriver(socket) {
  const tmux = (...args) => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const pane = () => tmux('capture-pane', '-p', '-t', 'bench');
  /** Polls as fast as tmux answers until `predicate(pane)`; ms from `since`, or null on timeout. */
  const waitFor = (predicate, since, timeoutMs) => {
    for (;;) {
      const screen = pane();
      const now = performance.now();
      if (predicate(screen)) return { ms: now - since, screen };
      if (now - since > timeoutMs) return { ms: null, screen };
    }
  };
  return {
    available: spawnSync('tmux', ['-V']).status === 0,
    tmux,
    pane,
    waitFor,
    start: (command) => tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'bench', command),
    keys: (...keys) => tmux('send-keys', '-t', 'bench', ...keys),
    stop: () => spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}
