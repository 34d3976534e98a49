// Line-based layout: every screen builds a list of one-row lines (segments with a style name), so
// windowing, scrolling and 80×24 budgets are exact arithmetic rather than guesses about wrapping.

import type { Severity } from '../core/types.js';
import { showControls } from '../core/visible.js';
import type { StyleName } from './theme.js';

export interface Segment {
  text: string;
  style?: StyleName;
}

export type Line = Segment[];

export const seg = (text: string, style?: StyleName): Segment => (style ? { text: oneLine(text), style } : { text: oneLine(text) });
export const line = (...segments: (Segment | string)[]): Line => segments.map((s) => (typeof s === 'string' ? seg(s) : s));

/** Word-wraps `text` to `width` columns (a word longer than the width is cut). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (rest.length > w) {
        if (current) out.push(current);
        out.push(rest.slice(0, w));
        current = '';
        rest = rest.slice(w);
      }
      if (!current) current = rest;
      else if (current.length + 1 + rest.length <= w) current += ` ${rest}`;
      else {
        out.push(current);
        current = rest;
      }
    }
    out.push(current);
  }
  return out;
}

export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

const BADGE: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', info: 'INFO' };

/** A four-letter severity badge, padded so columns line up. */
export function badge(severity: Severity | null): Segment {
  return severity ? seg(BADGE[severity].padEnd(4), severity) : seg('ok'.padEnd(4), 'ok');
}

/** Lines of a unified diff, styled by their first character and cut into rows of `width` (a
 *  truncated diff line would hide exactly the part of a command a reviewer must see); rows after
 *  the first start with ↳. */
export function diffLines(text: string, diffStyle: (l: string) => StyleName | undefined, width: number): Line[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!body) return [];
  const w = Math.max(10, width);
  const out: Line[] = [];
  for (const raw of body.split('\n')) {
    const style = diffStyle(raw);
    const l = oneLine(raw);
    out.push([{ text: l.slice(0, w), ...(style ? { style } : {}) }]);
    if (l.length > w) for (const part of cut(l.slice(w), w - 2)) out.push([{ text: `↳ ${part}`, ...(style ? { style } : {}) }]);
  }
  return out;
}

/** `text` cut into pieces of `width` characters, nothing dropped (at least one piece). */
export function cut(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += w) out.push(text.slice(i, i + w));
  return out.length ? out : [''];
}

/** `lines` scrolled to `offset` (clamped) in `height` rows, with a marker when more is hidden. */
export function scrolled(lines: Line[], offset: number, height: number): { lines: Line[]; offset: number } {
  const h = Math.max(1, height);
  if (lines.length <= h) return { lines, offset: 0 };
  const start = Math.max(0, Math.min(offset, lines.length - (h - 1)));
  const shown = lines.slice(start, start + h - 1);
  const below = lines.length - start - shown.length;
  const marker = below > 0 ? `… ${below} more line${below === 1 ? '' : 's'} (j/pgdn)` : `(end; ${start} line${start === 1 ? '' : 's'} above, k/pgup)`;
  return { lines: [...shown, [seg(marker, 'dim')]], offset: start };
}

/**
 * Text from a crontab made safe for one terminal row: tabs become spaces (a tab's width depends on
 * the column, which would break every row after it), and control, newline and bidi characters are
 * shown as ^M, ^J or <U+202E> — a carriage return in a job line is a known way to hide part of it.
 */
export function oneLine(text: string): string {
  return showControls(text.replace(/\t/g, ' '), true);
}
