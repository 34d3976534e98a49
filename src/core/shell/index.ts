// Shell command analysis for the rules: what a cron job's command runs, with which words, redirects
// and pipes — read by a real shell grammar, never by regular expressions over the line.
//
// Parser choice (measured on this machine, Node 20, issue 4): our own recursive-descent parser of the
// POSIX grammar as dash's parser.c reads it, plus the bash constructs cron jobs use.
// - sh-syntax 0.7 (mvdan/sh in WASM): async only, instantiates a fresh Go runtime per call (~5 ms a
//   command: 100k jobs would take minutes), and its JSON AST drops node types (`Cmd` has only
//   Pos/End), so commands cannot be told from compound statements.
// - web-tree-sitter 0.25 + tree-sitter-bash.wasm: async init (fine), 17 µs to parse and 23–38 µs to
//   parse and walk one cron line (2–4 s for 100k: over the whole 2 s scan budget); one bash grammar
//   with error recovery, so it cannot say what /bin/sh rejects; and it attaches a trailing redirect
//   to a whole `&&` list (`cd /x && ./y >/dev/null` → the redirect wraps `cd` too).
// - This parser: synchronous, no dependency, ~2 µs a command, dialect-exact errors in dash's words,
//   checked against `dash -n` / `bash -n` in test/core/shell-oracle.test.ts.

import type { Job } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';
import { ShellParser, ShellSyntaxError, type Output } from './parser.js';
import type { Dialect, ShellAnalysis, SimpleCommand, Word } from './types.js';

export type { Dialect, Pipeline, Redirect, ShellAnalysis, SimpleCommand, Word } from './types.js';

/** dash's builtins (src/builtins.def: special and regular) — `[`, `test`, `cd`, `echo`, `printf`,
 *  `kill` included — plus bash's `[[`, which the parser reports as a command of that name. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  '.', ':', '[', '[[', 'alias', 'bg', 'break', 'cd', 'chdir', 'command', 'continue', 'echo', 'eval', 'exec', 'exit',
  'export', 'false', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'local', 'printf', 'pwd', 'read', 'readonly', 'return',
  'set', 'shift', 'test', 'times', 'trap', 'true', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

/** Shells whose `-c` argument is a script we can read (a literal one). */
const SHELLS = new Set(['sh', 'dash', 'bash', 'ksh', 'mksh', 'zsh', 'ash', 'busybox']);
/** Programs that run their arguments as a command: `sudo sh -c '…'`, `nice bash -c …`. */
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nice', 'ionice', 'nohup', 'timeout', 'flock', 'chronic', 'setsid', 'stdbuf', 'run-one', 'chrt', 'time', 'exec', 'command', 'xargs', 'runuser', 'su', 'chroot']);
/** `sh -c 'sh -c …'` nests; past this many bodies the rest are left unread (a pathological command). */
const MAX_SH_C_BODIES = 16;
const MEMO_LIMIT = 200_000;

// One map per dialect, keyed by the command itself: no key concatenation (a 100k-job scan hashes
// each command once).
const caches: Record<Dialect, Map<string, ShellAnalysis>> = { posix: new Map(), bash: new Map() };

/** `keep: false` for a text seen once (a rewritten line checked by the planner during a scan): it
 *  is analysed, but not kept alive in the cache (~100 MB at 100k jobs). */
export function analyzeShell(command: string, options: { dialect?: Dialect; keep?: boolean } = {}): ShellAnalysis {
  const cache = caches[options.dialect ?? 'posix'];
  const hit = cache.get(command);
  if (hit) return hit;
  const analysis = analyse(command, options.dialect ?? 'posix');
  if (options.keep === false) return analysis;
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(command, analysis);
  return analysis;
}

/** Per-scan caches, one lookup per call: eleven rules ask for every job (a Map keyed by job
 *  objects, not a WeakMap: 100k ephemerons cost more in garbage collection than they save). */
interface ScanCaches {
  own: Map<Job, ShellAnalysis>;
  intent: Map<Job, ShellAnalysis>;
  clues: Map<Job, string>;
}

