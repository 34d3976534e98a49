// Fixes that are one line patch or one file change each.

import type { FixFunction } from '../types.js';
import { attrsFromData, data, linePatch, onJob, withLogging } from './common.js';

export const fixUnescapedPercent: FixFunction = (finding, ctx) => onJob(finding, ctx, (job) => ({ changes: [linePatch(job, { escapePercent: true })] }));

export const fixEveryMinuteByMistake: FixFunction = (finding, ctx) => onJob(finding, ctx, (job) => ({ changes: [linePatch(job, { minute: '0' })] }));

export const fixDuplicateJob: FixFunction = (finding, ctx) => onJob(finding, ctx, (job) => ({ changes: [linePatch(job, { remove: true })] }));

export const fixOutputDiscarded: FixFunction = (finding, ctx) =>
  onJob(finding, ctx, (job) => withLogging(ctx, job, (logging) => ({ changes: [linePatch(job, { dropDiscard: true, logging })] })));

export const fixNoOutputChannel: FixFunction = (finding, ctx) => onJob(finding, ctx, (job) => withLogging(ctx, job, (logging) => ({ changes: [linePatch(job, { logging })] })));

export const fixMissingNewline: FixFunction = (finding) =>
  finding.path ? { changes: [{ kind: 'final-newline', path: finding.path }] } : { unfixed: 'the finding names no file' };

/** cron-file-perms, cron-dir-perms, spool-perms: the rule says what mode and owner it wants. */
export const fixPermissions: FixFunction = (finding) => attrsFromData(finding);

export const fixWritableTargetDir: FixFunction = (finding) => {
  const d = data(finding);
  if (typeof d.dir !== 'string' || typeof d.suggestedMode !== 'number') return { unfixed: 'the rule named no directory' };
  const chown = d.chown as { owner: string; group: string } | null | undefined;
  if (chown) {
    return {
      unfixed: `${d.dir} belongs to another user: giving it to root may break whatever that user keeps there; chown it by hand if nothing depends on it`,
    };
  }
  return { changes: [{ kind: 'attrs', path: d.dir, clear: 0o022 }] };
};

export const fixWritableTarget: FixFunction = (finding) => {
  const d = data(finding);
  const path = typeof d.resolved === 'string' ? d.resolved : typeof d.target === 'string' ? d.target : null;
  if (path === null) return { unfixed: 'the rule named no target file' };
  const chown = d.chown as { owner: string; group: string } | null | undefined;
  // Clearing group/other write is what closes the hole; a foreign owner must go too (the owner can
  // always chmod it back). The group stays unless another fix (root-job) sets it.
  return { changes: [{ kind: 'attrs', path, clear: 0o022, ...(chown && (d.uid as number) !== 0 ? { owner: 'root' } : {}) }] };
};
