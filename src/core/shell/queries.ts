// Questions the command-shape rules ask of an analysis: which program does the work behind wrappers,
// what runs code it reads, where a word's substitutions are, what a word says literally.

import type { ShellAnalysis, SimpleCommand, Word } from './types.js';
import { invocations, type Invocation } from './wrappers.js';

/** Programs that fetch a URL's content. */
export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'lynx', 'links', 'w3m', 'GET', 'http', 'https', 'xh']);

/** Shells and script interpreters: given code on stdin or as an argument, they run it. */
const SHELL_NAMES = ['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish'];
const SCRIPT_NAMES = ['python', 'python2', 'python3', 'perl', 'php', 'ruby', 'node', 'nodejs', 'lua', 'tclsh', 'pwsh'];
export const SHELL_PROGRAMS = new Set(SHELL_NAMES);

/** `python3.11` → `python`: versioned interpreters count as their family. */
export function interpreterName(name: string | null): string | null {
  if (name === null) return null;
  if (SHELL_NAMES.includes(name) || SCRIPT_NAMES.includes(name)) return name;
  const unversioned = name.replace(/[\d.]+$/, '');
  return SCRIPT_NAMES.includes(unversioned) || SCRIPT_NAMES.includes(`${unversioned}3`) ? unversioned : null;
}

const chains = new WeakMap<SimpleCommand, Invocation[]>();

/** The wrapper chain (`sudo nice bash` → sudo, nice, bash), memoised: every command-shape rule asks. */
function chain(command: SimpleCommand): Invocation[] {
  let found = chains.get(command);
  if (!found) chains.set(command, (found = invocations(command)));
  return found;
}

const NO_PROGRAM = { name: null, word: null, args: [] as Word[] };

/** The program behind wrappers (`sudo nice bash` → bash): its name, its word, its own arguments. */
export function program(command: SimpleCommand): { name: string | null; word: Word | null; args: Word[] } {
  return chain(command).at(-1) ?? NO_PROGRAM;
}

const derivations = new WeakMap<ShellAnalysis, Map<string, unknown>>();

/** What a rule derives from an analysis alone, computed once per distinct command text: analyses
 *  are memoised by text, and a fleet's crontabs repeat the same commands many times over. */
export function derived<T>(analysis: ShellAnalysis, key: string, compute: () => T): T {
  let results = derivations.get(analysis);
  if (!results) derivations.set(analysis, (results = new Map()));
  if (results.has(key)) return results.get(key) as T;
  const value = compute();
  results.set(key, value);
  return value;
}

const vocabularies = new WeakMap<ShellAnalysis, Set<string>>();

/** Does the job run any of these programs, wrappers included? */
export function runsAny(analysis: ShellAnalysis, names: Iterable<string>): boolean {
  let run = vocabularies.get(analysis);
  if (!run) {
    run = new Set();
    for (const command of analysis.commands) for (const inv of chain(command)) if (inv.name) run.add(inv.name);
    vocabularies.set(analysis, run);
  }
  for (const name of names) if (run.has(name)) return true;
  return false;
}

/** Options whose argument is the program text, per interpreter family (`sh -c`, `python3 -c`/`-m`,
 *  `perl -e`, `php -r`, `node -e`/`-p`). For a shell `-e` is errexit, not code. */
function codeOptions(interpreter: string): string {
  if (SHELL_NAMES.includes(interpreter)) return 'c';
  return { python: 'cm', perl: 'eE', php: 'r', ruby: 'e', node: 'ep', nodejs: 'ep', lua: 'e', tclsh: '', pwsh: 'c' }[interpreter.replace(/\d+$/, '')] ?? 'ce';
}

/** Where an interpreter's program comes from: an inline argument (`-c CODE`), stdin (no script
 *  operand, `-`, or `sh -s`), or a script file. */
export function codeSource(interpreter: string, args: readonly Word[]): { kind: 'inline'; code: Word | null } | { kind: 'stdin' } | { kind: 'file' } {
  const options = codeOptions(interpreter);
  const shell = SHELL_NAMES.includes(interpreter);
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) return { kind: 'file' };
    if (v === '-') return { kind: 'stdin' };
    if (v === '--') continue;
    if (v === '-o' || v === '+o' || v === '-O' || v === '+O') {
      i++;
      continue;
    }
    if (/^-[A-Za-z]+$/.test(v)) {
      if ([...v.slice(1)].some((c) => options.includes(c))) return { kind: 'inline', code: args[i + 1] ?? null };
      if (shell && v.includes('s')) return { kind: 'stdin' };
      continue;
    }
    if (v.startsWith('-')) continue;
    return { kind: 'file' };
  }
  return { kind: 'stdin' };
}

/** The words whose content a command runs as code. */
export function codeWords(name: string | null, args: Word[]): Word[] {
  if (name === 'eval') return args;
  if (name === '.' || name === 'source') return args.slice(0, 1);
  const interpreter = interpreterName(name);
  if (!interpreter) return [];
  const source = codeSource(interpreter, args);
  if (source.kind === 'inline') return source.code ? [source.code] : [];
  return args.filter((w) => w.expansions.includes('process')).slice(0, 1);
}

/** Commands that run inside a word's substitutions (`$(…)`, backquotes, `<(…)`). */
export function commandsInside(analysis: ShellAnalysis, word: Word): SimpleCommand[] {
  const end = word.offset + word.text.length;
  return analysis.commands.filter((c) => c.inSubstitution && c.offset > word.offset && c.offset < end);
}

/** The fixed text a word starts with, before any expansion (quotes removed): `"/tmp/x-$(date)"` → `/tmp/x-`. */
export function literalPrefix(word: Word): string {
  if (word.value !== null) return word.value;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < word.text.length; i++) {
    const c = word.text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === '$' || c === '`') return out;
    else if (c === '\\') out += word.text[++i] ?? '';
    else if (c === quote) quote = null;
    else if (quote === null && (c === "'" || c === '"')) quote = c;
    else out += c;
  }
  return out;
}

