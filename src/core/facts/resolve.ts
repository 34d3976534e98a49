// Finding the program a command word names, the way the job's shell would: a word with a slash is
// a path (relative ones start in the job's working directory, which cron sets to HOME), any other
// word is looked up on PATH in order, and only an executable regular file counts (execvp(3)).
// Everything is resolved inside the root: a link never leads out of it (Host.stat).

import { posix } from 'node:path';
import type { FileInfo } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';

/** unknown: a relative path while the working directory is not known (e.g. after `cd "$DIR"`). */
export type LookupStatus = 'ok' | 'missing' | 'not-executable' | 'not-a-file' | 'unknown';

export interface CommandLookup {
  /** Absolute host path as named (links not resolved, so a fix writes `/usr/bin/php`, not php8.2). */
  path: string | null;
  status: LookupStatus;
  info: FileInfo | null;
}

const isExecutableFile = (info: FileInfo | null): boolean => info?.type === 'file' && (info.mode & 0o111) !== 0;

/** A host path for `word` taken relative to `cwd` (null when cwd is unknown). */
export function absoluteFrom(word: string, cwd: string | null): string | null {
  if (word.startsWith('/')) return posix.normalize(word);
  if (cwd === null || !cwd.startsWith('/')) return null;
  return posix.join(cwd, word);
}

export function lookupCommand(ctx: RuleContext, word: string, pathEntries: readonly string[], cwd: string | null = null): CommandLookup {
  // The working directory matters only to a relative word or a relative PATH entry: keyed without
  // it otherwise, the jobs of 3000 users (each starting in its own HOME) share one lookup per word.
  const relative = word.includes('/') ? !word.startsWith('/') : pathEntries.some((e) => !e.startsWith('/'));
  const byDir = memo(ctx, 'facts:lookups', () => new Map<string, Map<string, Map<string, CommandLookup>>>());
  const dirKey = relative ? (cwd ?? '') : '';
  let byPath = byDir.get(dirKey);
  if (!byPath) byDir.set(dirKey, (byPath = new Map()));
  const pathKey = pathEntries.join(':');
  let byWord = byPath.get(pathKey);
  if (!byWord) byPath.set(pathKey, (byWord = new Map()));
  let found = byWord.get(word);
  if (!found) byWord.set(word, (found = findCommand(ctx, word, pathEntries, cwd)));
  return found;
}

/** One stat per path and scan: the same PATH directories are searched for every distinct word. */
function statOnce(ctx: RuleContext, path: string): FileInfo | null {
  const stats = memo(ctx, 'facts:lookup-stats', () => new Map<string, FileInfo | null>());
  let info = stats.get(path);
  if (info === undefined) stats.set(path, (info = ctx.host.stat(path)));
  return info;
}

function findCommand(ctx: RuleContext, word: string, pathEntries: readonly string[], cwd: string | null): CommandLookup {
  if (word === '') return { path: null, status: 'missing', info: null };
  if (word.includes('/')) {
    const path = absoluteFrom(word, cwd);
    if (path === null) return { path: null, status: 'unknown', info: null };
    const info = statOnce(ctx, path);
    const status: LookupStatus = info === null ? 'missing' : info.type !== 'file' ? 'not-a-file' : isExecutableFile(info) ? 'ok' : 'not-executable';
    return { path, status, info };
  }
  for (const entry of pathEntries) {
    // An empty or "." entry means the working directory (a classic PATH hijack).
    const dir = absoluteFrom(entry === '' ? '.' : entry, cwd);
    if (dir === null) continue;
    const path = posix.join(dir, word);
    const info = statOnce(ctx, path);
    if (isExecutableFile(info)) return { path, status: 'ok' as const, info };
  }
  return { path: null, status: 'missing', info: null };
}

/** Absolute host path of the executable `word` runs, or null when nothing executable is found. */
export function resolveCommand(ctx: RuleContext, word: string, pathEntries: readonly string[], cwd: string | null = null): string | null {
  const found = lookupCommand(ctx, word, pathEntries, cwd);
  return found.status === 'ok' ? found.path : null;
}
