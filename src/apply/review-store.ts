// Writes the review ledger (practice 11, DESIGN §6): <root>/var/lib/cronwarden/reviews.json, through
// the same atomic writer and lock as apply, so a mark is never half-written and two sessions marking
// at once do not lose each other's marks.

import { addReview, jobLineHash, LEDGER_PATH, readLedger, type ReviewLedger } from '../core/review-ledger.js';
import { RefusedError } from '../core/errors.js';
import type { Job } from '../core/types.js';
import { rootHost } from '../host/root-host.js';
import { writeFileAtomic } from './atomic-write.js';
import { ensureStateDir } from './backup-store.js';
import { realFs, type FsLayer } from './fs-layer.js';
import { acquireLock } from './lock.js';
import { toAbs, tryLstat } from './safe-fs.js';

export interface ReviewChanges {
  /** Jobs marked reviewed, by whom and when (ISO time). */
  mark: Array<{ job: Job; by: string; at: string }>;
  /** Jobs whose mark is taken back. */
  unmark: Job[];
}

export function updatedLedger(ledger: ReviewLedger, changes: ReviewChanges): ReviewLedger {
  const dropped = new Set(changes.unmark.map((job) => `${job.source}\u0000${jobLineHash(job)}`));
  let next: ReviewLedger = { version: 1, reviews: ledger.reviews.filter((r) => !dropped.has(`${r.source}\u0000${r.lineHash}`)) };
  for (const { job, by, at } of changes.mark) next = addReview(next, job, by, new Date(at));
  return next;
}

export function saveReviews(root: string, changes: ReviewChanges, fs: FsLayer = realFs()): void {
  ensureStateDir(fs, root);
  const release = acquireLock(fs, root, { command: 'review' });
  try {
    const { ledger, error } = readLedger(rootHost(root));
    // Never overwrite a ledger we cannot read: it holds other people's review history.
    if (error) throw new RefusedError(`${error}: not overwriting it`, `move ${LEDGER_PATH} aside (or repair it), then mark again`);
    const bytes = Buffer.from(`${JSON.stringify(updatedLedger(ledger, changes), null, 2)}\n`);
    writeFileAtomic(fs, { root, path: LEDGER_PATH, bytes, mode: 0o600, uid: 0, gid: 0, expect: tryLstat(fs, toAbs(root, LEDGER_PATH)) });
  } finally {
    release();
  }
}
