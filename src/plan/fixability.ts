// What the engine asks for every finding: will `plan` (no selection) fix it? Answered by running
// the finding's fix and the assembler on it — the same code path as the plan — together with the
// default fixes that change how its line parses (hidden characters, unescaped %): in the plan they
// are there too, and a job line that only parses once they are applied is fixable with them.

import type { Finding } from '../core/types.js';
import { analyse, draftsKey, findingFixKind } from '../rules/engine.js';
import { findRule } from '../rules/registry.js';
import { memo, type RuleContext } from '../rules/rule.js';
import { assemble, type Attempt } from './assemble.js';
import { DEFAULT_USER_PREFIX } from './defaults.js';
import { attemptFix, planContext } from './planner.js';
import { composeJobLine } from './compose-job.js';
import { attrOperations, dirInfo } from './path-operations.js';
import type { LinePatch, PlanContext } from './types.js';
import { fileRefusal } from '../core/crontab.js';

const ENABLING_RULES = ['hidden-characters', 'unescaped-percent'];

export function isFixable(finding: Finding, ctx: RuleContext): boolean {
  const fix = candidate(finding, ctx);
  if (!fix) return false;
  const { plan, attempt, enabling } = fix;
  const quick = quickCheck(plan, attempt, enabling);
  if (quick !== null) return quick;
  const dirs = dirFixes(plan, attempt);
  return (dirs.length === 0 && enabling.length === 0 ? attrsBelowUnsafeDir(plan, attempt) : null) ?? assemble([...dirs, ...enabling, attempt], plan).fixed.includes(attempt);
}

/** The same question answered by the assembler alone, without isFixable's shortcuts: the reference
 *  they must agree with (test/plan/fixability-paths.test.ts). */
export function fixableByAssembly(finding: Finding, ctx: RuleContext): boolean {
  const fix = candidate(finding, ctx);
  return fix !== null && assemble([...dirFixes(fix.plan, fix.attempt), ...fix.enabling, fix.attempt], fix.plan).fixed.includes(fix.attempt);
}

/** The finding's default fix and the enabling fixes beside it, or null when `plan` would not take it. */
function candidate(finding: Finding, ctx: RuleContext): { plan: PlanContext; attempt: Attempt; enabling: readonly Attempt[] } | null {
  if (finding.latent || findingFixKind(finding) !== 'auto') return null;
  const plan = memo(ctx, 'plan:context', () => planContext(ctx, DEFAULT_USER_PREFIX, {}, false));
  const attempt = attemptFix(finding, plan);
  if ('reason' in attempt) return null;
  return { plan, attempt, enabling: ENABLING_RULES.includes(finding.rule) ? NONE : enablingAttempts(plan, attempt) };
}

/** An owner/mode change of one path below a directory apply will not write through, with no
 *  directory fix above it: the assembler keeps it only when there is nothing to change (its
 *  chown/chmod would be refused), and that is what attrOperations says. null: not that case. */
function attrsBelowUnsafeDir(plan: PlanContext, attempt: Attempt): boolean | null {
  const change = attempt.changes.length === 1 ? attempt.changes[0]! : null;
  if (change?.kind !== 'attrs' || safeParents(plan, change.path)) return null;
  let failed = false;
  const attrs = { owner: change.owner, group: change.group, mode: change.mode, set: change.set ?? 0, clear: change.clear ?? 0 };
  const operations = attrOperations(plan, change.path, attrs, '', () => (failed = true));
  return !failed && operations.length === 0;
}

/** Rules whose fixes make a directory safe to write under; the plan orders them first. */
const DIRECTORY_RULES = ['writable-target-dir', 'cron-dir-perms', 'spool-perms'];

/** The default fixes of DIRECTORY_RULES for directories above the paths this attempt changes: in
 *  the plan they come first, and apply then writes below those directories. */
