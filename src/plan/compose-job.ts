// One job line, rewritten once for every fix it receives, in a fixed order (inside out):
//   clean hidden characters → minute → escape % → absolute command words → drop /dev/null
//   redirects → timeout → flock → logging (outermost).
// So the lock is held for the whole (time-limited) run, a timeout kill is still logged, and the
// log sees everything the command prints. A single simple command is wrapped in place
// (`FOO=1 /usr/bin/flock -n L /usr/bin/timeout 1h cmd args`); anything else goes through
// `$SHELL -c '…'` only where a program (flock, timeout) must run it. Edits are made on the raw text
// as written, so `\%` escapes and spacing the fixes do not touch survive byte for byte.

import { parseLine } from '../core/crontab.js';
import { splitPercent } from '../core/percent.js';
import { analyzeShell, callsFunction, commandName, dialectOf, SHELL_BUILTINS, type Redirect, type ShellAnalysis, type SimpleCommand } from '../core/shell/index.js';
import type { Job, ParsedLine } from '../core/types.js';
import type { LinePatch } from './types.js';

export type ComposedJob = { ok: true; text: string; schedule: string; raw: string } | { ok: false; reason: string };

/** What cron would show of a line once CR, other C0 controls, DEL and invisible format characters
 *  (zero-width, bidi overrides, BOM) are gone. */
