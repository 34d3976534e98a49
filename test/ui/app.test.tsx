// The App as a whole, rendered in-process: it scans, follows the terminal's size, keeps the list
// windowed on a 10k-job host, and picks colour from the environment.

import { describe, expect, it } from 'vitest';
import { memoryHost, MEMORY_HOST_NOW } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { App } from '../../src/ui/app.js';
import { colourWanted } from '../../src/ui/theme.js';
import { debianBase } from '../helpers/debian-base.js';
import { FIXTURE } from './fixture.js';
import { DEMO_TARGET, KEY, press, renderInk, unmount, waitForFrame } from './helpers.js';

describe('the wizard app', () => {
  it('scans, then follows the terminal when it is resized', async () => {
    const host = memoryHost({ ...debianBase(), ...FIXTURE }, { now: MEMORY_HOST_NOW });
    const r = await renderInk(<App openHost={() => host} target={DEMO_TARGET} color={false} />);
    const wide = await waitForFrame(r, (f) => f.includes('host score'));
    expect(wide).toContain('practices');
    Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => 60 });
    Object.defineProperty(r.stdout, 'rows', { configurable: true, get: () => 20 });
    r.stdout.emit('resize');
    const narrow = await waitForFrame(r, (f) => !f.includes('practices'));
    expect(narrow.split('\n').length).toBeLessThanOrEqual(19);
    expect(Math.max(...narrow.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
    await unmount(r);
  });

  it('shows a window of a 10k-job host and reaches its last job', async () => {
    const spec: TreeSpec = { ...debianBase() };
    for (let f = 0; f < 100; f++) {
      let text = '';
      for (let l = 0; l < 100; l++) text += `${l % 60} ${f % 24} * * * root /usr/local/bin/job-${f}-${l}.sh\n`;
      spec[`/etc/cron.d/f${String(f).padStart(3, '0')}`] = text;
    }
    const host = memoryHost(spec, { now: MEMORY_HOST_NOW });
    const r = await renderInk(<App openHost={() => host} target={DEMO_TARGET} color={false} size={{ columns: 100, rows: 30 }} />);
    const first = await waitForFrame(r, (f) => f.includes('host score'), 60_000);
    expect(first).toContain('1/10000');
    expect(first.split('\n').length).toBeLessThanOrEqual(29);
    await press(r, 'G');
    const last = await waitForFrame(r, (f) => f.includes('10000/10000'));
    expect(last).toMatch(/› .*\/usr\/local\/bin\/job-99-99\.sh/);
    await press(r, KEY.pageUp);
    await waitForFrame(r, (f) => /\d+\/10000/.test(f) && !f.includes('10000/10000'));
    await unmount(r);
  });
});

describe('colour', () => {
  it('is on for a terminal, off with NO_COLOR, TERM=dumb or no TTY', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourWanted({}, false)).toBe(false);
  });
});
