// buildPlan: the findings of a scan → the fixes the user asked for → one sealed, ordered plan.
// Pure: it reads through the scan's Host and returns a value; `apply` is the only writer.

import { PLAN_VERSION, type Plan, type PlanFingerprint, type PlannedFix, type UnfixedFinding } from '../core/operations.js';
import type { Finding, Host, Inventory, Job, Source } from '../core/types.js';
import { findingFixKind } from '../rules/engine.js';
import { memo, type RuleContext } from '../rules/rule.js';
import { assemble, type Attempt } from './assemble.js';
import { composeJobLine } from './compose-job.js';
import { FIXES } from './fixes/index.js';
import { isCronMachinery, packagedJob } from '../core/facts/index.js';
import { suspiciousJobs } from './suspicious.js';
import { fingerprintOf, preconditionOf } from './host-state.js';
import { nameBook } from './names.js';
import { sealPlan } from './plan-file.js';
import type { Change, PlanContext } from './types.js';
import { DEFAULT_USER_PREFIX } from './defaults.js';

/** Fixes that take a job away rather than harden it: still offered for a malicious-looking job. */
const REMOVALS = new Set(['stale-job', 'duplicate-job']);

export interface PlanOptions {
  /** Only findings of these rules (suggestions of these rules included). */
  rules?: string[];
  /** Only findings on these jobs (suggestions on them included). */
  jobs?: string[];
  userPrefix?: string;
  /** Job id → the dedicated user's name chosen for it (used when valid and free; else the derived name). */
  userNames?: Readonly<Record<string, string>>;
  /** Suggestions to plan besides the selected ones: all of them, or these findings. */
  acceptSuggestions?: boolean | Array<Pick<PlannedFix, 'rule' | 'job' | 'path' | 'line'>>;
  /** Recorded in the plan file (the CLI passes its version). */
  toolVersion?: string;
}

export interface ScanLike {
  host: Host;
  inventory: Inventory;
  findings: Finding[];
  ctx: RuleContext;
}

export function planContext(rules: RuleContext, userPrefix: string = DEFAULT_USER_PREFIX, userNames: Readonly<Record<string, string>> = {}, explain = true): PlanContext {
  const jobs = new Map(rules.inventory.jobs.map((j) => [j.id, j]));
  const sources = new Map(rules.inventory.sources.map((s) => [s.path, s]));
  const bySource = new Map<string, Map<number, Job>>();
  for (const job of rules.inventory.jobs) {
    const lines = bySource.get(job.source) ?? new Map<number, Job>();
    lines.set(job.line, job);
    bySource.set(job.source, lines);
  }
  const none: ReadonlyMap<number, Job> = new Map();
  // Per scan (fixability asks for every finding): a map of its own rather than a key per path.
  const preconditions = memo(rules, 'plan:preconditions', () => new Map<string, ReturnType<typeof preconditionOf>>());
  return {
    host: rules.host,
    inventory: rules.inventory,
    rules,
    userPrefix,
    names: nameBook(rules, userPrefix, new Map(Object.entries(userNames))),
    explain,
    job: (id: string | null): Job | null => (id === null ? null : (jobs.get(id) ?? null)),
    source: (path: string | null): Source | null => (path === null ? null : (sources.get(path) ?? null)),
    jobsIn: (path: string): ReadonlyMap<number, Job> => bySource.get(path) ?? none,
    precondition: (path: string) => {
      let found = preconditions.get(path);
      if (found === undefined) preconditions.set(path, (found = preconditionOf(rules.host, path)));
      return found;
    },
  };
}