export const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const EXIT_STATUS = 'echo "cronwarden: exit status $?"';
const RESERVED_START = /^(?:if|while|until|for|case|\{|\(|!|\[\[|function|select|time)(?=[ \t;&|()<>]|$)/;

export function composeJobLine(line: ParsedLine, job: Job, patch: LinePatch): ComposedJob {
  const text = patch.clean ? line.text.replace(HIDDEN_CHARACTERS, '') : line.text;
  // The inventory's parse of the job's own line (it shares its spec object with the job, so it was
  // read with the job's flavor) is what parsing the same text again would give: a scan composes
  // each job line for several findings.
  const parsed = !patch.clean && line.job?.spec === job.spec ? line : parseLine(text, '\n', line.number, flavorOf(job));
  if (parsed.kind !== 'job' || !parsed.job) return { ok: false, reason: `line ${line.number} is no longer a job line after cleaning: ${parsed.reason ?? parsed.kind}` };
  let prefix = text.slice(0, parsed.job.rawOffset);
  if (patch.minute !== undefined) {
    if (parsed.job.spec.kind !== 'fields' || parsed.job.spec.keyword) return { ok: false, reason: 'the schedule is a @keyword: there is no minute field to change' };
    prefix = prefix.replace(/^([ \t]*)[^ \t]+/, (_m, lead: string) => `${lead}${patch.minute}`);
  }
  let raw = parsed.job.raw;
  if (patch.escapePercent) raw = escapePercents(raw);
  const cut = firstUnescapedPercent(raw);
  const commandPart = raw.slice(0, cut);
  const body = commandPart.replace(/[ \t]+$/, '');
  const trail = commandPart.slice(body.length);
  const wrapped = rewriteCommand(body, job, patch);
  if (!wrapped.ok) return wrapped;
  const newRaw = wrapped.raw + trail + raw.slice(cut);
  const newText = prefix + newRaw;
  // A patch that leaves the text as it was (a move, a minute already right) parses as before.
  const check = newText === text ? parsed : parseLine(newText, '\n', line.number, flavorOf(job));
  if (check.kind !== 'job' || !check.job) return { ok: false, reason: `the rewritten line would not parse as a cron job: ${check.reason ?? check.kind}` };
  // Each job's rewritten command is a new text, checked once: not kept in the analysis cache.
  const analysis = analyzeShell(check.job.command, { dialect: dialectOf(job), keep: check === parsed });
  if (!analysis.ok) return { ok: false, reason: `the rewritten command would not parse as ${shellName(job)}: ${analysis.error?.message ?? 'syntax error'}` };
  return { ok: true, text: newText, schedule: check.job.schedule, raw: newRaw };
}

function rewriteCommand(body: string, job: Job, patch: LinePatch): { ok: true; raw: string } | { ok: false; reason: string } {
  const layered = patch.absolute || patch.dropDiscard || patch.timeout || patch.lock || patch.logging;
  if (!layered) return { ok: true, raw: body };
  const { code, comment } = splitComment(body, job);
  const command = splitPercent(code).command;
  const analysis = analyzeShell(command, { dialect: dialectOf(job) });
  if (!analysis.ok) return { ok: false, reason: `the command does not parse as ${shellName(job)}: ${analysis.error?.message ?? 'syntax error'}` };
  if ((patch.lock || patch.timeout || patch.logging) && analysis.commands.some((c) => c.background && !c.inSubstitution && !c.viaShC)) {
    // The shell returns at once: a lock would be released, a timeout and the log would see nothing.
    return { ok: false, reason: 'the job runs a command in the background (&): a lock, a timeout or a log around it would not cover that command' };
  }
  const toRaw = rawOffsets(code);
  const edits: Edit[] = [];
  if (patch.absolute) edits.push(...absoluteEdits(command, analysis, patch.absolute));
  if (patch.dropDiscard) edits.push(...discardEdits(command, analysis));
  const timeout = patch.timeout && `${patch.timeout.program} ${patch.timeout.duration}`;
  const lock = patch.lock && `${patch.lock.program} -n ${patch.lock.file}`;
  const single = timeout || lock ? singleCommand(command, analysis) : null;
  // In a list or pipeline only the network commands get the timeout, in place: a hung download is
  // stopped without killing the rest, and no `sh -c` is needed for it.
  const timed = timeout && !single ? networkCommands(analysis, patch.timeout!.commands) : null;
  const outer = [lock, timeout && !timed ? timeout : null].filter(Boolean).join(' ');
  if (single?.name) edits.push({ start: single.name.offset, end: single.name.offset, text: `${outer} `, rank: 1 });
  for (const c of timed ?? []) edits.push({ start: c.name!.offset, end: c.name!.offset, text: `${timeout} `, rank: 1 });
  let raw = applyEdits(code, edits, toRaw);
  if (raw === null) return { ok: false, reason: 'two edits of the command overlap' };
  if (outer && !single) raw = `${outer} ${job.env.SHELL ?? '/bin/sh'} -c ${shellQuote(stripTerminator(raw))}`;
  if (patch.logging) {
    const inner = stripTerminator(raw);
    raw =
      patch.logging.kind === 'logger'
        ? `{ ${inner} || ${EXIT_STATUS}; } 2>&1 | ${patch.logging.program} -t ${patch.logging.tag}`
        : `{ ${inner} || ${EXIT_STATUS}; } >>${patch.logging.file} 2>&1`;
  }
  return { ok: true, raw: raw + comment };
}

/** A trailing `# comment` stays at the end of the line: inside `{ … || echo; }` it would eat the
 *  closing brace. Found by quote-aware scanning, confirmed by the parser (same commands without it). */
function splitComment(body: string, job: Job): { code: string; comment: string } {
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && quote !== "'") i++;
    else if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '#' && (i === 0 || body[i - 1] === ' ' || body[i - 1] === '\t')) {
      const code = body.slice(0, i).replace(/[ \t]+$/, '');
      const dialect = dialectOf(job);
      const whole = analyzeShell(splitPercent(body).command, { dialect });
      const part = analyzeShell(splitPercent(code).command, { dialect });
      if (whole.ok && part.ok && part.commands.length === whole.commands.length) return { code, comment: body.slice(code.length) };
      return { code: body, comment: '' };
    }
  }
  return { code: body, comment: '' };
}

interface Edit {
  /** Offsets in the command as the shell sees it. */
  start: number;
  end: number;
  text: string;
  /** At one offset, higher ranks land first (a wrapper goes before the word it precedes). */
  rank: number;
}

/** A job that is one simple command running a program (not a builtin, not a compound command)
 *  can take flock/timeout in front of its command word without a shell in between. */
function singleCommand(command: string, analysis: ShellAnalysis): SimpleCommand | null {
  const top = analysis.commands.filter((c) => !c.inSubstitution && !c.viaShC);
  if (top.length !== 1) return null;
  const only = top[0]!;
  const pipeline = analysis.pipelines[only.pipeline];
  if (!only.name || only.background || only.inSubshell || !pipeline || pipeline.negated || pipeline.commands.length !== 1) return null;
  if (RESERVED_START.test(command.trimStart())) return null;
  const name = commandName(only);
  if (name === null || SHELL_BUILTINS.has(name)) return null;
  return only;
}

/** The commands named in `names`, when every one of them can take a prefix in place (not inside a
 *  `sh -c` string, not a builtin); null when the whole job must be wrapped instead. */
function networkCommands(analysis: ShellAnalysis, names: readonly string[] | undefined): SimpleCommand[] | null {
  if (!names || names.length === 0) return null;
  const wanted = new Set(names);
  const found = analysis.commands.filter((c) => wanted.has(commandName(c) ?? ''));
  if (found.length === 0 || found.some((c) => c.viaShC || !c.name || c.name.value === null)) return null;
  return found;
}

function absoluteEdits(command: string, analysis: ShellAnalysis, absolute: Record<string, string>): Edit[] {
  const edits: Edit[] = [];
  for (const c of analysis.commands) {
    const name = c.name;
    if (!name || name.value === null || name.text !== name.value) continue;
    // `tar x; tar() { …; }; tar y`: the second tar calls the function, which no path can replace.
    if (callsFunction(c)) continue;
    const path = absolute[name.value];
    if (path === undefined || command.slice(name.offset, name.offset + name.text.length) !== name.text) continue;
    if (edits.some((e) => e.start === name.offset)) continue;
    edits.push({ start: name.offset, end: name.offset + name.text.length, text: path, rank: 0 });
  }
  return edits;
}

const DISCARDS_OUTPUT = (r: Redirect): boolean =>
  r.target.value === '/dev/null' && (((r.op === '>' || r.op === '>>' || r.op === '>|') && (r.fd === null || r.fd === 1 || r.fd === 2)) || r.op === '&>' || r.op === '&>>');
const DUPLICATES_OUTPUT = (r: Redirect): boolean => r.op === '>&' && (r.target.value === '1' || r.target.value === '2') && r.fd !== null && r.fd <= 2;

/** Removes `>/dev/null`, `2>/dev/null`, `&>/dev/null` and the `2>&1` beside them. */
function discardEdits(command: string, analysis: ShellAnalysis): Edit[] {
  const seen = new Set<number>();
  const edits: Edit[] = [];
  for (const c of analysis.commands) {
    if (c.inSubstitution || c.viaShC || !c.redirects.some(DISCARDS_OUTPUT)) continue;
    for (const r of c.redirects) {
      if (!(DISCARDS_OUTPUT(r) || DUPLICATES_OUTPUT(r)) || seen.has(r.target.offset)) continue;
      const span = redirectSpan(command, r);
      if (!span) continue;
      seen.add(r.target.offset);
      edits.push({ ...span, text: '', rank: 0 });
    }
  }
  return edits;
}

/** Where `2>/dev/null` starts (with the blanks before it) and ends, from its target's offset. */
function redirectSpan(command: string, r: Redirect): { start: number; end: number } | null {
  const end = r.target.offset + r.target.text.length;
  let at = r.target.offset;
  while (at > 0 && (command[at - 1] === ' ' || command[at - 1] === '\t')) at--;
  if (command.slice(at - r.op.length, at) !== r.op) return null;
  at -= r.op.length;
  if (r.fd !== null) {
    const fd = String(r.fd);
    if (command.slice(at - fd.length, at) !== fd) return null;
    at -= fd.length;
  }
  while (at > 0 && (command[at - 1] === ' ' || command[at - 1] === '\t')) at--;
  return { start: at, end };
}

/** raw offset of each character of the command cron derives from `raw` (Debian: `\%` → `%`,
 *  `\\` → `\`), plus one past the end; null when they are the same (no backslash: most lines). */
function rawOffsets(raw: string): number[] | null {
  if (!raw.includes('\\')) return null;
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\' && (raw[i + 1] === '%' || raw[i + 1] === '\\')) {
      map.push(i);
      i++;
      continue;
    }
    map.push(i);
  }
  map.push(raw.length);
  return map;
}

function applyEdits(raw: string, edits: Edit[], toRaw: number[] | null): string | null {
  const sorted = [...edits].sort((a, b) => b.start - a.start || a.rank - b.rank);
  let out = raw;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) return null;
    const start = toRaw ? toRaw[edit.start]! : edit.start;
    const end = toRaw ? toRaw[edit.end]! : edit.end;
    out = out.slice(0, start) + edit.text + out.slice(end);
    limit = edit.start;
  }
  return out;
}

/** A trailing `;` would make `{ cmd; || …; }` a syntax error. */
function stripTerminator(command: string): string {
  return command.replace(/[ \t]*;[ \t]*$/, '');
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function escapePercents(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      out += ch + raw[i + 1];
      i++;
      continue;
    }
    out += ch === '%' ? '\\%' : ch;
  }
  return out;
}

function firstUnescapedPercent(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '%') return i;
  }
  return raw.length;
}

function flavorOf(job: Job): 'system' | 'user' | 'anacron' {
  return job.sourceKind === 'user' ? 'user' : job.sourceKind === 'anacron' ? 'anacron' : 'system';
}

function shellName(job: Job): string {
  return job.env.SHELL ?? '/bin/sh';
}
