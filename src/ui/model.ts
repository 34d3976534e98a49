// What the wizard shows, derived once from a scan: jobs in source order with their findings, the
// severity counts, the twelve practices and a host score. Pure and computed once per scan, so a
// keypress on a 10k-job host never walks the findings again.

import { SEVERITIES, severityRank, type Finding, type Job, type Severity, type Source } from '../core/types.js';
import { lastReview, readLedger, type ReviewMark } from '../core/review-ledger.js';
import { isFixable } from '../plan/fixability.js';
import { practiceName } from '../report/sarif.js';
import type { ScanResult } from '../scan.js';

export interface JobView {
  job: Job;
  /** Findings on this job (job-level only; file-level ones are on its SourceView). */
  findings: Finding[];
  /** Most severe finding on the job or its file, null when clean. */
  worst: Severity | null;
}

export interface SourceView {
  source: Source;
  /** Findings about the file itself (not-loaded, permissions…): job is null, path is the file. */
  findings: Finding[];
  /** Indices into WizardModel.jobs. */
  jobs: number[];
}

export interface PracticeView {
  practice: number;
  name: string;
  count: number;
  worst: Severity | null;
}

export interface WizardModel {
  scan: ScanResult;
  jobs: JobView[];
  byId: Map<string, number>;
  sources: SourceView[];
  /** Index into `sources` for each job. */
  sourceOf: number[];
  /** Findings on neither a job nor a source (cron.allow, the host's update policy…). */
  hostFindings: Finding[];
  counts: Record<Severity, number>;
  practices: PracticeView[];
  score: number;
  /** Job id → its last mark in the host's review ledger (DESIGN §6), when it has one. */
  ledger: Map<string, ReviewMark>;
}

/** Points a finding takes off its job's 100; see scoreOf. */
const WEIGHT: Record<Severity, number> = { critical: 50, high: 25, medium: 10, low: 3, info: 0 };

