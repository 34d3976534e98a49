// A crontab with its line patches applied: jobs rewritten (compose-job.ts), lines removed or
// replaced, a PATH line set or added, the last line ended. Lines nobody touched keep their bytes.
// Jobs moving to their own cron.d file (root-job) leave a one-line comment and come back as
// `moved`, with the environment lines they ran with.

import { parseLine, serializeCrontab } from '../core/crontab.js';
import type { Job, ParsedCrontab, ParsedLine, Source } from '../core/types.js';
import { composeJobLine, HIDDEN_CHARACTERS } from './compose-job.js';
import type { LinePatch } from './types.js';

export interface SourcePatches {
  lines: Map<number, LinePatch>;
  finalNewline: boolean;
  /** PATH value to put first (insert) and per-line PATH replacements. */
  pathInsert: string | null;
  pathReplace: Map<number, string>;
}

export interface MovedJob {
  job: Job;
  file: string;
  user: string;
  /** The env lines it ran with (as they are after this plan), in file order. */
  env: string[];
  /** Its line with the new user field. */
  line: string;
}

export interface ComposedSource {
  bytes: Uint8Array;
  moved: MovedJob[];
  /** Lines whose patch could not be applied, with why (their other lines still changed). */
  failed: Map<number, string>;
}

/** Env variables a moved job must not take along: cron derives them from the new user. */
const PER_USER_ENV = new Set(['HOME', 'LOGNAME', 'USER']);

export function emptyPatches(): SourcePatches {
  return { lines: new Map(), finalNewline: false, pathInsert: null, pathReplace: new Map() };
}

export function composeSource(source: Source, jobs: ReadonlyMap<number, Job>, patches: SourcePatches): ComposedSource {
  const parsed = source.parsed as ParsedCrontab;
  const out: Array<Pick<ParsedLine, 'text' | 'eol'>> = [];
  const failed = new Map<number, string>();
  const moves: Array<{ job: Job; index: number; patch: LinePatch; line: string }> = [];
  // A PATH line applies to the jobs below it: put it right above the first one.
  const insertAt = patches.pathInsert === null ? null : (parsed.lines.find((l) => l.kind === 'job')?.number ?? 0);
  for (const line of parsed.lines) {
    if (line.number === insertAt) out.push({ text: `PATH=${patches.pathInsert}`, eol: '\n' });
    const patch = patches.lines.get(line.number);
    const replacedPath = patches.pathReplace.get(line.number);
    if (replacedPath !== undefined) {
      out.push({ text: `PATH=${replacedPath}`, eol: line.eol });
      continue;
    }
    if (!patch) {
      out.push({ text: line.text, eol: line.eol });
      continue;
    }
    if (patch.remove) continue;
    const job = jobs.get(line.number);
    if (line.kind !== 'job' || !job) {
      out.push({ text: patch.clean ? line.text.replace(HIDDEN_CHARACTERS, '') : line.text, eol: line.eol });
      continue;
    }
    const composed = composeJobLine(line, job, patch);
    if (!composed.ok) {
      failed.set(line.number, composed.reason);
      out.push({ text: line.text, eol: line.eol });
      continue;
    }
    if (patch.move) {
      moves.push({ job, index: out.length, patch, line: `${composed.schedule} ${patch.move.user} ${composed.raw}` });
      out.push({ text: `# moved by cronwarden to ${patch.move.file} (runs as ${patch.move.user} instead of ${job.user ?? 'root'})`, eol: line.eol });
      continue;
    }
    out.push({ text: composed.text, eol: line.eol });
  }
  if (patches.finalNewline && out.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, eol: '\n' };
  if (insertAt === 0) {
    if (out.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, eol: '\n' };
    out.push({ text: `PATH=${patches.pathInsert}`, eol: '\n' });
  }
  const bytes = serializeCrontab({ flavor: parsed.flavor, encoding: parsed.encoding, lines: out as ParsedLine[] });
  const moved = moves.map(({ job, index, patch, line }) => ({ job, file: patch.move!.file, user: patch.move!.user, env: movedEnv(job, patch, out.slice(0, index)), line }));
  return { bytes, moved, failed };
}

/** The env lines in effect below `above` (the last one per name), without those cron derives
 *  from the new user. */
function envAbove(above: Array<Pick<ParsedLine, 'text' | 'eol'>>): string[] {
  const env = new Map<string, string>();
  for (const { text } of above) {
    const parsed = parseLine(text, '\n', 0, 'system');
    if (parsed.kind === 'env' && parsed.env && !PER_USER_ENV.has(parsed.env.name)) env.set(parsed.env.name, text);
  }
  return [...env.values()];
}

/** What the job ran with, plus what keeps it the same under the new user: its mail still goes to
 *  the old owner (not to a system account nobody reads), and a user without a home gets HOME=/
 *  (cronie skips a job whose HOME it cannot enter; Debian cron would run it in cron's own cwd). */
function movedEnv(job: Job, patch: LinePatch, above: Array<Pick<ParsedLine, 'text' | 'eol'>>): string[] {
  const env = envAbove(above);
  if (!env.some((l) => /^[ \t]*MAILTO[ \t]*=/.test(l))) env.push(`MAILTO=${job.user ?? 'root'}`);
  if (patch.move!.home === '/nonexistent') env.push('HOME=/');
  return env;
}

/** The cron.d files moved jobs go to: one per family and environment (jobs that ran with
 *  different env lines cannot share a file without changing what one of them runs with). */
export function movedFiles<T extends MovedJob>(moved: readonly T[], taken: (path: string) => boolean): Array<{ path: string; user: string; jobs: T[] }> {
  const files: Array<{ path: string; user: string; jobs: T[] }> = [];
  // By family user, environment and wanted file: a lookup per job, not a search of every file so far.
  const byKey = new Map<string, { path: string; user: string; jobs: T[] }>();
  const used = new Set<string>();
  for (const m of moved) {
    const key = JSON.stringify([m.user, m.env, m.file]);
    const same = byKey.get(key);
    if (same) {
      same.jobs.push(m);
      continue;
    }
    let path = m.file;
    for (let n = 2; used.has(path) || (path !== m.file && taken(path)); n++) path = `${m.file}-${n}`;
    used.add(path);
    const file = { path, user: m.user, jobs: [m] };
    byKey.set(key, file);
    files.push(file);
  }
  return files;
}

export function movedFileContent(user: string, jobs: readonly MovedJob[]): string {
  const lines = [`# Jobs cronwarden moved here to run as ${user} instead of root; \`cronwarden rollback\` puts them back.`, ...jobs[0]!.env];
  for (const { job, line } of jobs) lines.push(`# from ${job.source} line ${job.line}`, line);
  return `${lines.join('\n')}\n`;
}
