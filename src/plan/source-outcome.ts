// One source's part of an assembly round: its patches composed into new content, checked (a file
// cron would still ignore is not written), turned into its write, the jobs it moves out and their
// log files. A round after a refusal reuses the outcome of every source the same fixes shaped.

import type { Operation } from '../core/operations.js';
import type { CrontabFlavor, Job, Source } from '../core/types.js';
import { fileRefusal, parseCrontab } from '../core/crontab.js';
import type { Attempt } from './assemble.js';
import { composeJobLine } from './compose-job.js';
import { composeSource, type MovedJob, type SourcePatches } from './compose-source.js';
import { logFileOperations } from './log-files.js';
import { writeSource, type Attrs } from './path-operations.js';
import type { LinePatch, PlanContext } from './types.js';

/** One source's patches, who asked for each line, and every fix that shaped them in commit order. */
export type SourceState = SourcePatches & { owners: Map<number, Attempt[]>; history: Map<number, Array<{ attempt: Attempt; patch: LinePatch }>>; renameTo: string | null; by: Attempt[] };

/** What one source gave a round, and the fixes that shaped it (its patches, in commit order, and
 *  the owner/mode wishes on its path): a later round with the same fixes there gets the same. */
export interface SourceOutcome {
  by: readonly Attempt[];
  attrsBy: readonly Attempt[] | undefined;
  /** Its owner/mode wishes went into its write. */
  tookAttrs: boolean;
  events: Array<{ push: Attempt[]; ops: Operation[] } | { fail: readonly Attempt[]; reason: string }>;
  moved: Array<MovedJob & { by: Attempt[] }>;
}

/** One source's part of a round: its new content (or why a fix on it is refused), the jobs it moves
 *  out and the log files of its jobs. Reads only the plan context, its patches and its path's
 *  owner/mode wishes. */
export function sourceOutcome(ctx: PlanContext, path: string, patches: SourceState, attrs: (Attrs & { by: Attempt[] }) | undefined): SourceOutcome {
  const outcome: SourceOutcome = { by: patches.by, attrsBy: attrs?.by, tookAttrs: false, events: [], moved: [] };
  const push = (by: Attempt[], ...ops: Operation[]): void => {
    outcome.events.push({ push: by, ops });
  };
  const fail = (by: readonly Attempt[], reason: string): void => {
    outcome.events.push({ fail: by, reason });
  };
  const source = ctx.source(path);
  if (!source?.parsed) {
    fail([...patches.owners.values()].flat(), `${path} is not a crontab cronwarden could read`);
    return outcome;
  }
  const jobs = ctx.jobsIn(path);
  const composed = composeSource(source, jobs, patches);
  // Cron ignores a whole file for one bad line or a missing final newline, and apply refuses to
  // write such a file: a fix that leaves another line broken is not a fix yet.
  const stillBroken = brokenLine(composed.bytes, source.parsed.flavor);
  if (stillBroken) {
    fail([...patches.owners.values()].flat(), `${path} would still have ${stillBroken}, so cron would keep ignoring it: fix that first (see not-loaded)`);
    return outcome;
  }
  for (const [line, reason] of composed.failed) {
    const culprit = blame(source, jobs.get(line), line, patches.history.get(line) ?? []);
    fail(culprit ? [culprit] : (patches.owners.get(line) ?? []), `line ${line}: ${reason}`);
  }
  outcome.tookAttrs = true;
  const owners = [...patches.owners.values()].flat();
  push([...owners, ...(attrs?.by ?? [])], ...writeSource(ctx, source, composed.bytes, patches.renameTo, attrs, `fixes ${rulesOf([...owners, ...(attrs?.by ?? [])])}`, (reason) => fail(owners, reason)));
  for (const m of composed.moved) outcome.moved.push({ ...m, by: patches.owners.get(m.job.line) ?? [] });
  for (const [line, patch] of patches.lines) {
    const job = jobs.get(line);
    if (patch.logging?.kind === 'file' && job && !composed.failed.has(line)) {
      push(patches.owners.get(line) ?? [], ...logFileOperations(ctx, patch.logging.file, patch.move?.user ?? job.user ?? 'root'));
    }
  }
  return outcome;
}

/** The fix whose patch first makes the line fail to compose (earlier fixes on it stay). */
function blame(source: Source, job: Job | undefined, number: number, history: Array<{ attempt: Attempt; patch: LinePatch }>): Attempt | null {
  const line = source.parsed?.lines[number - 1];
  if (!job || !line) return null;
  let merged: LinePatch = {};
  for (const { attempt, patch } of history) {
    merged = { ...merged, ...patch, ...(merged.absolute && patch.absolute ? { absolute: { ...merged.absolute, ...patch.absolute } } : {}) };
    if (!merged.remove && !composeJobLine(line, job, merged).ok) return attempt;
  }
  return null;
}

export function rulesOf(attempts: readonly Attempt[]): string {
  return [...new Set(attempts.map((a) => a.finding.rule))].sort().join(', ');
}

function brokenLine(bytes: Uint8Array, flavor: CrontabFlavor): string | null {
  if (flavor === 'anacron') return null;
  const refusal = fileRefusal(parseCrontab(bytes, flavor));
  if (refusal === null) return null;
  if (refusal.kind === 'invalid') return `line ${refusal.line} invalid (${refusal.reason})`;
  if (refusal.kind === 'missing-newline') return `no newline at the end of line ${refusal.line}`;
  return `more lines than cron reads (line ${refusal.line})`;
}
