// The programs and scripts a job runs, as the rules that judge them (writable-target,
// missing-target, unmanaged-binary…) need them: every simple command's program found on the PATH
// it runs with (a call of a shell function the job defines is none), the command behind wrappers
// (`nice`, `timeout 60`, `flock -n f`, `env X=1`), the script given to an interpreter
// (`php artisan`, `bash run.sh`, `python3 job.py`) and scripts sourced by a literal name
// (`. /etc/default/x`).

import { posix } from 'node:path';
import type { Job } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';
import { basename, callsFunction, shellOf, SHELL_BUILTINS, type SimpleCommand, type Word } from '../shell/index.js';
import { jobEnvironment, splitPath } from './environment.js';
import { absoluteFrom, lookupCommand, type CommandLookup } from './resolve.js';

export interface Target {
  /** command: a program run by name or path; script: a file given to an interpreter; sourced: `. FILE`. */
  kind: 'command' | 'script' | 'sourced';
  /** The word as written in the job (offset, text), for fixes that rewrite it. */
  word: Word;
  /** Its literal value (a leading `~/` or `$HOME/` expanded to the job's HOME). */
  name: string;
  /** What the lookup found: `path` is the absolute host path as named, when found. */
  lookup: CommandLookup;
  /** PATH entries the lookup used (the job's, or an inline `PATH=…` one). */
  pathEntries: string[];
  /** The job checks for it before running it (`test -x P &&`, `command -v N >/dev/null &&`). */
  guarded: boolean;
  command: SimpleCommand;
}

/** Options that take a value, per wrapper; `positional` words are skipped before the command. */
const WRAPPERS: Record<string, { valued: string[]; positional: number }> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], positional: 0 },
  nice: { valued: ['-n', '--adjustment'], positional: 0 },
  ionice: { valued: ['-c', '--class', '-n', '--classdata', '-p', '-P', '-u'], positional: 0 },
  nohup: { valued: [], positional: 0 },
  chronic: { valued: [], positional: 0 },
  'run-one': { valued: [], positional: 0 },
  setsid: { valued: [], positional: 0 },
  stdbuf: { valued: ['-i', '-o', '-e', '--input', '--output', '--error'], positional: 0 },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  flock: { valued: ['-w', '--wait', '--timeout', '-E', '--conflict-exit-code'], positional: 1 },
  exec: { valued: ['-a'], positional: 0 },
  command: { valued: [], positional: 0 },
  time: { valued: ['-f', '--format', '-o', '--output'], positional: 0 },
  // sudo/doas run their command as another user: still a program this job runs (sudo-in-job judges the rest).
  sudo: { valued: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user'], positional: 0 },
  doas: { valued: ['-u', '-C'], positional: 0 },
  xargs: { valued: ['-n', '-I', '-P', '-d', '-L', '-s', '-a', '-E', '--max-args', '--max-procs', '--delimiter', '--arg-file'], positional: 0 },
};

/** Interpreters whose first operand is a script file, and their options that take a value or
 *  mean "no script file" (code given inline, a module, stdin). */
const INTERPRETERS: Array<{ match: RegExp; valued: string[]; inline: string[] }> = [
  { match: /^(?:ba|da|k|mk|z|a)?sh$/, valued: ['-o', '+o', '-O', '+O'], inline: ['-c', '-s'] },
  { match: /^php[0-9.]*$/, valued: ['-c', '-d', '-z'], inline: ['-r', '-a', '-S', '-B', '-R', '-E'] },
  { match: /^python[0-9.]*$/, valued: ['-W', '-X', '-Q'], inline: ['-c', '-m'] },
  { match: /^perl[0-9.]*$/, valued: ['-I', '-M', '-m'], inline: ['-e', '-E'] },
  { match: /^(?:ruby|node|nodejs)$/, valued: ['-I', '-r', '--require'], inline: ['-e', '--eval', '-p'] },
];

const GUARD_TESTS = new Set(['-x', '-e', '-f', '-s', '-r']);

type Nested<T> = Map<string, T>;

/**
 * Jobs with the same command, user and environment run the same programs, so they share one
 * (frozen) list: a 100k-job host is mostly a few hundred distinct commands. Nested maps keyed by
 * the job's own strings (whose hashes V8 keeps) instead of one concatenated key: a lookup costs no
 * allocation and no rehashing, which matters when 16 rules ask for every one of 100k jobs.
 */
