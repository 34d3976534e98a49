// NAME=value lines, read exactly as Debian cron 3.0pl1-162 env.c load_env() does (its parser is the
// one backported from cron 4.1 by debian/patches/fixes/Backport-crontab-envparser-from-v4.1.patch).
// Cron tries every non-comment line as an environment setting first; only when load_env() says
// "not an env setting" is the line parsed as a job, so what this function rejects becomes a job
// line (and usually a "bad minute" syntax error that disables the whole file).

import type { EnvLine } from './types.js';

/** env.c MAX_ENVSTR (1000): get_string() keeps at most 998 bytes of the line, so a longer setting
 *  is silently cut there (load_env's own "too long" check can then never fire). */
const MAX_ENVSTR = 1000;

const enum State {
  NameI,
  Name,
  Eq1,
  Eq2,
  ValueI,
  Value,
  Fini,
  Error,
}

// C isspace() in the "C" locale.
const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/**
 * The environment setting cron reads from one line, or null when cron would not take the line as
 * one. Quirks kept on purpose, because cron has them:
 * - spaces around '=' are allowed; a name may be quoted (`"A B"=x`); a name cannot contain a blank;
 * - an unquoted value keeps inner spaces, quotes and '#' (no comments on env lines), trailing
 *   whitespace (including '\r') is trimmed;
 * - trailing whitespace is trimmed from quoted values too (strdtb() runs on every value), so quotes
 *   preserve leading blanks only, whatever crontab(5) says;
 * - a quoted value must be followed by nothing but whitespace (`A="x" y` is not a setting);
 * - `A=` (empty, unquoted) is NOT a setting in Debian's cron (it then fails as a job: the whole
 *   file is ignored); cronie accepts it. `A=""` is the portable empty value;
 * - after the quotes are removed, a value still wrapped in matching quotes loses them once more
 *   (`A="'x'"` gives x), because load_env() strips quotes twice;
 * - an empty name (`=x`) is accepted, as in cron.
 */
export function parseEnvLine(text: string): EnvLine | null {
  let start = 0;
  // skip_comments() has already consumed the leading blanks when load_env() reads the line.
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  let line = text.slice(start);
  if (byteLength(line) > MAX_ENVSTR - 2) line = truncateBytes(line, MAX_ENVSTR - 2);

  let name = '';
  let value = '';
  let inValue = false;
  let state = State.NameI;
  let quote = '';
  let i = 0;
  while (state !== State.Error && i < line.length) {
    const c = line[i]!;
    switch (state) {
      case State.NameI:
      case State.ValueI:
        state = state === State.NameI ? State.Name : State.Value;
        if (c === "'" || c === '"') {
          quote = c;
          i++;
          break;
        }
        break;
      case State.Name:
      case State.Value:
        if (quote) {
          if (c === quote) {
            state = state === State.Name ? State.Eq1 : State.Fini;
            i++;
            break;
          }
          if (state === State.Name && c === '=') {
            state = State.Error;
            break;
          }
        } else if (state === State.Name) {
          if (isSpace(c)) {
            i++;
            state = State.Eq1;
            break;
          }
          if (c === '=') {
            state = State.Eq1;
            break;
          }
        }
        if (inValue) value += c;
        else name += c;
        i++;
        break;
      case State.Eq1:
        if (c === '=') {
          state = State.Eq2;
          inValue = true;
          quote = '';
        } else if (!isSpace(c)) {
          state = State.Error;
        }
        i++;
        break;
      case State.Eq2:
      case State.Fini:
        if (isSpace(c)) i++;
        else state = state === State.Eq2 ? State.ValueI : State.Error;
        break;
      default:
        state = State.Error;
    }
  }
  if (state !== State.Fini && !(state === State.Value && !quote)) return null;
  value = trimSpaceEnd(value);
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0]) {
    value = value.slice(1, -1);
  }
  return { name, value };
}

function trimSpaceEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Bytes the text had in the file (UTF-8; a latin1-decoded file has one char per byte, below 0x100,
 *  where this overcounts 0x80-0xFF by one — only the 1000-byte limits use it). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function truncateBytes(s: string, max: number): string {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const w = byteLength(s[i]!);
    if (n + w > max) break;
    n += w;
  }
  return s.slice(0, i);
}