function dirFixes(plan: PlanContext, attempt: Attempt): Attempt[] {
  const byDir = memo(plan.rules, 'plan:directory-attempts', () => {
    const index = new Map<string, Attempt[]>();
    for (const finding of findingsOf(plan.rules, DIRECTORY_RULES)) {
      const found = finding.latent ? null : attemptFix(finding, plan);
      if (!found || 'reason' in found) continue;
      for (const c of found.changes) if (c.kind === 'attrs') index.set(c.path, [...(index.get(c.path) ?? []), found]);
    }
    return index;
  });
  const paths = attempt.changes.flatMap((c) => (c.kind === 'op' ? ('path' in c.op ? [c.op.path] : []) : c.kind === 'line' && c.patch.move ? [c.path, c.patch.move.file] : [c.path]));
  const ancestors = new Set(paths.flatMap((p) => p.split('/').slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`)));
  return [...new Set([...ancestors].flatMap((dir) => byDir.get(dir) ?? []))].filter((a) => a !== attempt);
}

/** The common cases without assembling a whole plan (a scan asks for every finding): patches of a
 *  job line that stays where it is, and owner/mode changes. What the assembler would refuse there —
 *  a line that no longer parses, a path that is gone, a directory apply will not write through —
 *  is checked the same way. null: anything else, which goes through the assembler. */
function quickCheck(plan: PlanContext, attempt: Attempt, enabling: readonly Attempt[]): boolean | null {
  for (const change of attempt.changes) {
    if (change.kind === 'attrs') {
      if (presence(plan, change.path) !== true || !safeParents(plan, change.path)) return null;
      continue;
    }
    if (change.kind === 'op') {
      if ('path' in change.op && (!safeParents(plan, change.op.path) || presence(plan, change.op.path) !== change.op.before.exists)) return null;
      continue;
    }
    if (change.kind !== 'line') return null;
    // A file with a broken line stays ignored by cron: the assembler decides whether this fix mends it.
    if (brokenSources(plan).has(change.path)) return null;
    // Logging to a file adds a log directory and a logrotate entry in the assembler: let it judge them.
    if (change.patch.logging?.kind === 'file') return null;
    if (change.patch.move && (presence(plan, change.patch.move.file) !== false || !safeParents(plan, change.patch.move.file))) return null;
    const job = plan.jobsIn(change.path).get(change.line);
    const line = plan.source(change.path)?.parsed?.lines[change.line - 1];
    if (!job || !line || presence(plan, change.path) !== true || !safeParents(plan, change.path)) return null;
    let patch: LinePatch | null = null;
    for (const other of enabling) patch = mergeLinePatches(patch, other, change);
    patch = mergeLinePatches(patch, attempt, change);
    if (!composeJobLine(line, job, patch ?? {}).ok) return false;
  }
  return true;
}

/** `patch` with every patch `attempt` makes to the line `at` laid over it, as the assembler merges them. */
function mergeLinePatches(patch: LinePatch | null, attempt: Attempt, at: { path: string; line: number }): LinePatch | null {
  for (const c of attempt.changes) {
    if (c.kind === 'line' && c.path === at.path && c.line === at.line) patch = patch ? { ...patch, ...c.patch } : c.patch;
  }
  return patch;
}

/** What `precondition(path)?.exists` says, from the lstat alone (the precondition also hashes a
 *  file, which the scan does not need): true for a file or directory, false when the path is
 *  absent, null for anything else (a symlink, a device), which the plan does not touch. */
function presence(plan: PlanContext, path: string): boolean | null {
  const info = dirInfo(plan, path);
  return info === null ? false : info.type === 'file' || info.type === 'dir' ? true : null;
}

/** Every directory above `path` is a real directory, root's, not writable by others (as apply
 *  requires before it writes). */
function safeParents(plan: PlanContext, path: string): boolean {
  const known = memo(plan.rules, 'plan:safe-parents', () => new Map<string, boolean>());
  let safe = known.get(path);
  if (safe === undefined) {
    safe = true;
    const parts = path.split('/').filter(Boolean).slice(0, -1);
    for (let i = 0; i <= parts.length && safe; i++) {
      const info = dirInfo(plan, `/${parts.slice(0, i).join('/')}`);
      if (!info || info.type !== 'dir' || info.uid !== 0 || info.mode & 0o002) safe = false;
    }
    known.set(path, safe);
  }
  return safe;
}

/** The default fixes of ENABLING_RULES that touch a line this attempt patches. */
function enablingAttempts(plan: PlanContext, attempt: Attempt): readonly Attempt[] {
  let found: Attempt[] | null = null;
  for (const change of attempt.changes) {
    if (change.kind !== 'line') continue;
    const here = enablingIndex(plan).get(change.path)?.get(change.line);
    if (!here) continue;
    found ??= [];
    for (const a of here) if (!found.includes(a)) found.push(a);
  }
  return found ?? NONE;
}

const NONE: readonly Attempt[] = [];

/** Path → line → the default fixes of ENABLING_RULES on that line. */
function enablingIndex(plan: PlanContext): Map<string, Map<number, Attempt[]>> {
  return memo(plan.rules, 'plan:enabling-attempts', () => {
    const index = new Map<string, Map<number, Attempt[]>>();
    for (const finding of findingsOf(plan.rules, ENABLING_RULES)) {
      const attempt = finding.latent ? null : attemptFix(finding, plan);
      if (!attempt || 'reason' in attempt) continue;
      for (const c of attempt.changes) {
        if (c.kind !== 'line') continue;
        const lines = index.get(c.path) ?? new Map<number, Attempt[]>();
        index.set(c.path, lines);
        lines.set(c.line, [...(lines.get(c.line) ?? []), attempt]);
      }
    }
    return index;
  });
}

/** The findings of a few rules, as the engine reports them. Their drafts stay in the scan's cache
 *  for the engine, which then does not detect them again (most of these run after the first
 *  finding that asks). */
function findingsOf(ctx: RuleContext, ids: readonly string[]): Finding[] {
  const rules = ids.map((id) => findRule(id)).filter((r) => r !== undefined);
  for (const rule of rules) if (!rule.skipReason?.(ctx)) memo(ctx, draftsKey(rule.id), () => rule.detect(ctx));
  return analyse(ctx, rules).findings;
}

/** Sources cron ignores whole today for their content (an invalid line, no final newline, too many lines). */
function brokenSources(plan: PlanContext): Set<string> {
  return memo(plan.rules, 'plan:broken-sources', () => {
    const broken = new Set<string>();
    for (const source of plan.rules.inventory.sources) {
      const parsed = source.parsed;
      if (parsed && fileRefusal(parsed) !== null) broken.add(source.path);
    }
    return broken;
  });
}
