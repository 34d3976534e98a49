// Where a finding of the scan before a plan is in the scan after it: lines shift when a PATH line
// goes in or a line goes out, jobs move to their own cron.d file, files get renamed. Mapped through
// the plan's own diffs, so "did a fixed finding come back" compares the same job or line.

import { structuredPatch } from 'diff';
import type { Plan, PlannedFix } from '../../../src/core/operations.js';
import type { Finding, Host } from '../../../src/core/types.js';
import { jobId } from '../../../src/core/job-id.js';
import { decodeContent } from '../../../src/plan/host-state.js';

const MOVED = /^# moved by cronwarden to (\S+) /;

export interface Locator {
  /** The same finding's key in the scan after the plan, or null when its line is gone. */
  keyAfter(fix: PlannedFix): string | null;
}

export const findingKey = (f: Pick<Finding, 'rule' | 'job' | 'path' | 'line'>): string =>
  f.job !== null ? `${f.rule} job ${f.job}` : `${f.rule} ${f.path ?? ''}:${f.line ?? ''}`;

export function locator(before: Host, plan: Plan): Locator {
  const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
  const newContent = new Map<string, string>();
  const renamed = new Map<string, string>();
  for (const op of plan.operations) {
    if (op.op === 'write-file' || op.op === 'install-user-crontab') newContent.set(op.path, text(decodeContent(op.content, op.encoding)));
    if (op.op === 'remove-file') {
      const to = plan.operations.find((w) => w.op === 'write-file' && !w.before.exists && w.why.includes(op.path));
      if (to && 'path' in to) renamed.set(op.path, to.path);
    }
  }
  const lineAfter = (path: string, line: number): { path: string; line: number; text: string } | null => {
    const target = renamed.get(path) ?? path;
    const after = newContent.get(target);
    if (after === undefined) return { path: target, line, text: '' };
    const old = text(before.readFile(path));
    let shift = 0;
    for (const hunk of structuredPatch('a', 'b', old, after, undefined, undefined, { context: 0 }).hunks) {
      if (line < hunk.oldStart) break;
      if (line >= hunk.oldStart + hunk.oldLines) {
        shift += hunk.newLines - hunk.oldLines;
        continue;
      }
      const removed = hunk.lines.filter((l) => l.startsWith('-'));
      const added = hunk.lines.filter((l) => l.startsWith('+'));
      const k = line - hunk.oldStart;
      if (k >= added.length) return null;
      return { path: target, line: hunk.newStart + k, text: added[k]!.slice(1) };
    }
    return { path: target, line: line + shift, text: after.split('\n')[line + shift - 1] ?? '' };
  };
  return {
    keyAfter(fix) {
      if (fix.path === null || fix.line === null) return findingKey({ ...fix, path: fix.path ? (renamed.get(fix.path) ?? fix.path) : null });
      const now = lineAfter(fix.path, fix.line);
      if (!now) return null;
      const moved = MOVED.exec(now.text);
      if (moved) {
        const file = newContent.get(moved[1]!) ?? '';
        const jobLine = file.split('\n').findIndex((l) => l !== '' && !l.startsWith('#') && !/^[A-Za-z_]+=/.test(l)) + 1;
        return findingKey({ rule: fix.rule, job: fix.job === null ? null : jobId(moved[1]!, jobLine), path: moved[1]!, line: jobLine });
      }
      return findingKey({ rule: fix.rule, job: fix.job === null ? null : jobId(now.path, now.line), path: now.path, line: now.line });
    },
  };
}