export function buildModel(scan: ScanResult): WizardModel {
  const { inventory, findings } = scan;
  const sources: SourceView[] = [];
  const sourceIndex = new Map<string, number>();
  for (const source of inventory.sources) {
    sourceIndex.set(source.path, sources.length);
    sources.push({ source, findings: [], jobs: [] });
  }
  const byJob = new Map<string, Finding[]>();
  const hostFindings: Finding[] = [];
  for (const f of findings) {
    if (f.job) push(byJob, f.job, f);
    else if (f.path !== null && sourceIndex.has(f.path)) sources[sourceIndex.get(f.path)!].findings.push(f);
    else hostFindings.push(f);
  }
  const ordered = [...inventory.jobs].sort(
    (a, b) => (sourceIndex.get(a.source) ?? 0) - (sourceIndex.get(b.source) ?? 0) || a.line - b.line,
  );
  const jobs: JobView[] = [];
  const byId = new Map<string, number>();
  const sourceOf: number[] = [];
  for (const job of ordered) {
    const own = byJob.get(job.id) ?? [];
    const s = sourceIndex.get(job.source) ?? -1;
    const fileFindings = s >= 0 ? sources[s].findings : [];
    byId.set(job.id, jobs.length);
    sourceOf.push(s);
    if (s >= 0) sources[s].jobs.push(jobs.length);
    jobs.push({ job, findings: own, worst: worstOf([...own, ...fileFindings]) });
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const practices: PracticeView[] = Array.from({ length: 12 }, (_, i) => {
    const list = findings.filter((f) => f.principle === i + 1);
    return { practice: i + 1, name: practiceName(i + 1), count: list.length, worst: worstOf(list) };
  });
  const { ledger: book } = readLedger(scan.host);
  const ledger = new Map<string, ReviewMark>();
  if (book.reviews.length) {
    for (const view of jobs) {
      const mark = lastReview(book, view.job);
      if (mark) ledger.set(view.job.id, mark);
    }
  }
  return { scan, jobs, byId, sources, sourceOf, hostFindings, counts, practices, score: scoreOf(jobs, sources, hostFindings), ledger };
}

/**
 * The host score, 0–100: the mean of per-job scores (100 minus the weights of the job's own and
 * its file's findings, floor 0), minus the weights of host-level findings, and below 50 while any
 * critical finding is open. A summary for humans, not a security decision: the findings are.
 */
export function scoreOf(jobs: readonly JobView[], sources: readonly SourceView[], hostFindings: readonly Finding[]): number {
  const fileWeight = new Map<string, number>();
  for (const s of sources) fileWeight.set(s.source.path, sum(s.findings));
  let total = 0;
  for (const view of jobs) total += Math.max(0, 100 - sum(view.findings) - (fileWeight.get(view.job.source) ?? 0));
  let score = jobs.length ? total / jobs.length : 100 - Math.min(100, [...fileWeight.values()].reduce((a, b) => a + b, 0));
  score = Math.max(0, score - sum(hostFindings));
  const critical = hostFindings.some(isCritical) || sources.some((s) => s.findings.some(isCritical)) || jobs.some((j) => j.findings.some(isCritical));
  if (critical) score = Math.min(score, 49);
  return Math.round(score);
}

function sum(findings: readonly Finding[]): number {
  return findings.reduce((acc, f) => acc + WEIGHT[f.severity], 0);
}

function isCritical(f: Finding): boolean {
  return f.severity === 'critical';
}

function worstOf(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  return worst;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const haystacks = new WeakMap<WizardModel, string[]>();

/** Per job, the lower-cased text the `/` filter matches against. Built on the first filter, not
 *  with the model: most sessions never filter, and the overview waits for the model. */
export function haystacksOf(model: WizardModel): string[] {
  let list = haystacks.get(model);
  if (!list) {
    list = model.jobs.map(({ job, findings }) => [job.id, job.source, job.user ?? '', job.schedule, job.command, ...findings.map((f) => f.rule)].join('\n').toLowerCase());
    haystacks.set(model, list);
  }
  return list;
}

/** Findings shown for a job: its own, then its file's. */
export function findingsOf(model: WizardModel, index: number): Finding[] {
  const s = model.sourceOf[index];
  return [...model.jobs[index].findings, ...(s >= 0 ? model.sources[s].findings : [])];
}

/** A fix the wizard can toggle: one fixable or suggested finding of the job or its file. Every
 *  proposal starts off: the wizard changes only what the user turned on, job by job. */
export interface Proposal {
  key: string;
  finding: Finding;
  /** The planner would make it by default (`plan`); a suggestion changes behaviour. */
  recommended: boolean;
}

const byKey = new WeakMap<WizardModel, Map<string, Finding>>();

/** The finding a proposal key names (every finding of the scan, indexed once per model). */
export function findingByKey(model: WizardModel, key: string): Finding | undefined {
  let index = byKey.get(model);
  if (!index) {
    index = new Map(model.scan.findings.map((f) => [proposalKey(f), f]));
    byKey.set(model, index);
  }
  return index.get(key);
}

export function proposalKey(f: Finding): string {
  return `${f.rule}|${f.job ?? ''}|${f.path ?? ''}|${f.line ?? ''}`;
}

/** The planner's answer to "would `plan` fix this?", asked only for the jobs the user opens: asking
 *  it for every finding of a 10k-job host at scan time costs tens of seconds. */
const plannable = new WeakMap<Finding, boolean>();

function planFixes(model: WizardModel, f: Finding): boolean {
  let answer = plannable.get(f);
  if (answer === undefined) {
    answer = isFixable(f, model.scan.ctx);
    plannable.set(f, answer);
  }
  return answer;
}

export function proposalsOf(model: WizardModel, index: number): Proposal[] {
  return toProposals(model, findingsOf(model, index));
}

/** Fixes of the host-wide findings (cron.allow…), shown on their own screen. */
export function hostProposals(model: WizardModel): Proposal[] {
  return toProposals(model, model.hostFindings);
}

function toProposals(model: WizardModel, findings: Finding[]): Proposal[] {
  return findings
    .filter((f) => f.suggestion || (f.fixable && planFixes(model, f)))
    .map((f) => ({ key: proposalKey(f), finding: f, recommended: !f.suggestion }));
}
