// Table of what Debian cron 3.0pl1-162 loads (database.c, user.c, entry.c) and what run-parts
// runs, checked through loadSource on an in-memory Debian host. The Debian verdicts were checked
// once by hand against the real daemon (cron -f -L 15 in a chroot, syslog captured): it refused
// exactly the gw, 10004-line, no-newline, user-owned-link, link-to-user-file, hard-linked,
// unknown-user, orphan and 0644-spool cases, skipped the dotted name silently, and ran the
// 10003-line file, 20000 trailing comments, a root link to a root file, a final comment without
// newline, a 0755 cron.d file and a root-owned user crontab.

import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/core/inventory.js';
import type { NotLiveCause, SourceKind } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { CRONTAB_GID, debianBase } from '../helpers/debian-base.js';

const JOBS3 = '# nightly\nMAILTO=ops\n0 1 * * * root /usr/bin/true\n0 2 * * * root /usr/bin/true\n0 3 * * * root /usr/bin/true\n';
const USER_JOBS = '0 1 * * * /usr/bin/true\n0 2 * * * /usr/bin/true\n';
const spool = (name: string, uid: number, extra: Partial<{ mode: number; content: string }> = {}) => ({
  content: USER_JOBS, mode: 0o600, uid, gid: CRONTAB_GID, ...extra,
});

interface Case {
  name: string;
  path: string;
  kind?: SourceKind;
  files: TreeSpec;
  cause: null | (Omit<Partial<NotLiveCause>, 'message'> & { message?: string | RegExp });
}