const scans = new WeakMap<RuleContext, ScanCaches>();

function scanCaches(ctx: RuleContext): ScanCaches {
  let caches = scans.get(ctx);
  if (!caches) scans.set(ctx, (caches = memo(ctx, 'shell:jobs', () => ({ own: new Map(), intent: new Map(), clues: new Map() }))));
  return caches;
}

/** The analysis of a job's command under the shell cron runs it with (its SHELL, default /bin/sh). */
export function shellOf(ctx: RuleContext, job: Job): ShellAnalysis {
  const { own } = scanCaches(ctx);
  let analysis = own.get(job);
  if (!analysis) own.set(job, (analysis = analyzeShell(job.command, { dialect: dialectOf(job) })));
  return analysis;
}

/** The commands the writer meant, for rules that judge intent rather than syntax: the job's own
 *  reading; if an unescaped `%` cut it (unescaped-percent reports that), the whole text as it would
 *  run once escaped; if /bin/sh rejects it (shell-syntax reports that), bash's reading. So
 *  `bash <(wget …)` under /bin/sh, or `mysqldump | gzip > db-$(date +%F).gz`, are still judged.
 *  Offsets refer to the text analysed, which is then not always job.command. */
export function intentOf(ctx: RuleContext, job: Job): ShellAnalysis {
  const { intent } = scanCaches(ctx);
  let analysis = intent.get(job);
  if (!analysis) intent.set(job, (analysis = intended(shellOf(ctx, job), job)));
  return analysis;
}

function intended(own: ShellAnalysis, job: Job): ShellAnalysis {
  if (own.ok && job.stdin === null) return own;
  // Cut by a `%`: the escaped whole is what runs once unescaped-percent's fix is applied.
  const texts = job.stdin === null ? [job.command] : [uncut(job.raw), job.command];
  for (const dialect of [dialectOf(job), 'bash'] as const) {
    for (const text of texts) {
      const analysis = analyzeShell(text, { dialect });
      if (analysis.ok) return analysis;
    }
  }
  return own;
}

/** The command as cron would hand it over with every `%` escaped (Debian do_command.c: `\\%` → `%`,
 *  `\\\\` → `\\`, any other backslash kept), trailing blanks trimmed. */
function uncut(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const next = raw[i + 1];
    if (raw[i] === '\\' && (next === '%' || next === '\\')) out += raw[++i];
    else out += raw[i];
  }
  return out.replace(/[ \t]+$/, '');
}

/** The job's text with quotes and backslashes dropped: a cheap first test for the words a rule
 *  looks for (`c'u'rl` still reads "curl"), before it looks at the analysis. Covers the text after
 *  an unescaped `%` too, since intentOf may judge that. Most lines have no quotes: their raw text
 *  is used as is, without a copy or a cache entry. */
export function clueText(ctx: RuleContext, job: Job): string {
  if (!QUOTING.test(job.raw)) return job.raw;
  const { clues } = scanCaches(ctx);
  let text = clues.get(job);
  if (text === undefined) clues.set(job, (text = job.raw.replace(QUOTING_ALL, '')));
  return text;
}

