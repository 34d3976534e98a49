// JOB_ID → the job, or a usage error that says how to list ids and which ones look close.

import { UsageError } from '../core/errors.js';
import type { Inventory, Job } from '../core/types.js';

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to `limit` ids that look like `wanted`: same source, containing it, or a few edits away. */
export function closeMatches(wanted: string, ids: readonly string[], limit = 5): string[] {
  const source = wanted.includes(':') ? wanted.slice(0, wanted.lastIndexOf(':')) : wanted;
  const scored = ids
    .map((id) => {
      const idSource = id.slice(0, id.lastIndexOf(':'));
      const distance = editDistance(wanted, id);
      const score = idSource === source ? 0 : id.includes(wanted) || wanted.includes(idSource) ? 1 : distance <= Math.max(2, wanted.length / 4) ? 2 : 3;
      return { id, score, distance };
    })
    .filter((s) => s.score < 3)
    .sort((a, b) => a.score - b.score || a.distance - b.distance || (a.id < b.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.id);
}

export function findJob(inventory: Inventory, id: string): Job {
  const job = inventory.jobs.find((j) => j.id === id);
  if (job) return job;
  const close = closeMatches(id, inventory.jobs.map((j) => j.id));
  throw new UsageError(
    `no job with id ${id} on this host${close.length ? `; did you mean ${close.join(', ')}?` : ''}`,
    "list the ids with `cronwarden scan --format json | jq -r '.jobs[].id'` (an id is the source path with / turned into - , a colon, and the line number)",
  );
}
