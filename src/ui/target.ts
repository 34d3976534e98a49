// Where the wizard works, and the rows it can draw before Ink is loaded. No Ink or React here: the
// CLI imports this statically, and loading Ink, React and yoga takes a few hundred milliseconds
// the terminal would otherwise spend blank.

import { realpathSync } from 'node:fs';
import type { Io } from '../cli/io.js';
import { checkAccounts } from '../cli/scan.js';
import { rootHost } from '../host/root-host.js';
import type { Target } from './state.js';

/** Where the wizard works. A root that is this machine's `/` — `--root /`, `--root //`, or a link
 *  to it — is the live host, with the live host's typed confirmations. The demo host is built here. */
export async function targetFor(flags: { demo?: boolean; root?: string }, io: Io): Promise<Target> {
  if (flags.demo) {
    // Imported when wanted: the demo builder finds its fixtures relative to its own module, which
    // in the bundle must be a chunk under dist/bundle/ (two levels down, as dist/demo/ is), never
    // dist/cli.js itself — a dynamic import always gets its own chunk.
    const { buildDemoHost } = await import('../demo/demo-host.js');
    io.err('cronwarden: building the demo host in a temp dir…\n');
    const dir = buildDemoHost();
    io.err(`cronwarden: demo host built in ${dir} (a copy: change it freely; delete it when done)\n`);
    return { kind: 'demo', root: dir };
  }
  const host = rootHost(flags.root ?? '/');
  // The same check as `scan`: a root without the host's accounts makes every job look orphaned.
  checkAccounts(host, host.root, io);
  return realpathSync(host.root) === '/' ? { kind: 'live', root: '/' } : { kind: 'root', root: host.root };
}

/** The right end of every screen's title row. */
export function targetLabel(target: Target): string {
  const { kind, root } = target;
  return kind === 'live' ? 'LIVE HOST /' : kind === 'demo' ? `demo host ${root}` : `root ${root}`;
}

/** A screen's title row as text: the title on the left, the target on the right. */
export function titleRow(title: string, target: Target, width: number): { left: string; gap: string; right: string } {
  const left = `cronwarden › ${title}`;
  const right = targetLabel(target);
  return { left, gap: ' '.repeat(Math.max(1, width - left.length - right.length)), right };
}

/** The scanning screen's spinner, and what it says while the sources are read. */
export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const readingText = (root: string): string => ` reading cron sources under ${root}`;

/**
 * The scanning screen's first two rows as plain text, for a terminal `columns` wide, drawn while
 * Ink loads; and `home`, which puts the cursor back at their start just before Ink's first frame.
 * That frame begins with the same two rows (Frame's title row, then SPINNER[0] + readingText), so
 * it draws over them and nothing needs erasing — erasing first would leave the screen blank while
 * Ink lays out its first frame (about 100 ms). No row reaches the last column, so none wraps
 * (`home` counts rows): the title row is laid out one column narrower, and Ink's full-width row
 * covers it. Anything but printable ASCII and the spinner glyphs shows as `?`: a root path is the
 * user's input and must not reach the terminal as control characters. A row Ink draws narrower (a
 * root with such characters) is cleared by its next frame, which erases every row.
 */
export function placeholder(target: Target, columns: number): { text: string; home: string } {
  const { left, gap, right } = titleRow('scanning', target, columns - 1);
  const rows = [`${left}${gap}${right}`, `${SPINNER[0]}${readingText(target.root)}`].map((row) => row.replace(/[^\x20-\x7e›⠋]/g, '?').slice(0, Math.max(1, columns - 1)));
  return { text: rows.map((row) => `${row}\n`).join(''), home: `\x1b[${rows.length}A\r` };
}
