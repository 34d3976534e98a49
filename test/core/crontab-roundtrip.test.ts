import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCrontab, serializeCrontab } from '../../src/core/crontab.js';
import type { CrontabFlavor } from '../../src/core/types.js';

const FLAVORS: CrontabFlavor[] = ['user', 'system', 'anacron'];

// Pieces real crontabs are made of, plus the bytes that break naive parsers.
const TOKENS = [
  '*', '*/5', '0', '7', '59', '60', '1-5', '5-1', '5/10', 'mon-fri', 'JAN', '@daily', '@reboot', '@Daily',
  'root', 'www-data', '/usr/bin/x', '%', '\\%', '\\', '#', '# c', '=', 'A=1', 'MAILTO=""', '"', "'",
  ' ', '  ', '\t', '\r', '\n', '\r\n', '\uFEFF', 'é', '日本', '\u0000', '\u2028', ';', ',', '-', '/',
];
const lineish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => new TextEncoder().encode(parts.join('')));

describe('serializeCrontab(parseCrontab(b)) === b', () => {
  for (const flavor of FLAVORS) {
    it(`arbitrary bytes, ${flavor}`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          expect(serializeCrontab(parseCrontab(bytes, flavor))).toEqual(bytes);
        }),
        { numRuns: 400 },
      );
    });

    it(`cron-like token soup, ${flavor}`, () => {
      fc.assert(
        fc.property(lineish, (bytes) => {
          const parsed = parseCrontab(bytes, flavor);
          expect(serializeCrontab(parsed)).toEqual(bytes);
          for (const line of parsed.lines) {
            expect(line.text.includes('\n')).toBe(false);
            if (line.job) expect(line.text.slice(line.job.rawOffset)).toBe(line.job.raw);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('an edit to one line changes only that line', () => {
    fc.assert(
      fc.property(lineish, fc.nat(), fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n')), (bytes, pick, repl) => {
        const parsed = parseCrontab(bytes, 'system');
        if (parsed.encoding !== 'utf-8') return;
        const i = pick % parsed.lines.length;
        const before = parsed.lines.map((l) => l.text + l.eol);
        parsed.lines[i]!.text = repl;
        const after = new TextDecoder('utf-8', { ignoreBOM: true }).decode(serializeCrontab(parsed));
        before[i] = repl + parsed.lines[i]!.eol;
        expect(after).toBe(before.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
