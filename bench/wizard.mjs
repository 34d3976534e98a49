// The wizard's latency in a real terminal: the built binary in a detached 100×30 tmux session (its
// own socket), timed from the session's start to its first frame and to the first overview frame,
// then keypress → changed frame for j/k in the overview. Polling capture-pane costs a few ms
// itself; that floor is measured and reported next to the figures.

import { performance } from 'node:perf_hooks';
import { median, round, tmuxDriver } from './measure.mjs';

const PRESSES = 12;

export function wizardLatency(cli, { jobs, dir }) {
  const t = tmuxDriver(`cronwarden-bench-${process.pid}`);
  if (!t.available) return { jobs, firstFrameMs: null, firstOverviewMs: null, keypressMs: null, note: 'wizard not measured: tmux is not installed (apt-get install tmux)' };
  try {
    const env = 'env -u FORCE_COLOR -u NO_COLOR -u CI';
    const start = performance.now();
    t.start(`${env} ${process.execPath} ${cli} --root ${dir}; sleep 600`);
    const first = t.waitFor((s) => s.trim() !== '', start, 60_000);
    const overview = t.waitFor((s) => s.includes('› overview') && s.includes('host score'), start, 120_000);
    if (overview.ms === null) return { jobs, firstFrameMs: round(first.ms), firstOverviewMs: null, keypressMs: null, note: `wizard: no overview within 120 s; the pane showed:\n${overview.screen}` };

    const pollFloor = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      t.pane();
      pollFloor.push(performance.now() - s);
    }
    const presses = [];
    let screen = overview.screen;
    for (let i = 0; i < PRESSES; i++) {
      const key = i % 2 === 0 ? 'j' : 'k';
      const before = screen;
      const s = performance.now();
      t.keys(key);
      const r = t.waitFor((p) => p !== before, s, 5_000);
      if (r.ms === null) return { jobs, firstFrameMs: round(first.ms), firstOverviewMs: round(overview.ms), keypressMs: null, note: `wizard: key ${key} changed nothing within 5 s` };
      presses.push(r.ms);
      screen = r.screen;
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
