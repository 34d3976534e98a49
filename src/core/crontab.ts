// Lossless crontab parsing: every line keeps its exact text and end of line, so serialising an
// unchanged parse gives back the same bytes and an edit to one line leaves the others untouched.
// Line semantics follow Debian cron 3.0pl1-162: user.c load_user() tries each line as an
// environment setting (env.c load_env) and then as an entry (entry.c load_entry); misc.c
// skip_comments() skips lines whose first non-blank (space/tab) character is '#' and blank lines.

import type { CrontabFlavor, JobLine, ParsedCrontab, ParsedLine } from './types.js';
import { byteLength, parseEnvLine } from './env-line.js';
import { splitPercent } from './percent.js';
import { parseAnacronLine } from './schedule-anacron.js';
import { scanSchedule, show, skipBlanks } from './schedule-fields.js';

/** cron.h MAX_TAB_LINES. load_user() stops, and ignores the whole crontab, once an env or job line
 *  ends at line MAX_TAB_LINES + NHEADER_LINES(3) + 1 or later; see `lineLimitExceededAt`. */
export const MAX_CRONTAB_LINES = 10000;
/** cron.h MAX_COMMAND: a command of 999 bytes or more is "command too long" (Debian's
 *  Dont-silently-truncate-commands.patch); the entry is a syntax error. */
const MAX_COMMAND = 1000;

const isBlankChar = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Only spaces and tabs (what skip_comments skips). A lone '\r' is NOT blank to cron. */
export function isBlankLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isBlankChar(text[i])) return false;
  return true;
}

/** First non-blank character is '#'. A '#' after a job is part of its command. */
export function isCommentLine(text: string): boolean {
  return text[skipBlanks(text, 0)] === '#';
}

export function parseCrontab(bytes: Uint8Array, flavor: CrontabFlavor): ParsedCrontab {
  const { text, encoding } = decode(bytes);
  const lines: ParsedLine[] = [];
  let start = 0;
  let number = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const last = nl < 0;
    const lineText = last ? text.slice(start) : text.slice(start, nl);
    // A final '\n' ends the last line: no empty line after it.
    if (last && lineText === '' && lines.length > 0) break;
    lines.push(parseLine(lineText, last ? '' : '\n', number, flavor));
    if (last) break;
    start = nl + 1;
    number++;
  }
  const parsed: ParsedCrontab = { flavor, encoding, lines };
  if (flavor !== 'anacron' && text.includes('\0')) markBinary(parsed);
  return parsed;
}

/** The reason given for every line of a binary file that is not blank or a comment. */
const BINARY_REASON = 'this looks like a binary file, not a crontab (it contains NUL bytes)';

/**
 * An executable, an archive or an image dropped into /etc/cron.d: cron reads it line by line,
 * fails on the first line it cannot parse and ignores the whole file (Debian user.c load_user;
 * cronie skips each bad line). Its "lines" are cut at whatever byte happens to be a newline, so
 * reading some of them as jobs or env settings would only report noise: every line that is not
 * blank or a comment becomes invalid, with one reason. Only when cron itself rejects a line that
 * has a NUL: a crontab with a stray NUL in a command is still loaded (cron's C strings end there),
 * and one with a typo elsewhere is a crontab with a typo.
 */
function markBinary(parsed: ParsedCrontab): void {
  if (!parsed.lines.some((l) => l.kind === 'invalid' && l.text.includes('\0'))) return;
  for (const line of parsed.lines) {
    if (line.kind === 'blank' || line.kind === 'comment') continue;
    line.kind = 'invalid';
    line.reason = BINARY_REASON;
    delete line.job;
    delete line.env;
  }
}

/** The file is binary data cron rejects, not a crontab (see markBinary). */
export function looksBinary(parsed: ParsedCrontab): boolean {
  if (parsed.flavor === 'anacron') return false;
  const first = parsed.lines.find((l) => l.kind === 'invalid');
  return first?.reason === BINARY_REASON;
}

export function serializeCrontab(parsed: ParsedCrontab): Uint8Array {
  let text = '';
  for (const line of parsed.lines) text += line.text + line.eol;
  if (parsed.encoding === 'utf-8') return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) {
      throw new Error(
        `cannot write ‘${String.fromCharCode(c)}’ into this crontab: the file is not UTF-8 (read byte for byte), so only characters U+0000-U+00FF fit; convert the file to UTF-8 first`,
      );
    }
    out[i] = c;
  }
  return out;
}

/** One line, parsed as cron would in a crontab of this flavor. */
export function parseLine(text: string, eol: '\n' | '', number: number, flavor: CrontabFlavor): ParsedLine {
  const line: ParsedLine = { number, text, eol, kind: 'blank' };
  if (flavor === 'anacron') {
    const a = parseAnacronLine(text);
    line.kind = a.kind;
    if (a.kind === 'env') line.env = a.env;
    else if (a.kind === 'job') line.job = a.job;
    else if (a.kind === 'invalid') line.reason = a.reason;
    return line;
  }
  if (isBlankLine(text)) return line;
  if (isCommentLine(text)) {
    line.kind = 'comment';
    return line;
  }
  const env = parseEnvLine(text);
  if (env) {
    line.kind = 'env';
    line.env = env;
    return line;
  }
  const job = parseEntry(text, flavor === 'system');
  if (typeof job === 'string') {
    line.kind = 'invalid';
    line.reason = job;
  } else {
    line.kind = 'job';
    line.job = job;
  }
  return line;
}

