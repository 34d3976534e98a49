// The review ledger (practice 11, DESIGN §6): <root>/var/lib/cronwarden/reviews.json records who
// marked which job reviewed and when. A job is keyed by its source and a hash of its normalised line,
// so moving it within the file keeps the mark and changing what it runs drops it.

import { createHash } from 'node:crypto';
import type { Host, Job } from './types.js';

export const LEDGER_PATH = '/var/lib/cronwarden/reviews.json';

export interface ReviewMark {
  source: string;
  lineHash: string;
  by: string;
  at: string;
}

export interface ReviewLedger {
  version: 1;
  reviews: ReviewMark[];
}

export function jobLineHash(job: Pick<Job, 'schedule' | 'user' | 'command'>): string {
  const normalised = [job.schedule.trim().split(/\s+/).join(' '), job.user ?? '', job.command.trim().split(/\s+/).join(' ')].join('\t');
  return createHash('sha256').update(normalised).digest('hex').slice(0, 32);
}

/** The ledger on the host; an empty one when absent. A ledger that cannot be read is reported, not ignored. */
export function readLedger(host: Host): { ledger: ReviewLedger; error: string | null } {
  const empty: ReviewLedger = { version: 1, reviews: [] };
  if (!host.lstat(LEDGER_PATH)) return { ledger: empty, error: null };
  try {
    const data = JSON.parse(new TextDecoder().decode(host.readFile(LEDGER_PATH))) as ReviewLedger;
    if (data?.version !== 1 || !Array.isArray(data.reviews)) return { ledger: empty, error: `${LEDGER_PATH} is not a version 1 review ledger` };
    return { ledger: data, error: null };
  } catch (error) {
    return { ledger: empty, error: `${LEDGER_PATH} cannot be read: ${(error as Error).message}` };
  }
}

export function addReview(ledger: ReviewLedger, job: Job, by: string, at: Date): ReviewLedger {
  const lineHash = jobLineHash(job);
  const others = ledger.reviews.filter((r) => !(r.source === job.source && r.lineHash === lineHash));
  return { version: 1, reviews: [...others, { source: job.source, lineHash, by, at: at.toISOString() }] };
}

export function lastReview(ledger: ReviewLedger, job: Job): ReviewMark | null {
  const lineHash = jobLineHash(job);
  let latest: ReviewMark | null = null;
  for (const r of ledger.reviews) {
    if (r.source === job.source && r.lineHash === lineHash && (!latest || r.at > latest.at)) latest = r;
  }
  return latest;
}