export function targetsOf(ctx: RuleContext, job: Job): readonly Target[] {
  const byJob = memo(ctx, 'facts:targets-by-job', () => new WeakMap<Job, readonly Target[]>());
  const known = byJob.get(job);
  if (known) return known;
  const root = memo(ctx, 'facts:targets', () => new Map() as Nested<Nested<Nested<Nested<Nested<readonly Target[]>>>>>);
  const level = <T>(map: Nested<T>, key: string, make: () => T): T => {
    let next = map.get(key);
    if (next === undefined) map.set(key, (next = make()));
    return next;
  };
  const byCommand = level(
    level(level(level(root, job.user ?? '', () => new Map()), job.env.PATH ?? '', () => new Map()), job.env.HOME ?? '', () => new Map()),
    job.env.SHELL ?? '',
    () => new Map(),
  );
  const found = level(byCommand, job.command, () => Object.freeze(collect(ctx, job)));
  byJob.set(job, found);
  return found;
}

function collect(ctx: RuleContext, job: Job): Target[] {
  const analysis = shellOf(ctx, job);
  const env = jobEnvironment(job);
  const guards = guardsOf(analysis.commands);
  const targets: Target[] = [];
  let jobPath = env.pathEntries;
  // Cron starts the job in HOME (do_command.c); a literal `cd /dir &&` moves it for what follows.
  let cwd: string | null = env.home;
  for (const command of analysis.commands) {
    const main = !command.inSubshell && !command.inSubstitution && !command.background;
    const ownPath = literalAssignment(command, 'PATH');
    if (!command.name) {
      if (ownPath !== null && main) jobPath = splitPath(ownPath);
      continue;
    }
    const name = command.name.value;
    if (name === 'export' && main) {
      for (const arg of command.args) if (arg.value?.startsWith('PATH=')) jobPath = splitPath(arg.value.slice(5));
    }
    if ((name === 'cd' || name === 'chdir') && main) {
      // `cd` alone goes HOME; `cd -` (OLDPWD) and computed directories leave it unknown.
      const dir = command.args.find((a) => a.value === '-' || !a.value?.startsWith('-'));
      cwd = dir?.value && dir.value !== '-' ? absoluteFrom(dir.value, cwd) : dir ? null : env.home;
    }
    // `backup() { …; }; backup`: the call runs the body, whose commands are listed on their own.
    if (callsFunction(command)) continue;
    const pathEntries = ownPath !== null ? splitPath(ownPath) : jobPath;
    const add = (kind: Target['kind'], word: Word, entries: string[]): Target | null => {
      const value = expandTilde(word, env.home);
      if (value === null || word.hasGlob) return null;
      const lookup = kind === 'command' ? lookupCommand(ctx, value, entries, cwd) : fileLookup(ctx, value, entries, cwd, kind);
      const guarded = guards.has(value) || (lookup.path !== null && guards.has(lookup.path));
      const target: Target = { kind, word, name: value, lookup, pathEntries: entries, guarded, command };
      targets.push(target);
      return target;
    };
    visitCommand(command, [command.name, ...command.args], pathEntries, add);
  }
  return targets;
}

type Add = (kind: Target['kind'], word: Word, entries: string[]) => Target | null;

function visitCommand(command: SimpleCommand, words: Word[], pathEntries: string[], add: Add): void {
  const first = words[0];
  if (!first || first.value === null) {
    if (first) add('command', first, pathEntries);
    return;
  }
  const value = first.value;
  const base = basename(value);
  if (value === '.' || value === 'source') {
    const file = words.slice(1).find((w) => w.value !== '--');
    if (file) add('sourced', file, pathEntries);
    return;
  }
  const wrapper = WRAPPERS[base];
  if (wrapper) {
    // `command -v x` and `command -V x` only look x up; `env` alone prints the environment.
    if (base === 'command' && words.slice(1).some((w) => w.value === '-v' || w.value === '-V')) return;
    if (!SHELL_BUILTINS.has(value)) add('command', first, pathEntries);
    const rest = skipWrapperArgs(base, words.slice(1));
    if (!rest) return;
    const inner = base === 'env' ? envPath(words.slice(1), pathEntries) : pathEntries;
    visitCommand(command, rest, inner, add);
    return;
  }
  if (SHELL_BUILTINS.has(value)) return;
  const target = add('command', first, pathEntries);
  const interpreter = INTERPRETERS.find((i) => i.match.test(basename(target?.lookup.path ?? value)));
  if (!interpreter) return;
  const script = scriptOperand(words.slice(1), interpreter);
  if (script) add('script', script, pathEntries);
}

