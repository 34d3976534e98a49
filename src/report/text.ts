// Human output of `scan`: findings grouped by source, like ShellCheck/ESLint's stylish formatter,
// then one summary line. Host-level findings (no file) come first under "host".

import type { Finding, Source } from '../core/types.js';
import type { ScanResult } from '../scan.js';
import { octal } from '../core/mode.js';
import { countBySeverity } from './json.js';
import { SEVERITY_STYLE, painter } from './theme.js';
import { plural } from '../rules/helpers.js';
import { showControls } from '../core/visible.js';

// File names, commands and messages quoting them come from the host: an escape sequence or a
// newline in a planted file name must not repaint the terminal or forge a report line.
const safe = (text: string): string => showControls(text, true);

function sourceHeading(source: Source, jobs: number): string {
  const owner = `${source.owner ?? source.info?.uid ?? '?'}:${source.group ?? source.info?.gid ?? '?'}`;
  const mode = source.info ? octal(source.info.mode) : '----';
  const state = source.live ? 'live' : `NOT LOADED: ${source.notLive?.message ?? 'unknown reason'}`;
  return safe(`${source.path}  (${source.kind}, ${owner} ${mode}, ${plural(jobs, 'job')}, ${state})`);
}

export function renderText(result: ScanResult, findings: readonly Finding[], color: boolean, hidden = 0): string {
  const paint = painter(color);
  const out: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.path ?? '';
    const list = byPath.get(key);
    if (list) list.push(f);
    else byPath.set(key, [f]);
  }
  const jobsPerSource = new Map<string, number>();
  for (const job of result.inventory.jobs) jobsPerSource.set(job.source, (jobsPerSource.get(job.source) ?? 0) + 1);

  const line = (f: Finding) => {
    const where = f.line ? `${f.line}`.padStart(5) : '    -';
    const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
    const fix = f.fixable ? paint('green', ' [fixable]') : f.suggestion ? paint('green', ' [suggestion]') : '';
    return `${where}  ${sev} ${paint('bold', f.rule)}  ${safe(f.message)}${fix}`;
  };

  const hostFindings = byPath.get('') ?? [];
  if (hostFindings.length) out.push(paint('bold', 'host'), ...hostFindings.map(line), '');
  for (const source of result.inventory.sources) {
    const list = byPath.get(source.path) ?? [];
    const noteworthy = list.length > 0 || !source.live || source.errors.length > 0;
    if (!noteworthy) continue;
    out.push(paint(source.live ? 'bold' : ['bold', 'red'], sourceHeading(source, jobsPerSource.get(source.path) ?? 0)));
    for (const error of source.errors) out.push(`    ${paint('red', 'error')}  ${safe(error)}`);
    out.push(...list.map(line), '');
  }
  // Findings on paths that are not sources (a script, a directory) follow their own heading.
  const sourcePaths = new Set(result.inventory.sources.map((s) => s.path));
  for (const [path, list] of byPath) {
    if (path === '' || sourcePaths.has(path)) continue;
    out.push(paint('bold', safe(path)), ...list.map(line), '');
  }
  out.push(summaryLine(result, findings, paint) + (hidden ? `; ${hidden} below --min-severity not shown` : ''));
  return `${out.join('\n')}\n`;
}

function summaryLine(result: ScanResult, findings: readonly Finding[], paint: ReturnType<typeof painter>): string {
  const counts = countBySeverity(findings);
  const notLive = result.inventory.sources.filter((s) => !s.live && s.kind !== 'access').length;
  const parts = (Object.keys(counts) as (keyof typeof counts)[]).filter((s) => counts[s] > 0).map((s) => paint(SEVERITY_STYLE[s], `${counts[s]} ${s}`));
  const fixable = findings.filter((f) => f.fixable).length;
  return (
    `${plural(result.inventory.sources.length, 'source')}, ${plural(result.inventory.jobs.length, 'job')}` +
    (notLive ? `, ${paint('red', `${notLive} not loaded by cron`)}` : '') +
    ` — ${plural(findings.length, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''}` +
    (fixable ? `, ${fixable} fixable with \`cronwarden plan\`` : '') +
    (result.suppressed ? `, ${result.suppressed} suppressed` : '') +
    (result.skipped.length ? `; skipped: ${result.skipped.map((s) => `${s.rule} (${safe(s.reason)})`).join(', ')}` : '')
  );
}
