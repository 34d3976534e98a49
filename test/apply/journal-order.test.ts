// The two orderings recovery relies on (journal-writer.ts), checked on the real sequence of
// system calls of an apply: every rename over a host path happens after a durable journal record
// says that path's operation started, and every directory a rename went into is fsynced before the
// journal is fsynced again (so `applied`, or the next batch of starts, never vouches for a rename
// a power cut could still undo).

import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { realFs, type FsLayer } from '../../src/apply/fs-layer.js';
import type { Operation } from '../../src/core/operations.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, makePlan } from './helpers.js';

process.env.TMPDIR = '/dev/shm';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

type Event = { kind: 'rename'; to: string } | { kind: 'fsync'; path: string; started?: Set<string> };

/** The real layer, recording renames and fsyncs by path; at each journal fsync, the paths whose
 *  start the journal then holds. */
function recording(): { fs: FsLayer; events: Event[] } {
  const base = realFs();
  const events: Event[] = [];
  const paths = new Map<number, string>();
  const fs: FsLayer = {
    ...base,
    open: (p, flags, mode) => {
      const fd = base.open(p, flags, mode);
      paths.set(fd, p);
      return fd;
    },
    rename: (from, to) => {
      base.rename(from, to);
      events.push({ kind: 'rename', to });
    },
    fsync: (fd) => {
      base.fsync(fd);
      const path = paths.get(fd) ?? '?';
      if (!path.endsWith('/journal.jsonl')) return void events.push({ kind: 'fsync', path });
      const starts = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { e: string; path?: string | null });
      events.push({ kind: 'fsync', path, started: new Set(starts.flatMap((s) => (s.e === 'op-start' && s.path ? [s.path] : []))) });
    },
  };
  return { fs, events };
}

describe('journal ordering of an apply', () => {
  it('starts are durable before their renames, renames before the next journal fsync', async () => {
    const t = tempRoot({
      ...debianBase(),
      '/var/lib': { type: 'dir' },
      '/etc/cron.d/a': '1 * * * * root /bin/true\n',
      '/etc/cron.d/b': '2 * * * * root /bin/true\n',
      '/opt/jobs/run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
    });
    cleanup = t.cleanup;
    const root = t.dir;
    const write = (path: string, content: string, owner = 'root'): Operation => ({ op: 'write-file', path, before: before(root, path), content, encoding: 'utf8', mode: 0o644, owner, group: 'root', why: 'w' });
    const ops: Operation[] = [
      { op: 'create-user', name: 'cw-a', group: 'cw-a', home: '/nonexistent', shell: '/usr/sbin/nologin', why: 'u' },
      { op: 'chmod', path: '/opt/jobs/run.sh', before: before(root, '/opt/jobs/run.sh'), mode: 0o750, why: 'c' },
      write('/etc/cron.d/a', '1 * * * * cw-a /bin/true\n'),
      write('/etc/cron.d/b', '2 * * * * cw-a /bin/true\n'),
      write('/etc/cron.d/c', '3 * * * * cw-a /bin/true\n'),
      write('/opt/jobs/notes', 'x\n', 'cw-a'),
      { op: 'install-user-crontab', user: 'cw-a', path: '/var/spool/cron/crontabs/cw-a', before: { exists: false }, content: '@daily /bin/true\n', encoding: 'utf8', why: 'i' },
    ];
    const { fs, events } = recording();
    await apply(makePlan(root, ops), { root, io: collectIo(), yes: true, fs });

    const hostPath = (abs: string): string => abs.slice(root.length);
    let durable = new Set<string>();
    const pending = new Set<string>();
    let checkedRenames = 0;
    for (const event of events) {
      if (event.kind === 'rename') {
        const target = hostPath(event.to);
        if (target.startsWith('/var/lib/cronwarden')) continue;
        checkedRenames += 1;
        // Account files are started by a batch record without a path: only host files are checked.
        if (!target.startsWith('/etc/passwd') && !/^\/etc\/(group|shadow|gshadow)-?$/.test(target)) expect(durable, `start of ${target} durable before its rename`).toContain(target);
        pending.add(posix.dirname(event.to));
      } else if (event.started) {
        expect([...pending], `directories fsynced before the journal fsync that follows their renames`).toEqual([]);
        durable = event.started;
      } else pending.delete(event.path);
    }
    expect(checkedRenames).toBeGreaterThanOrEqual(9);
    // The journal was not fsynced once per write: the three cron.d writes and the next one share.
    expect(events.filter((e) => e.kind === 'fsync' && e.started).length).toBeLessThan(ops.length + 2);
  });
});
