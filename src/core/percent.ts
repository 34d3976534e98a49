// How cron splits a crontab command at '%'. Debian cron 3.0pl1-162, do_command.c child_process()
// (with debian/patches/fixes/Handle-escapes-in-job-input.patch):
//  - the command runs up to the first unescaped '%';
//  - in that part a backslash escapes '%' AND '\': "\%" → "%", "\\" → "\" (a Debian quirk: the
//    shell sees one backslash where the crontab has two); "\x" for any other x stays "\x";
//  - the rest is written to the job's stdin with "%" → newline, "\%" → "%", "\x" → "\x" (so
//    "\\" stays "\\" there), a trailing lone '\' kept, and cron adds a final newline when the
//    text does not end with one (not included in `stdin` below: it is cron's framing, not input).
// cronie's do_command.c does the same for the command part except that "\\" stays "\\".

export interface PercentSplit {
  /** What cron hands to `sh -c`, trailing blanks (space, tab) removed. A '\r' is NOT removed:
   *  the shell receives it as part of the last word. */
  command: string;
  /** What the job reads on stdin, or null when the command has no unescaped '%'. '' when the '%'
   *  ends the line: cron then writes nothing, but the command was still cut there. */
  stdin: string | null;
}

export function splitPercent(raw: string): PercentSplit {
  if (!raw.includes('%') && !raw.includes('\\')) return { command: trimBlanksEnd(raw), stdin: null };
  let command = '';
  let escaped = false;
  let cut = -1;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (escaped) {
      escaped = false;
      command += ch === '%' || ch === '\\' ? ch : `\\${ch}`;
      continue;
    }
    if (ch === '\\') {
      escaped = true;
      continue;
    }
    if (ch === '%') {
      cut = i;
      break;
    }
    command += ch;
  }
  if (escaped) command += '\\';
  if (cut < 0) return { command: trimBlanksEnd(command), stdin: null };
  return { command: trimBlanksEnd(command), stdin: translateStdin(raw.slice(cut + 1)) };
}

function translateStdin(rest: string): string {
  let out = '';
  let escaped = false;
  for (const c of rest) {
    let ch = c;
    if (escaped) {
      if (ch !== '%') out += '\\';
    } else if (ch === '%') {
      ch = '\n';
    }
    escaped = ch === '\\';
    if (!escaped) out += ch;
  }
  if (escaped) out += '\\';
  return out;
}

/** Only space and tab: what the shell itself would ignore at the end of a command line. */
function trimBlanksEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return s.slice(0, end);
}
