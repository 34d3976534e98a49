// The environment cron gives a job (DESIGN §2): the inventory already merged cron's defaults with
// the env lines above the job; this reads it back in the shape the rules need, and finds the env
// line that set a variable (so a fix can edit that line, and no-path can tell "cron's default").

import type { Job, ParsedLine, Source } from '../types.js';
import { CRON_DEFAULT_PATH, CRON_DEFAULT_SHELL } from '../cron-env.js';
import type { RuleContext } from '../../rules/rule.js';
import { memo } from '../../rules/rule.js';

/** What the fixes propose: the usual sbin-first root PATH, filtered to directories that exist. */
export const SAFE_PATH_ENTRIES = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface JobEnvironment {
  /** PATH as cron hands it to the shell (cron never expands `$PATH` in an env line). */
  path: string;
  /** PATH split on ':', entries kept raw ('' and '.' mean the working directory). */
  pathEntries: string[];
  shell: string;
  /** Cron chdir()s here before running the job (do_command.c), so relative paths start here. */
  home: string | null;
  /** null: unset (mail goes to the job user); '': mail disabled. */
  mailto: string | null;
  logname: string | null;
}

export function splitPath(value: string): string[] {
  return value.split(':');
}

export function jobEnvironment(job: Job): JobEnvironment {
  const env = job.env;
  const path = env.PATH ?? CRON_DEFAULT_PATH;
  return {
    path,
    pathEntries: splitPath(path),
    shell: env.SHELL ?? CRON_DEFAULT_SHELL,
    home: env.HOME ?? null,
    mailto: env.MAILTO ?? null,
    logname: env.LOGNAME ?? env.USER ?? job.user,
  };
}

/** The env line that set `name` for this job (the last one above it in its file), or null when the
 *  value is cron's default. */
export function envLineFor(ctx: RuleContext, job: Job, name: string): ParsedLine | null {
  const perName = memo(ctx, 'facts:env-lines', () => new Map<string, Map<string, ParsedLine[]>>());
  let perSource = perName.get(name);
  if (!perSource) perName.set(name, (perSource = new Map()));
  let lines = perSource.get(job.source);
  if (!lines) {
    lines = (sourceOf(ctx, job.source)?.parsed?.lines ?? []).filter((l) => l.kind === 'env' && l.env?.name === name);
    perSource.set(job.source, lines);
  }
  if (lines.length === 0) return null;
  let found: ParsedLine | null = null;
  for (const line of lines) {
    if (line.number >= job.line) break;
    found = line;
  }
  return found;
}

/** PATH entries that exist as directories on the host, for a safe replacement PATH line. */
export function safePathFor(ctx: RuleContext): string {
  return memo(ctx, 'facts:safe-path', () => {
    const present = SAFE_PATH_ENTRIES.filter((dir) => ctx.host.stat(dir)?.type === 'dir');
    return (present.length > 0 ? present : ['/usr/bin', '/bin']).join(':');
  });
}

export function sourceOf(ctx: RuleContext, path: string): Source | undefined {
  return memo(ctx, 'facts:sources-by-path', () => new Map(ctx.inventory.sources.map((s) => [s.path, s]))).get(path);
}