export function buildPlan(scan: ScanLike, options: PlanOptions = {}): Plan {
  const ctx = planContext(scan.ctx, options.userPrefix ?? DEFAULT_USER_PREFIX, options.userNames);
  const attempts: Attempt[] = [];
  const unfixed: UnfixedFinding[] = [];
  for (const finding of scan.findings) {
    if (!selected(finding, options)) continue;
    const attempt = attemptFix(finding, ctx);
    if ('reason' in attempt) unfixed.push({ ...planned(finding), reason: attempt.reason });
    else attempts.push(attempt);
  }
  // Suggestions were chosen one by one: where one disagrees with a default fix, the choice wins.
  const chosen = (a: Attempt): number => (findingFixKind(a.finding) === 'suggestion' ? 0 : 1);
  const assembly = assemble([...attempts].sort((a, b) => chosen(a) - chosen(b)), ctx);
  for (const { attempt, reason } of assembly.failed) unfixed.push({ ...planned(attempt.finding), reason });
  const touched = new Set<string>(scan.inventory.sources.map((s) => s.path));
  for (const op of assembly.operations) if ('path' in op) touched.add(op.path);
  const fingerprints: PlanFingerprint[] = [...touched].sort().map((path) => fingerprintOf(scan.host, path));
  return sealPlan({
    version: PLAN_VERSION,
    tool: 'cronwarden',
    toolVersion: options.toolVersion ?? 'unknown',
    createdAt: scan.host.now().toISOString(),
    root: scan.inventory.root,
    fingerprints,
    operations: assembly.operations,
    fixed: assembly.fixed.map((a) => planned(a.finding)),
    unfixed,
    checkByHand: [...new Set(assembly.fixed.flatMap((a) => a.checkByHand))],
  });
}

/** The fix of one finding as an attempt the assembler can take, or why there is none. */
export function attemptFix(finding: Finding, ctx: PlanContext): Attempt | { reason: string } {
  const fix = FIXES[finding.rule];
  if (!fix) return { reason: 'this rule has no automatic fix: see `cronwarden explain ' + finding.rule + '`' };
  if (finding.latent) {
    const source = ctx.source(finding.path);
    return { reason: `cron ignores ${finding.path ?? 'this file'} today${source?.notLive ? ` (${source.notLive.message})` : ''}: fix that (not-loaded) first, then plan again` };
  }
  // Only findings about the job itself: a PATH line above it (insecure-path) is still fixed.
  const job = ctx.job(finding.job);
  const aboutJob = job !== null && (finding.line === null || finding.line === job.line);
  const suspicious = aboutJob && !REMOVALS.has(finding.rule) ? suspiciousJobs(ctx.rules).get(job.id) : undefined;
  if (suspicious) {
    return { reason: `the job looks malicious (${suspicious}): investigate it and remove it rather than harden it — cronwarden does not rewrite it` };
  }
  const result = fix(finding, ctx);
  if ('unfixed' in result) return { reason: result.unfixed };
  const managed = managedEdit(result.changes, ctx);
  if (managed) return { reason: managed };
  return { finding, changes: result.changes, checkByHand: result.checkByHand ?? [] };
}

/** A package's file is not edited (the next upgrade would undo it or conflict): say what the
 *  override would be instead. */
function managedEdit(changes: readonly Change[], ctx: PlanContext): string | null {
  for (const change of changes) {
    if (change.kind === 'attrs' || change.kind === 'op') continue;
    const source = ctx.source(change.path);
    if (!source) continue;
    const job = change.kind === 'line' ? ctx.jobsIn(source.path).get(change.line) : undefined;
    const owner = source.managed ?? (job ? (isCronMachinery(job) ? 'cron' : packagedJob(ctx.rules, job)) : null);
    if (!owner) continue;
    let override = '';
    // The override is detail for the plan's reader (composing it is most of what a refusal costs).
    if (change.kind === 'line' && ctx.explain) {
      const line = source.parsed?.lines.find((l) => l.number === change.line);
      const composed = job && line ? composeJobLine(line, job, { ...change.patch, move: undefined }) : null;
      if (composed?.ok) override = ` Override instead: put \`${composed.text}\` in a new file under /etc/cron.d and disable the packaged line the way ${owner} documents (if it does).`;
    }
    return `${job ? `${job.id} is` : `${source.path} is`} shipped by the ${owner} package: an edit would be undone or conflict on upgrade.${override}`;
  }
  return null;
}

function selected(finding: Finding, options: PlanOptions): boolean {
  const kind = findingFixKind(finding);
  if (kind === 'none' || !FIXES[finding.rule]) return false;
  const byRule = options.rules?.length ? options.rules.includes(finding.rule) : null;
  const byJob = options.jobs?.length ? finding.job !== null && options.jobs.includes(finding.job) : null;
  if (byRule === false || byJob === false) return false;
  if (kind === 'auto') return true;
  if (byRule || byJob) return true;
  const accept = options.acceptSuggestions;
  if (accept === true) return true;
  return Array.isArray(accept) && accept.some((a) => a.rule === finding.rule && a.job === finding.job && a.path === finding.path && a.line === finding.line);
}

function planned(finding: Finding): PlannedFix {
  return { rule: finding.rule, job: finding.job, path: finding.path, line: finding.line };
}