/** entry.c load_entry() on one line: the job, or cron's complaint. */
function parseEntry(text: string, hasUser: boolean): JobLine | string {
  const pos = skipBlanks(text, 0);
  const scan = scanSchedule(text, pos);
  if (!scan.ok) return scan.reason;
  const schedule = text.slice(pos, scan.end);
  let p = skipBlanks(text, scan.end);
  let user: string | null = null;
  // Where load_entry's get_string(cmd, …) starts: after the one blank that ends the user name
  // (system), or at the first non-blank (user crontab). The length limit counts from there.
  let cronStart = p;
  if (hasUser) {
    // get_string(username, …, " \t"): the user name ends at a blank, not at the end of the line —
    // without a blank after it cron reads on into the next line and fails ("bad username").
    let q = p;
    while (q < text.length && !isBlankChar(text[q])) q++;
    if (q === p) return 'bad username: the user field is missing (a system crontab line is: schedule, user, command)';
    if (q === text.length) {
      return `bad username: nothing follows ‘${show(text.slice(p, q))}’ — a system crontab line needs schedule, user and command`;
    }
    user = text.slice(p, q);
    cronStart = q + 1;
    // The command begins right after that one blank; leading blanks are meaningless to the shell,
    // so `raw` starts at the first non-blank.
    p = skipBlanks(text, q);
  } else if (text[p] === '*') {
    return `bad command: it starts with ‘*’ — a sixth schedule field? A user crontab has five; cron takes the sixth token as the command`;
  }
  const raw = text.slice(p);
  const bytes = byteLength(text.slice(cronStart));
  if (bytes >= MAX_COMMAND - 1) return `command too long: ${bytes} bytes, cron's limit is ${MAX_COMMAND - 2}`;
  const { command, stdin } = splitPercent(raw);
  return { schedule, spec: scan.spec, user, raw, rawOffset: p, command, stdin };
}

/** Line number of the first env or job line at or past cron's line limit, or null. Debian's cron
 *  then ignores the whole file (user.c load_user: "crontab must not be longer than 10000 lines"). */
export function lineLimitExceededAt(parsed: ParsedCrontab): number | null {
  if (parsed.flavor === 'anacron') return null;
  const limit = MAX_CRONTAB_LINES + 3 + 1;
  for (let i = limit - 1; i < parsed.lines.length; i++) {
    const kind = parsed.lines[i]!.kind;
    if (kind !== 'comment' && kind !== 'blank') return parsed.lines[i]!.number;
  }
  return null;
}

/** Why Debian's cron would drop a whole file: the first such line, in the order the daemon reads it. */
export type FileRefusal =
  | { kind: 'missing-newline'; line: number }
  | { kind: 'invalid'; line: number; reason: string; text: string }
  | { kind: 'unknown-user'; line: number; user: string }
  | { kind: 'too-long'; line: number };

/**
 * The first line that makes Debian cron's load_user drop the whole file (a missing newline on the
 * last line is seen before that line is parsed; a bad line before the line-count check), or null.
 * `userExists` judges a system crontab's user field (entry.c: an unknown user is a syntax error);
 * without it users are not checked. One answer for liveness (what cron does today), the planner
 * (is a rewritten file still ignored?) and apply (never write a file cron would ignore).
 */
export function fileRefusal(parsed: ParsedCrontab, userExists?: (name: string) => boolean): FileRefusal | null {
  const noNewline = missingNewlineAt(parsed);
  const tooLong = lineLimitExceededAt(parsed);
  for (const line of parsed.lines) {
    if (line.number === noNewline) return { kind: 'missing-newline', line: line.number };
    if (line.kind === 'invalid') return { kind: 'invalid', line: line.number, reason: line.reason ?? 'syntax error', text: line.text };
    const user = line.job?.user;
    if (userExists && parsed.flavor === 'system' && user && !userExists(user)) return { kind: 'unknown-user', line: line.number, user };
    if (line.number === tooLong) return { kind: 'too-long', line: line.number };
  }
  return null;
}

/** The last line when it lacks its newline and cron would read it as an entry (Debian's cron then
 *  ignores the whole file: "Missing newline before EOF"). A final comment or blank line is fine. */
export function missingNewlineAt(parsed: ParsedCrontab): number | null {
  const last = parsed.lines.at(-1);
  if (!last || last.eol === '\n' || parsed.flavor === 'anacron') return null;
  return last.kind === 'comment' || last.kind === 'blank' ? null : last.number;
}

function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'latin1' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: one char per byte, so serialising gives the same bytes back. (The 'latin1'
    // TextDecoder label is windows-1252, which remaps 0x80-0x9f: not usable here.)
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    return { text, encoding: 'latin1' };
  }
}
