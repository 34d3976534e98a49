// `scan --format json`, schema version 1 (docs/schemas/scan-v1.schema.json; DESIGN §5). Fields may be
// added; none renamed or removed without a new schema version.

import { describeSchedule, nextRuns } from '../core/schedule.js';
import { SEVERITIES, type Finding, type Job, type Severity, type Source } from '../core/types.js';
import { findRule } from '../rules/registry.js';
import type { ScanResult } from '../scan.js';

export function octalMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

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
    mode: source.info ? octalMode(source.info.mode) : '0000',
    live: source.live,
    notLiveReason: source.notLive?.message ?? null,
    managed: source.managed,
    jobs: jobCount,
    errors: source.errors,
  };
}

function jobJson(job: Job, now: Date, timeZone: string) {
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
    nextRuns: job.live ? nextRuns(job.spec, now, 3, timeZone).map((d) => d.toISOString()) : [],
  };
}

function findingJson(finding: Finding) {
  return { ...finding, references: findRule(finding.rule)?.docs.references ?? [] };
}

export function toJsonReport(result: ScanResult, findings: readonly Finding[] = result.findings) {
  const { inventory, host } = result;
  const jobsPerSource = new Map<string, number>();
  for (const job of inventory.jobs) jobsPerSource.set(job.source, (jobsPerSource.get(job.source) ?? 0) + 1);
  const now = host.now();
  const zone = host.timeZone();
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
    sources: inventory.sources.map((s) => sourceJson(s, jobsPerSource.get(s.path) ?? 0)),
    jobs: inventory.jobs.map((j) => jobJson(j, now, zone)),
    findings: findings.map(findingJson),
  };
}
