// relative-command, insecure-path, no-path: run programs by the path they are at today, on a PATH
// of root-owned directories that exist.

import { lookupCommand, safePathFor, splitPath } from '../../core/facts/index.js';
import { shellOf, SHELL_BUILTINS } from '../../core/shell/index.js';
import { memo } from '../../rules/rule.js';
import type { Change, FixFunction, PlanContext } from '../types.js';
import { data, linePatch, onJob } from './common.js';

interface RelativeCommand {
  name: string;
  resolved: string | null;
}

export const fixRelativeCommand: FixFunction = (finding, ctx) =>
  onJob(finding, ctx, (job) => {
    const commands = (data(finding).commands as RelativeCommand[] | undefined) ?? [];
    const absolute: Record<string, string> = {};
    const left: string[] = [];
    for (const { name, resolved } of commands) {
      if (resolved && trustedDir(ctx, resolved)) absolute[name] = resolved;
      else left.push(name);
    }
    if (left.length > 0) {
      return { unfixed: `${[...new Set(left)].join(', ')}: not found on the job's PATH, or found in a directory others can write; write the path by hand` };
    }
    if (Object.keys(absolute).length === 0) return { unfixed: 'the rule listed no command to resolve' };
    return { changes: [linePatch(job, { absolute })] };
  });

export const fixInsecurePath: FixFunction = (finding, ctx) => {
  const d = data(finding);
  if (d.inline) return { unfixed: 'the command sets PATH itself (`PATH=… cmd`): change it in the command by hand' };
  const line = typeof d.envLine === 'number' ? d.envLine : finding.line;
  if (!finding.path || line === null) return { unfixed: 'the finding names no PATH line' };
  const value = safePathFor(ctx.rules);
  return { changes: [{ kind: 'path-line', path: finding.path, line, value }], checkByHand: ctx.explain ? changedLookups(ctx, finding.path, value) : [] };
};

export const fixNoPath: FixFunction = (finding, ctx) => {
  const path = finding.path;
  if (!path) return { unfixed: 'the finding names no crontab' };
  const source = ctx.source(path);
  if (!source || (source.kind !== 'system' && source.kind !== 'user')) return { unfixed: `${path} is not a crontab a PATH line can go in` };
  const value = safePathFor(ctx.rules);
  const changes: Change[] = [{ kind: 'path-line', path, line: null, value }];
  return { changes, checkByHand: ctx.explain ? changedLookups(ctx, path, value) : [] };
};

/** A program is only as safe as the directory it sits in: root's, not writable by others. */
function trustedDir(ctx: PlanContext, path: string): boolean {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  // Asked for every job whose PATH a fix sets: one stat per directory and scan.
  const known = memo(ctx.rules, 'plan:trusted-dirs', () => new Map<string, boolean>());
  let trusted = known.get(dir);
  if (trusted === undefined) {
    const info = ctx.host.stat(dir);
    trusted = info !== null && info.type === 'dir' && info.uid === 0 && (info.mode & 0o022) === 0;
    known.set(dir, trusted);
  }
  return trusted;
}

/** Commands that a new PATH would find somewhere else than they are found today. */
function changedLookups(ctx: PlanContext, path: string, value: string): string[] {
  const notes: string[] = [];
  for (const job of ctx.jobsIn(path).values()) {
    const words = new Set(
      shellOf(ctx.rules, job)
        .commands.map((c) => c.name?.value)
        .filter((w): w is string => !!w && !w.includes('/') && !SHELL_BUILTINS.has(w)),
    );
    for (const word of words) {
      const before = lookupCommand(ctx.rules, word, splitPath(job.env.PATH ?? '/usr/bin:/bin')).path;
      const after = lookupCommand(ctx.rules, word, splitPath(value)).path;
      if (before !== after) notes.push(`${job.id}: with PATH=${value}, ‘${word}’ runs ${after ?? 'nothing'} instead of ${before ?? 'nothing'}`);
    }
  }
  return notes;
}