function skipWrapperArgs(base: string, args: Word[]): Word[] | null {
  const spec = WRAPPERS[base]!;
  let i = 0;
  let positional = spec.positional;
  while (i < args.length) {
    const v = args[i]!.value;
    if (v === null) return null;
    if (v === '--') {
      i++;
      break;
    }
    if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-') && v !== '-') {
      // `flock -c 'cmd'` runs a shell string, not a program: nothing literal to resolve.
      if (base === 'flock' && (v === '-c' || v === '--command')) return null;
      i += spec.valued.includes(v) ? 2 : 1;
      continue;
    }
    if (positional > 0) {
      positional--;
      i++;
      continue;
    }
    break;
  }
  while (positional-- > 0 && i < args.length) i++;
  return i < args.length ? args.slice(i) : null;
}

function envPath(args: Word[], fallback: string[]): string[] {
  for (const arg of args) {
    if (arg.value?.startsWith('PATH=')) return splitPath(arg.value.slice(5));
    if (arg.value === null || (!arg.value.startsWith('-') && !arg.value.includes('='))) break;
  }
  return fallback;
}

function scriptOperand(args: Word[], interpreter: (typeof INTERPRETERS)[number]): Word | null {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return null;
    if (v === '--') return args[i + 1] ?? null;
    // `-c`, and a cluster holding it (`bash -lc '…'`, `python3 -um mod`): the code is inline.
    if (interpreter.inline.includes(v) || (/^-[A-Za-z]+$/.test(v) && interpreter.inline.some((o) => o.length === 2 && v.includes(o[1]!)))) return null;
    if (interpreter.valued.includes(v)) {
      i++;
      continue;
    }
    // php's `-f FILE` names the script explicitly.
    if (v === '-f' && interpreter.match.test('php')) return args[i + 1] ?? null;
    if (v.startsWith('-') || v.startsWith('+')) continue;
    return args[i]!;
  }
  return null;
}

/** A script or sourced file: an existing regular file is enough (an interpreter reads it). `.`
 *  searches PATH for a name without a slash (POSIX), an interpreter looks in the working directory. */
function fileLookup(ctx: RuleContext, value: string, entries: string[], cwd: string | null, kind: Target['kind']): CommandLookup {
  const candidates =
    value.includes('/') || kind === 'script'
      ? [absoluteFrom(value, cwd)]
      : entries.map((e) => absoluteFrom(posix.join(e === '' ? '.' : e, value), cwd));
  for (const path of candidates) {
    if (path === null) continue;
    const info = ctx.host.stat(path);
    if (info?.type === 'file') return { path, status: 'ok', info };
    if (info) return { path, status: 'not-a-file', info };
  }
  if (candidates.every((c) => c === null)) return { path: null, status: 'unknown', info: null };
  const path = candidates.length === 1 ? candidates[0]! : null;
  return { path, status: 'missing', info: null };
}

function literalAssignment(command: SimpleCommand, name: string): string | null {
  const found = command.assignments.findLast((a) => a.name === name);
  return found?.value.value ?? null;
}

/** `~/x`, `$HOME/x` and `${HOME}/x` as the shell expands them (cron sets HOME); any other word
 *  with an expansion stays unknown. */
function expandTilde(word: Word, home: string | null): string | null {
  if (word.value !== null) return word.value;
  const match = /^(?:~|\$HOME|\$\{HOME\}|"\$HOME"|"\$\{HOME\}")(\/[A-Za-z0-9._/+-]*)?$/.exec(word.text);
  return match && home ? posix.join(home, match[1] ?? '') : null;
}

/** Names and paths the job tests for before using them, so a missing one is intended. */
function guardsOf(commands: readonly SimpleCommand[]): Set<string> {
  const guarded = new Set<string>();
  for (const c of commands) {
    const name = c.name?.value;
    const args = c.args.map((a) => a.value);
    if (name === 'test' || name === '[' || name === '[[') {
      for (let i = 0; i + 1 < args.length; i++) if (GUARD_TESTS.has(args[i] ?? '') && args[i + 1]) guarded.add(args[i + 1]!);
    } else if (name === 'command' || name === 'type' || name === 'hash' || name === 'which' || name?.endsWith('/which')) {
      for (const a of args) if (a && !a.startsWith('-')) guarded.add(a);
    }
  }
  return guarded;
}