const QUOTING = /['"\\]/;
const QUOTING_ALL = /['"\\]/g;

export function dialectOf(job: Job): Dialect {
  return basename(job.env.SHELL ?? '/bin/sh') === 'bash' ? 'bash' : 'posix';
}

export const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The literal command name (basename of the path), or null when it is computed at run time. */
export const commandName = (command: SimpleCommand): string | null =>
  command.name?.value != null ? basename(command.name.value) : null;

function analyse(command: string, dialect: Dialect): ShellAnalysis {
  const out: Output = { commands: [], pipelines: [], levels: [] };
  const result = parseInto(command, dialect, 0, out, false);
  let error = result;
  let bodies: ShellAnalysis['bodies'] = NO_BODIES;
  for (let i = 0; i < out.commands.length && bodies.length < MAX_SH_C_BODIES; i++) {
    const body = shellBody(out.commands[i]);
    if (!body) continue;
    const first = out.commands.length;
    const bodyError = parseInto(body.script, body.dialect, body.offset, out, true);
    bodies = [...bodies, { command: i, first, end: out.commands.length }];
    if (bodyError && !error) error = { message: `in the ${body.shell} -c script: ${bodyError.message}`, offset: body.offset };
  }
  return { ok: error === null, error, commands: out.commands, pipelines: out.pipelines, bodies };
}

function parseInto(src: string, dialect: Dialect, base: number, out: Output, viaShC: boolean): ShellAnalysis['error'] {
  // A `sh -c` body is another shell: it starts with no functions.
  const parser = new ShellParser(src, dialect, base, out, { inSubstitution: false, inSubshell: false, viaShC, functions: NO_FUNCTIONS, inFunction: null, level: 0 });
  const first = out.commands.length;
  let error: ShellAnalysis['error'] = null;
  try {
    parser.parseProgram();
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    error = { message: e.message, offset: e.offset };
  }
  // A body runs when called, by which time functions defined after it may exist too.
  if (parser.defined) {
    const all = Object.freeze([...parser.defined]);
    for (let i = first; i < out.commands.length; i++) if (out.commands[i].inFunction !== null) out.commands[i].functions = all;
  }
  return error ?? parser.softError;
}

const NO_FUNCTIONS: readonly string[] = Object.freeze([]);
const NO_BODIES: ShellAnalysis['bodies'] = Object.freeze([]);

/** The command calls a shell function the job defined, not a program (POSIX looks functions up
 *  before PATH; only special builtins come first, and those are never programs anyway). */
export function callsFunction(command: SimpleCommand): boolean {
  const name = command.name?.value;
  return name != null && command.functions.length > 0 && command.functions.includes(name);
}

/** The literal script of `sh -c SCRIPT`, `bash -ec "…"`, `su -c '…' user`, `sudo sh -c …`. */
function shellBody(command: SimpleCommand): { script: string; dialect: Dialect; offset: number; shell: string } | null {
  const first = command.name?.value;
  if (!first) return null;
  const name = basename(first);
  if (!SHELLS.has(name) && !WRAPPERS.has(name) && name !== 'runuser') return null;
  const words = [command.name as Word, ...command.args];
  let i = 0;
  while (i < words.length && WRAPPERS.has(basename(words[i].value ?? '')) && !isSu(words[i])) i++;
  if (i < words.length && isSu(words[i])) return suBody(words.slice(i + 1));
  while (i < words.length && !SHELLS.has(basename(words[i].value ?? ''))) i++;
  if (i >= words.length) return null;
  const shell = basename(words[i].value ?? '');
  let j = i + 1;
  if (shell === 'busybox' && words[j]?.value !== 'sh') return null;
  if (shell === 'busybox') j++;
  let sawC = false;
  for (; j < words.length; j++) {
    const v = words[j].value;
    if (v === null) return null;
    if (v === '--') continue;
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) sawC = true;
      if (v === '-o' || v === '+o' || v === '-O' || v === '+O') j++;
      continue;
    }
    break;
  }
  if (!sawC || j >= words.length) return null;
  return literalScript(words[j], shell === 'bash' ? 'bash' : 'posix', shell);
}

const isSu = (word: Word): boolean => word.value === 'su' || word.value === '/bin/su' || word.value === '/usr/bin/su' || word.value === 'runuser';

function suBody(args: Word[]): ReturnType<typeof shellBody> {
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === '-c' || v === '--command') return args[k + 1] ? literalScript(args[k + 1], 'posix', 'su') : null;
    if (v?.startsWith('--command=')) {
      const script = v.slice('--command='.length);
      return { script, dialect: 'posix', offset: args[k].offset, shell: 'su' };
    }
  }
  return null;
}

function literalScript(word: Word, dialect: Dialect, shell: string): ReturnType<typeof shellBody> {
  if (word.value === null) return null;
  // A plain '…' word maps offsets one to one, so findings point inside the quotes.
  const plain = word.text.length === word.value.length + 2 && word.text.startsWith("'");
  return { script: word.value, dialect, offset: plain ? word.offset + 1 : word.offset, shell };
}
