// The journal as apply writes it, with the two orderings recovery relies on:
//   1. an operation's start is durable before the operation changes anything (otherwise a crash
//      could leave a change no record claims, and rollback would take it for someone else's);
//   2. every change is durable before a later record is fsynced (`applied` never reaches the disk
//      ahead of a rename it vouches for).
// Within those, fsyncs are shared: the starts of a run of file writes are recorded together (one
// fsync, not one per write); an operation's end is appended without an fsync of its own (the next
// durable record covers it, and an end that is lost, or written back early by the kernel, only
// ever describes a path that rollback compares against the disk anyway); and the directories the
// writes renamed into are fsynced once each, just before the next durable record, instead of once
// per file. Every write itself stays atomic: a temp file, fsynced, renamed over the target.

import { fsyncDir } from './atomic-write.js';
import { appendJournal, type JournalEntry } from './backup-store.js';
import type { FsLayer } from './fs-layer.js';
import type { PathState } from './safe-fs.js';

export type Start = Extract<JournalEntry, { e: 'op-start' }>;

export interface JournalWriter {
  /** Directories holding renames that are not durable yet; the writes add to it. */
  unsyncedDirs: Set<string>;
  /** Records operation `entry.i` as started — unless an earlier call recorded it already — and,
   *  for a file write (`batch`), the starts that `ahead` gives for the operations right after it. */
  start(entry: Start, batch?: boolean): void;
  done(i: number, result: PathState | null): void;
  /** A record that must be durable (applied, the starts of a batch of accounts …). */
  record(entries: JournalEntry | JournalEntry[]): void;
  /** Makes every change so far durable. */
  flush(): void;
}

/** `ahead(j)`: the start record of operation j when it may be recorded before the operations
 *  between i and j have run (its intended state does not depend on them), else null. */
export function journalWriter(fs: FsLayer, root: string, id: string, ahead: (j: number) => Start | null): JournalWriter {
  const unsyncedDirs = new Set<string>();
  const started = new Set<number>();
  const flush = (): void => {
    for (const dir of unsyncedDirs) {
      fsyncDir(fs, dir);
      unsyncedDirs.delete(dir);
    }
  };
  const record = (entries: JournalEntry | JournalEntry[]): void => {
    flush();
    appendJournal(fs, root, id, entries);
  };
  return {
    unsyncedDirs,
    flush,
    record,
    start: (entry, batch = false) => {
      if (started.delete(entry.i)) return;
      const entries: JournalEntry[] = [entry];
      for (let j = entry.i + 1, next = batch ? ahead(j) : null; next; next = ahead(++j)) {
        entries.push(next);
        started.add(j);
      }
      record(entries);
    },
    done: (i, result) => appendJournal(fs, root, id, { e: 'op-done', i, result }, false),
  };
}
