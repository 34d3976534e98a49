import { LEDGER_PATH, lastReview, readLedger } from '../core/review-ledger.js';
import type { FindingDraft, Rule } from './rule.js';

const REVIEW_DAYS = 90;
const DAY_MS = 86_400_000;

export const unreviewedJob: Rule = {
  id: 'unreviewed-job',
  title: 'Job not reviewed in the last 90 days',
  practice: 11,
  severity: 'info',
  fixKind: 'none',
  docs: {
    rationale:
      'Jobs outlive the reasons they were added: a sync to a decommissioned server, a cleanup for an app that is gone. ' +
      'Regular review catches them before they become an attacker’s foothold. cronwarden keeps a ledger of who ' +
      `reviewed which job (${LEDGER_PATH}); a job changes identity when what it runs changes.`,
    bad: [{ text: '0 3 * * * root /usr/bin/true\n', note: 'never marked reviewed' }],
    good: [
      {
        text: '0 3 * * * root /usr/bin/true\n',
        files: {
          [LEDGER_PATH]: JSON.stringify({
            version: 1,
            reviews: [{ source: '/etc/cron.d/example', lineHash: '7e5ed466c9e7ca6cc685b6d185a4bb96', by: 'root', at: '2026-11-01T09:00:00.000Z' }],
          }),
        },
      },
    ],
    references: ['CIS Controls v8 4.1 (secure configuration process)', 'tiger cron001w'],
    remedy: 'Review the job in the wizard (`cronwarden`, key m marks it reviewed), or remove it if it is no longer needed.',
  },
  detect(ctx) {
    const { ledger, error } = readLedger(ctx.host);
    const drafts: FindingDraft[] = [];
    if (error) drafts.push({ path: LEDGER_PATH, line: null, message: `${error}; every job counts as unreviewed` });
    const cutoff = ctx.host.now().getTime() - REVIEW_DAYS * DAY_MS;
    // Hash a job only when its file has marks at all: a fresh host has none, and 100k hashes cost.
    const reviewedSources = new Set(ledger.reviews.map((r) => r.source));
    for (const job of ctx.inventory.jobs) {
      const mark = reviewedSources.has(job.source) ? lastReview(ledger, job) : null;
      if (mark && Date.parse(mark.at) >= cutoff) continue;
      drafts.push({
        job,
        message: mark ? `last reviewed by ${mark.by} on ${mark.at.slice(0, 10)}, over ${REVIEW_DAYS} days ago` : 'never marked reviewed',
      });
    }
    return drafts;
  },
};
