import type { FindingDraft, Rule } from './rule.js';
import { parsedLines } from './helpers.js';

// C0 controls except tab, DEL, C1 controls, and the Unicode format characters that reorder or hide
// text in a terminal (bidi overrides/isolates, zero-width characters, BOM inside a line).
const HIDDEN = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function describe(ch: string): string {
  if (ch === '\r') return 'carriage return';
  if (ch === '\x1b') return 'escape (terminal control sequence)';
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export const hiddenCharacters: Rule = {
  id: 'hidden-characters',
  title: 'Control characters that hide part of a line',
  practice: 11,
  severity: 'high',
  fixKind: 'auto',
  explainsNotLive: true,
  docs: {
    rationale:
      'A carriage return makes `cat` and `crontab -l` print the rest of the line over its start, so ' +
      '`* * * * * root evil\\r# harmless comment` shows only the comment: a known way to hide a job. Other control and ' +
      'bidi characters do the same; a DOS line ending also hands a stray \\r to the shell.',
    bad: [
      { text: '* * * * * root /tmp/.x/run\r# daily log rotation\n' },
      { text: '0 3 * * * root /usr/local/bin/sync\r\n', note: 'DOS line ending' },
      { text: '0 3 * * * root /usr/local/bin/sync \u202e hs.pu\n' },
    ],
    good: [{ text: '0 3 * * * root /usr/local/bin/sync\t# tabs are fine\n' }, { text: '# café ✓ (plain UTF-8 is fine)\n' }],
    references: ['MITRE ATT&CK T1053.003', 'MITRE ATT&CK T1564 (hide artifacts)', 'CVE-2021-42574 (Trojan Source)'],
    remedy: 'Remove the characters (the plan does), then read the whole line again: it may do something other than it showed.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    // DOS line endings come file-wide: one finding per file, on its first such line.
    const dosEndings = new Map<string, { first: number; count: number }>();
    for (const { source, line } of parsedLines(ctx)) {
      const found = line.text.match(HIDDEN);
      if (!found) continue;
      if (found.length === 1 && found[0] === '\r' && line.text.endsWith('\r')) {
        const seen = dosEndings.get(source.path);
        if (seen) seen.count++;
        else dosEndings.set(source.path, { first: line.number, count: 1 });
        continue;
      }
      const kinds = [...new Set(found.map(describe))].join(', ');
      const effect = found.includes('\r') ? 'text before a carriage return is hidden when the file is printed' : 'part of the line can be hidden or reordered when printed';
      drafts.push({ path: source.path, line: line.number, message: `${kinds} in the line: ${effect}` });
    }
    for (const [path, { first, count }] of dosEndings) {
      drafts.push({
        path,
        line: first,
        severity: 'medium',
        message: `DOS line ending${count > 1 ? `s on ${count} lines` : ''}: cron hands the carriage return to the shell as part of the command`,
      });
    }
    return drafts;
  },
};
