// `scan --format json`, schema version 1 (docs/schemas/scan-v1.schema.json; DESIGN §5). Fields may be
// added; none renamed or removed without a new schema version.

import { octal } from '../core/mode.js';
import { describeSchedule, nextRuns } from '../core/schedule.js';
import { SEVERITIES, type Finding, type Job, type Severity, type Source } from '../core/types.js';
import { findRule } from '../rules/registry.js';
import type { ScanResult } from '../scan.js';


export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function sourceJson(source: Source, jobCount: number) {
  return {
    path: source.path,
    kind: source.kind,
    owner: source.owner,
    group: source.group,
    ...(source.info ? { uid: source.info.uid, gid: source.info.gid } : {}),
    mode: source.info ? octal(source.info.mode) : '0000',
    live: source.live,
    notLiveReason: source.notLive?.message ?? null,
    managed: source.managed,
    jobs: jobCount,
    errors: source.errors,
  };
}

/** The next runs as ISO text, once per schedule text: 100k jobs share a few thousand schedules. The
 *  text decides the spec (our own grammar), and `now` and the zone are fixed for one report. */
function nextRunsText(now: Date, timeZone: string): (job: Job) => string[] {
  const bySchedule = new Map<string, readonly string[]>();
  return (job) => {
    if (!job.live) return [];
    if (job.spec.kind !== 'fields') return nextRuns(job.spec, now, 3, timeZone).map((d) => d.toISOString());
    let runs = bySchedule.get(job.schedule);
    if (runs === undefined) bySchedule.set(job.schedule, (runs = nextRuns(job.spec, now, 3, timeZone).map((d) => d.toISOString())));
    return [...runs];
  };
}

function jobJson(job: Job, runsOf: (job: Job) => string[]) {
  return {
    id: job.id,
    source: job.source,
    line: job.line,
    user: job.user,
    schedule: job.schedule,
    description: describeSchedule(job.spec, job.schedule),
    command: job.command,
    stdin: job.stdin,
    raw: job.raw,
    live: job.live,
    notLiveReason: job.notLiveReason,
    nextRuns: runsOf(job),
  };
}

function findingJson(finding: Finding) {
  return { ...finding, references: findRule(finding.rule)?.docs.references ?? [] };
}

/** findingJson as JSON text, with each rule's references serialised once: a 100k-job host has
 *  400k findings, and copying each one to add the same array dominated the report's time. */
function findingText(): (finding: Finding) => string {
  const references = new Map<string, string>();
  return (finding) => {
    let refs = references.get(finding.rule);
    if (refs === undefined) references.set(finding.rule, (refs = JSON.stringify(findRule(finding.rule)?.docs.references ?? [])));
    return `${JSON.stringify(finding).slice(0, -1)},"references":${refs}}`;
  };
}

function reportHead(result: ScanResult, findings: readonly Finding[]) {
  const { inventory } = result;
  return {
    version: 1 as const,
    root: inventory.root,
    summary: {
      sources: inventory.sources.length,
      jobs: inventory.jobs.length,
      findings: countBySeverity(findings),
      suppressed: result.suppressed,
      fixable: findings.filter((f) => f.fixable).length,
    },
    skippedRules: result.skipped,
  };
}

function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

function elements(result: ScanResult, findings: readonly Finding[]) {
  const { inventory, host } = result;
  const jobsPerSource = new Map<string, number>();
  for (const job of inventory.jobs) jobsPerSource.set(job.source, (jobsPerSource.get(job.source) ?? 0) + 1);
  const runsOf = nextRunsText(host.now(), host.timeZone());
  return {
    sources: mapped(inventory.sources, (s) => sourceJson(s, jobsPerSource.get(s.path) ?? 0)),
    jobs: mapped(inventory.jobs, (j) => jobJson(j, runsOf)),
    findings: mapped(findings, findingJson),
  };
}

export function toJsonReport(result: ScanResult, findings: readonly Finding[] = result.findings) {
  const { sources, jobs, findings: list } = elements(result, findings);
  return { ...reportHead(result, findings), sources: [...sources], jobs: [...jobs], findings: [...list] };
}

/** Writes the same report in chunks, one array element per line: a 100k-job host makes a report of
 *  100+ MB that need never exist as one string or one object tree. */
export function writeJsonReport(result: ScanResult, findings: readonly Finding[], write: (chunk: string) => void): void {
  const headText = JSON.stringify(reportHead(result, findings), null, 2);
  let buffer = `${headText.slice(0, -2)},\n`;
  const flush = (force = false) => {
    if (force || buffer.length > 1 << 16) {
      write(buffer);
      buffer = '';
    }
  };
  const array = (name: string, items: Iterable<unknown>, last: boolean) => {
    buffer += `  "${name}": [`;
    let first = true;
    for (const item of items) {
      buffer += `${first ? '' : ','}\n    ${typeof item === 'string' ? item : JSON.stringify(item)}`;
      first = false;
      flush();
    }
    buffer += `${first ? '' : '\n  '}]${last ? '' : ','}\n`;
  };
  const { sources, jobs } = elements(result, findings);
  array('sources', sources, false);
  array('jobs', jobs, false);
  array('findings', mapped(findings, findingText()), true);
  buffer += '}\n';
  flush(true);
}
