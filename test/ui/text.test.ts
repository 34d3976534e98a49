import { describe, expect, it } from 'vitest';
import { windowOf } from '../../src/ui/rows.js';
import { cut, diffLines, fit, line, oneLine, scrolled, seg, wrap } from '../../src/ui/text.js';

describe('layout text', () => {
  it('shows what would hide part of a crontab line instead of obeying it', () => {
    expect(oneLine('0 3 * * * root /usr/bin/true\r/bin/evil')).toBe('0 3 * * * root /usr/bin/true^M/bin/evil');
    expect(oneLine('a\u202eb\tc\nd\u001b[2J')).toBe('a<U+202E>b c^Jd^[[2J');
    expect(seg('x\ry').text).toBe('x^My');
    expect(line('a\tb')[0]!.text).toBe('a b');
  });

  it('fits, wraps and cuts without losing a character', () => {
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(cut('abcdefghijklmnopqrst', 8)).toEqual(['abcdefgh', 'ijklmnop', 'qrst']);
    const rows = diffLines('+' + 'x'.repeat(25) + '\n', () => 'added', 10);
    expect(rows.map((r) => r[0]!.text)).toEqual(['+xxxxxxxxx', '↳ xxxxxxxx', '↳ xxxxxxxx']);
    expect(rows.map((r) => r[0]!.text.replace('↳ ', '')).join('')).toBe('+' + 'x'.repeat(25));
  });

  it('windows a list around the focus and scrolls text with a marker', () => {
    expect(windowOf(5, 2, 10)).toEqual({ start: 0, end: 5 });
    expect(windowOf(10_000, 5000, 20)).toEqual({ start: 4990, end: 5010 });
    expect(windowOf(10_000, 9999, 20)).toEqual({ start: 9980, end: 10_000 });
    const lines = Array.from({ length: 10 }, (_, i) => line(String(i)));
    const top = scrolled(lines, 0, 4);
    expect(top.lines.map((l) => l[0]!.text)).toEqual(['0', '1', '2', '… 7 more lines (j/pgdn)']);
    const end = scrolled(lines, 1_000, 4);
    expect(end.offset).toBe(7);
    expect(end.lines.map((l) => l[0]!.text)).toEqual(['7', '8', '9', '(end; 7 lines above, k/pgup)']);
  });
});