const CASES: Case[] = [
  { name: 'a clean cron.d file', path: '/etc/cron.d/backup', files: { '/etc/cron.d/backup': JOBS3 }, cause: null },
  { name: 'a clean /etc/crontab', path: '/etc/crontab', files: { '/etc/crontab': JOBS3 }, cause: null },
  {
    name: 'a dotted cron.d name', path: '/etc/cron.d/backup.sh', files: { '/etc/cron.d/backup.sh': JOBS3 },
    cause: { code: 'bad-name', daemon: 'debian', message: 'name ‘backup.sh’ has characters outside [A-Za-z0-9_-]: Debian cron skips the file silently (cronie (RHEL) would load it), silencing 3 jobs' },
  },
  {
    name: 'an editor backup cron.d name (cronie skips it too)', path: '/etc/cron.d/backup~', files: { '/etc/cron.d/backup~': JOBS3 },
    cause: { code: 'bad-name', daemon: 'both', message: /cronie skips it too/ },
  },
  {
    name: 'a cron.d file not owned by root', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': { content: JOBS3, uid: 33 } },
    cause: { code: 'wrong-owner', daemon: 'both', message: /^owned by uid 33, not root: cron refuses it \("WRONG FILE OWNER"\), silencing 3 jobs$/ },
  },
  {
    name: 'a group-writable cron.d file', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': { content: JOBS3, mode: 0o664 } },
    cause: { code: 'insecure-mode', daemon: 'both', message: /^mode 0664 is group- or world-writable/ },
  },
  {
    name: 'a world-writable /etc/crontab', path: '/etc/crontab', files: { '/etc/crontab': { content: JOBS3, mode: 0o646 } },
    cause: { code: 'insecure-mode', message: /mode 0646/ },
  },
  {
    name: 'a hard-linked cron.d file', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': { content: JOBS3, hardLinks: ['/root/app'] } },
    cause: { code: 'hard-links', daemon: 'debian', message: /^2 hard links: Debian cron refuses it \(cronie would load it\)/ },
  },
  {
    name: 'a directory in cron.d', path: '/etc/cron.d/sub', files: { '/etc/cron.d/sub': { type: 'dir' } },
    cause: { code: 'not-regular', daemon: 'both', message: /not a regular file \(dir\)/ },
  },
  {
    name: 'a root symlink to a root file', path: '/etc/cron.d/app',
    files: { '/etc/cron.d/app': { target: '/opt/app/cron' }, '/opt/app/cron': JOBS3 }, cause: null,
  },
  {
    name: 'a symlink owned by a user', path: '/etc/cron.d/app',
    files: { '/etc/cron.d/app': { target: '/opt/app/cron', uid: 1000 }, '/opt/app/cron': JOBS3 },
    cause: { code: 'untrusted-symlink', daemon: 'debian', message: /^symbolic link owned by uid 1000, not root: Debian cron refuses it, silencing 3 jobs$/ },
  },
  {
    name: 'a root symlink to a user-owned file', path: '/etc/cron.d/app',
    files: { '/etc/cron.d/app': { target: '/home/alice/cron' }, '/home/alice/cron': { content: JOBS3, uid: 1000 } },
    cause: { code: 'untrusted-symlink', daemon: 'both', message: /file owned by uid 1000/ },
  },
  {
    name: 'a broken symlink', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': { target: '/opt/gone' } },
    cause: { code: 'unreadable', message: /symbolic link to \/opt\/gone, which does not exist/ },
  },
  {
    name: 'a bad minute field', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': `${JOBS3}61 * * * * root /usr/bin/true\n` },
    cause: { code: 'syntax-error', daemon: 'debian', line: 6, message: /^line 6: .*61.*: Debian cron ignores the whole file, silencing 3 jobs \(cronie skips only the bad line\)$/ },
  },
  {
    name: 'an unknown user in a system crontab', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': '0 1 * * * deploy /usr/bin/true\n0 2 * * * root /usr/bin/true\n' },
    cause: { code: 'syntax-error', line: 1, message: 'line 1: user ‘deploy’ is not in /etc/passwd: Debian cron ignores the whole file, silencing 2 jobs (cronie skips only the bad line)' },
  },
  {
    name: 'a last line without newline', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': '0 1 * * * root /usr/bin/true\n0 2 * * * root /usr/bin/true' },
    cause: { code: 'missing-newline', daemon: 'debian', line: 2, message: /^line 2: the last line has no newline at the end: Debian cron ignores the whole file, silencing 2 jobs/ },
  },
  {
    name: 'a last comment without newline (fine)', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': '0 1 * * * root /usr/bin/true\n# end' }, cause: null,
  },
  {
    name: 'a missing newline wins over a syntax error on the same last line', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': '0 1 * * * root /usr/bin/true\nnonsense' },
    cause: { code: 'missing-newline', line: 2 },
  },
  {
    name: 'a crontab past the line limit', path: '/etc/cron.d/app', files: { '/etc/cron.d/app': '0 1 * * * root /usr/bin/true\n'.repeat(10004) },
    cause: { code: 'too-long', daemon: 'debian', line: 10004, message: /^line 10004: past cron's limit of 10000 lines .*silencing 10004 jobs/ },
  },
  {
    name: 'comments past the line limit (fine: skip_comments never reaches the check)', path: '/etc/cron.d/app',
    files: { '/etc/cron.d/app': `0 1 * * * root /usr/bin/true\n${'#\n'.repeat(20000)}` }, cause: null,
  },
  { name: 'a clean user crontab', path: '/var/spool/cron/crontabs/alice', files: { '/var/spool/cron/crontabs/alice': spool('alice', 1000) }, cause: null },
  { name: 'a user crontab owned by root', path: '/var/spool/cron/crontabs/alice', files: { '/var/spool/cron/crontabs/alice': spool('alice', 0) }, cause: null },
  {
    name: 'an orphan user crontab', path: '/var/spool/cron/crontabs/carol', files: { '/var/spool/cron/crontabs/carol': spool('carol', 1002) },
    cause: { code: 'orphan', daemon: 'both', message: 'user ‘carol’ is not in /etc/passwd: cron skips this orphaned crontab, silencing 2 jobs' },
  },
  {
    name: 'a user crontab owned by someone else', path: '/var/spool/cron/crontabs/alice', files: { '/var/spool/cron/crontabs/alice': spool('alice', 1001) },
    cause: { code: 'wrong-owner', daemon: 'both', message: /^owned by uid 1001, not alice \(uid 1000\) or root/ },
  },
  {
    name: 'a 0644 user crontab (cronie accepts it)', path: '/var/spool/cron/crontabs/alice', files: { '/var/spool/cron/crontabs/alice': spool('alice', 1000, { mode: 0o644 }) },
    cause: { code: 'insecure-mode', daemon: 'debian', message: /^mode 0644, not 0600: Debian cron refuses it \(cronie would load it\), silencing 2 jobs$/ },
  },
  {
    name: 'a 0666 user crontab', path: '/var/spool/cron/crontabs/alice', files: { '/var/spool/cron/crontabs/alice': spool('alice', 1000, { mode: 0o666 }) },
    cause: { code: 'insecure-mode', daemon: 'both' },
  },
  {
    name: 'a hard-linked user crontab', path: '/var/spool/cron/crontabs/alice',
    files: { '/var/spool/cron/crontabs/alice': { ...spool('alice', 1000), hardLinks: ['/home/alice/ct'] } },
    cause: { code: 'hard-links', daemon: 'both' },
  },
  {
    name: 'a symlinked user crontab (O_NOFOLLOW)', path: '/var/spool/cron/crontabs/alice',
    files: { '/var/spool/cron/crontabs/alice': { target: '/home/alice/ct', uid: 1000 }, '/home/alice/ct': spool('alice', 1000) },
    cause: { code: 'untrusted-symlink', daemon: 'debian', message: /O_NOFOLLOW/ },
  },
  {
    name: 'a syntax error in a user crontab', path: '/var/spool/cron/crontabs/alice',
    files: { '/var/spool/cron/crontabs/alice': spool('alice', 1000, { content: `${USER_JOBS}* * * *\n` }) },
    cause: { code: 'syntax-error', line: 3, message: /silencing 2 jobs/ },
  },
  {
    name: 'a 0644 crontab in the RHEL spool (cronie loads it)', path: '/var/spool/cron/alice', kind: 'user',
    files: { '/var/spool/cron/alice': spool('alice', 1000, { mode: 0o644 }) }, cause: null,
  },
  {
    name: 'an executable crontab in the RHEL spool', path: '/var/spool/cron/alice', kind: 'user',
    files: { '/var/spool/cron/alice': spool('alice', 1000, { mode: 0o700 }) },
    cause: { code: 'insecure-mode', daemon: 'cronie', message: /BAD FILE MODE/ },
  },
  {
    name: 'a syntax error in the RHEL spool (cronie skips only that line)', path: '/var/spool/cron/alice', kind: 'user',
    files: { '/var/spool/cron/alice': spool('alice', 1000, { content: `${USER_JOBS}61 * * * * x\n` }) }, cause: null,
  },
  { name: 'an executable run-parts script', path: '/etc/cron.daily/logrotate', kind: 'run-parts', files: { '/etc/cron.daily/logrotate': { content: '#!/bin/sh\n', mode: 0o755 } }, cause: null },
  {
    name: 'a run-parts script with a dot', path: '/etc/cron.daily/backup.sh', kind: 'run-parts',
    files: { '/etc/cron.daily/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
    cause: { code: 'bad-name', daemon: 'debian', message: "name ‘backup.sh’ has characters outside [A-Za-z0-9_-]: Debian's run-parts never runs it from /etc/cron.daily (RHEL's run-parts would)" },
  },
  {
    name: 'a run-parts script without execute bit', path: '/etc/cron.weekly/report', kind: 'run-parts',
    files: { '/etc/cron.weekly/report': { content: '#!/bin/sh\n', mode: 0o644 } },
    cause: { code: 'not-executable', daemon: 'both', message: 'mode 0644 has no execute bit: run-parts silently skips it' },
  },
  {
    name: 'a run-parts symlink to an executable (followed)', path: '/etc/cron.hourly/tick', kind: 'run-parts',
    files: { '/etc/cron.hourly/tick': { target: '/usr/local/bin/tick' }, '/usr/local/bin/tick': { content: '', mode: 0o755 } }, cause: null,
  },
];

describe('liveness (Debian cron 3.0pl1-162, run-parts, cronie notes)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const host = memoryHost({ ...debianBase(), ...c.files });
    const { source, jobs } = loadSource(host, { path: c.path, kind: c.kind ?? (c.path.startsWith('/var/spool') ? 'user' : 'system') });
    if (c.cause === null) {
      expect(source.notLive).toBeNull();
      expect(source.live).toBe(true);
      expect(jobs.every((j) => j.live && j.notLiveReason === null)).toBe(true);
      return;
    }
    expect(source.live).toBe(false);
    const { message, ...rest } = c.cause;
    expect(source.notLive).toMatchObject(rest);
    if (typeof message === 'string') expect(source.notLive!.message).toBe(message);
    else if (message) expect(source.notLive!.message).toMatch(message);
    for (const job of jobs) {
      expect(job.live).toBe(false);
      expect(job.notLiveReason).toBe(source.notLive!.message);
    }
  });
});
