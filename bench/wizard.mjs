// The wizard's latency in a real terminal: the built binary in a detached 100×30 tmux session (its
// own socket), timed from the session's start to its first frame and to the first overview frame,
// then keypress → changed frame for j/k in the overview. A frame counts only once it is complete:
// a ~4 KB frame reaches tmux in pty-sized pieces, so a capture can fall between them — the status
// row must show the cursor position the key leads to (`2/10060`) and every row must be drawn.
// Polling capture-pane costs a few ms itself; that floor is measured and reported next to the figures.

import { performance } from 'node:perf_hooks';
import { median, round, tmuxDriver } from './measure.mjs';

const PRESSES = 12;
const ROWS = 30;

/** The overview's cursor position from its status row ("3/10060 …"), or null. */
const cursorOf = (screen, jobs) => {
  const m = new RegExp(`^\\s*(\\d+)/${jobs} `, 'm').exec(screen);
  return m ? Number(m[1]) : null;
};
/** Every row drawn: the frame fills the pane but for its last row (the cursor's). */
const complete = (screen) => screen.split('\n').filter((row) => row.trim() !== '').length >= ROWS - 1;

export function wizardLatency(cli, { jobs, dir }) {
  const t = tmuxDriver(`cronwarden-bench-${process.pid}`);
  if (!t.available) return { jobs, firstFrameMs: null, firstOverviewMs: null, keypressMs: null, note: 'wizard not measured: tmux is not installed (apt-get install tmux)' };
  try {
    const env = 'env -u FORCE_COLOR -u NO_COLOR -u CI';
    const start = performance.now();
    t.start(`${env} ${process.execPath} ${cli} --root ${dir}; sleep 600`);
    const first = t.waitFor((s) => s.trim() !== '', start, 60_000);
    const overview = t.waitFor((s) => s.includes('› overview') && s.includes('host score') && complete(s), start, 120_000);
    if (overview.ms === null) return { jobs, firstFrameMs: round(first.ms), firstOverviewMs: null, keypressMs: null, note: `wizard: no overview within 120 s; the pane showed:\n${overview.screen}` };

    const pollFloor = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      t.pane();
      pollFloor.push(performance.now() - s);
    }
    const total = /^\s*\d+\/(\d+) /m.exec(overview.screen)?.[1] ?? null;
    let at = total === null ? null : cursorOf(overview.screen, total);
    if (at === null) return { jobs, firstFrameMs: round(first.ms), firstOverviewMs: round(overview.ms), keypressMs: null, note: `wizard: no cursor position (N/${jobs}) in the overview's status row:\n${overview.screen}` };
    const presses = [];
    for (let i = 0; i < PRESSES; i++) {
      const key = i % 2 === 0 ? 'j' : 'k';
      const want = at + (key === 'j' ? 1 : -1);
      const s = performance.now();
      t.keys(key);
      const r = t.waitFor((p) => cursorOf(p, total) === want && complete(p), s, 5_000);
      if (r.ms === null) return { jobs, firstFrameMs: round(first.ms), firstOverviewMs: round(overview.ms), keypressMs: null, note: `wizard: key ${key} did not move the cursor to ${want} within 5 s; the pane showed:\n${r.screen}` };
      presses.push(r.ms);
      at = want;
    }
    return {
      jobs,
      firstFrameMs: round(first.ms),
      firstOverviewMs: round(overview.ms),
      keypressMs: round(median(presses)),
      keypressSamplesMs: presses.map((x) => round(x, 1)),
      tmuxPollFloorMs: round(median(pollFloor), 1),
      note: null,
    };
  } finally {
    t.stop();
  }
}
