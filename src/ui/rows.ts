// The overview's list: source headings and job rows, filtered by `/`, and the window of it that
// fits the screen. Both are O(visible rows) per keypress; the filter pass runs only when the
// filter text changes (memoised), so 10k jobs stay responsive.

import { haystacksOf, type WizardModel } from './model.js';

export type Row = { kind: 'source'; source: number } | { kind: 'job'; job: number };

export interface JobList {
  rows: Row[];
  /** Job indices (into model.jobs) in display order. */
  jobs: number[];
  /** For each entry of `jobs`, its index in `rows`. */
  rowOf: number[];
}

let cache: { model: WizardModel; filter: string; list: JobList } | null = null;

export function jobList(model: WizardModel, filter: string): JobList {
  if (cache && cache.model === model && cache.filter === filter) return cache.list;
  const needle = filter.trim().toLowerCase();
  const rows: Row[] = [];
  const jobs: number[] = [];
  const rowOf: number[] = [];
  const haystacks = needle ? haystacksOf(model) : [];
  model.sources.forEach((view, s) => {
    const matching = needle ? view.jobs.filter((j) => haystacks[j]!.includes(needle)) : view.jobs;
    if (matching.length === 0) return;
    rows.push({ kind: 'source', source: s });
    for (const j of matching) {
      jobs.push(j);
      rowOf.push(rows.length);
      rows.push({ kind: 'job', job: j });
    }
  });
  const list = { rows, jobs, rowOf };
  cache = { model, filter, list };
  return list;
}

/** The slice [start, end) of `total` rows to show in `height` lines so `focus` stays visible,
 *  with the focus kept near the middle while there is room. */
export function windowOf(total: number, focus: number, height: number): { start: number; end: number } {
  const h = Math.max(1, height);
  if (total <= h) return { start: 0, end: total };
  const start = Math.min(Math.max(0, focus - Math.floor(h / 2)), total - h);
  return { start, end: start + h };
}
