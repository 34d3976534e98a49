// The scan, in slices: the wizard must draw its first frame at once and count sources and jobs as
// they are read, but scan() is synchronous. So the sources are loaded a few milliseconds at a time
// with a macrotask between slices (Ink renders in between), then the rules run — the steps scan()
// takes, through the same functions.

import { discoverSources } from '../core/discover.js';
import { buildInventory, loadSource } from '../core/inventory.js';
import type { Host, Inventory, Job, Source } from '../core/types.js';
import { analyse, selectRules } from '../rules/engine.js';
import { RULES } from '../rules/registry.js';
import type { RuleContext } from '../rules/rule.js';
import type { ScanResult } from '../scan.js';

const SLICE_MS = 12;
/** How often the counters are redrawn. Each report is a frame, and an Ink frame costs the same
 *  whatever it shows (a cell per column and row of the terminal): at 100×30 under load, frames
 *  every 50 ms plus the spinner's took a quarter of the reading time. The spinner turns on its own
 *  clock (app.tsx). */
const PROGRESS_MS = 100;

export interface ScanProgress {
  sources: number;
  jobs: number;
  current: string | null;
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function scanInSlices(host: Host, onProgress: (p: ScanProgress) => void, progressMs = PROGRESS_MS): Promise<ScanResult> {
  const inventory: Inventory = { root: host.root, sources: [], jobs: [] };
  const discovered = discoverSources(host);
  let sliceStart = Date.now();
  let reported = 0;
  for (const d of discovered) {
    let loaded: { source: Source; jobs: Job[] };
    try {
      loaded = loadSource(host, d);
    } catch {
      // loadSource throws only on a cronwarden bug; buildInventory reports that source and goes
      // on, so let it build the inventory rather than handling the bug a second way here.
      return analyseForWizard(host, buildInventory(host));
    }
    inventory.sources.push(loaded.source);
    for (const job of loaded.jobs) inventory.jobs.push(job);
    const now = Date.now();
    if (now - sliceStart >= SLICE_MS) {
      if (now - reported >= progressMs) {
        onProgress({ sources: inventory.sources.length, jobs: inventory.jobs.length, current: d.path });
        reported = now;
      }
      await nextTick();
      sliceStart = Date.now();
    }
  }
  onProgress({ sources: inventory.sources.length, jobs: inventory.jobs.length, current: 'checking the rules' });
  await nextTick();
  return analyseForWizard(host, inventory);
}

/** The rules over an inventory. `fixable` is the engine's first answer (an auto fix on a live
 *  job); the planner's own answer is asked per job when it is opened (proposalsOf). */
export function analyseForWizard(host: Host, inventory: Inventory, only?: string[]): ScanResult {
  const ctx: RuleContext = { host, inventory, cache: new Map() };
  const { findings, suppressed, skipped } = analyse(ctx, selectRules(RULES, { only }));
  return { host, inventory, findings, suppressed, skipped, ctx };
}
