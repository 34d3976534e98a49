// Whether cron will load a source, reproducing Debian cron 3.0pl1-162 (database.c process_crontab
// and valid_name, user.c load_user, entry.c load_entry; read from the Debian source package) and
// run-parts (debianutils 5.7). Where cronie (RHEL) decides differently the message says so;
// /var/spool/cron/NAME is read only by cronie, so cronie's rules (database.c check_open) apply there.
// Pure: facts come from the Host and the parsed crontab.

import type { FileInfo, Host, NotLiveCause, ParsedCrontab, PasswdEntry, SourceKind } from './types.js';
import { fileRefusal, MAX_CRONTAB_LINES } from './crontab.js';
import { baseName, DEBIAN_SPOOL, dirName, RHEL_SPOOL, RUN_PARTS_DIRS } from './discover.js';
import { octal } from './mode.js';

/** database.c valid_name, classical mode (Debian's cron.service runs `cron -f` without -l), and
 *  run-parts without --lsbsysinit as /etc/crontab calls it. */
const CLASSICAL_NAME = /^[A-Za-z0-9_-]+$/;

export function silencing(jobs: number): string {
  return jobs === 0 ? 'it has no jobs' : `silencing ${jobs} ${jobs === 1 ? 'job' : 'jobs'}`;
}


/** cronie's not_a_crontab: names it skips in cron.d and its spool. */
function cronieSkipsName(name: string): boolean {
  return name.startsWith('#') || name.endsWith('~') || /\.(rpmsave|rpmorig|rpmnew)$/.test(name);
}

/** cronie check_open: (mode & 07533) must be 0400 — owner-readable, no execute bits, no set-id,
 *  not group/other writable. */
function cronieModeOk(mode: number): boolean {
  return (mode & 0o7533) === 0o400;
}

interface Check {
  host: Host;
  path: string;
  info: FileInfo | null;
  jobs: number;
}

function cause(code: NotLiveCause['code'], daemon: NotLiveCause['daemon'], message: string, line?: number): NotLiveCause {
  return line === undefined ? { code, daemon, message } : { code, daemon, message, line };
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Where a chain of symlinks ends (the host keeps every hop inside its root); null on a loop. */
export function followLinks(host: Host, path: string, info: FileInfo | null): string | null {
  let current = path;
  let type = info?.type;
  for (let hops = 0; type === 'symlink'; hops++) {
    const target = host.readlink(current);
    if (target === null || hops >= 40) return null;
    current = normalise(target.startsWith('/') ? target : `${dirName(current)}/${target}`);
    type = host.lstat(current)?.type;
  }
  return current;
}

/** database.c, system crontab branch (/etc/crontab and /etc/cron.d/NAME). */
function systemFileCause({ host, path, info, jobs }: Check): NotLiveCause | null {
  const quiet = silencing(jobs);
  if (path.startsWith('/etc/cron.d/')) {
    const name = baseName(path);
    // load_database: names outside [A-Za-z0-9_-] are skipped without a log line.
    if (!CLASSICAL_NAME.test(name)) {
      const cronie = cronieSkipsName(name) ? 'cronie skips it too' : 'cronie (RHEL) would load it';
      return cause('bad-name', cronieSkipsName(name) ? 'both' : 'debian',
        `name ‘${name}’ has characters outside [A-Za-z0-9_-]: Debian cron skips the file silently (${cronie}), ${quiet}`);
    }
  }
  if (!info) return cause('unreadable', 'both', `the file vanished during the scan, ${quiet}`);
  let target = info;
  if (info.type === 'symlink') {
    // "WRONG SYMLINK OWNER": the link itself must be root's; cronie does not look at the link.
    if (info.uid !== 0) {
      return cause('untrusted-symlink', 'debian', `symbolic link owned by uid ${info.uid}, not root: Debian cron refuses it, ${quiet}`);
    }
    const followed = host.stat(path);
    if (!followed) {
      const end = followLinks(host, path, info) === null ? 'a chain of links that loops' : 'which does not exist';
      return cause('unreadable', 'both', `symbolic link to ${host.readlink(path) ?? '?'}, ${end}: cron cannot open it, ${quiet}`);
    }
    // open() follows the link; the fstat checks below apply to the target, which must be root's.
    if (followed.uid !== 0) {
      return cause('untrusted-symlink', 'both', `symbolic link to a file owned by uid ${followed.uid}, not root: cron refuses it, ${quiet}`);
    }
    target = followed;
  }
  if (target.uid !== 0) return cause('wrong-owner', 'both', `owned by uid ${target.uid}, not root: cron refuses it ("WRONG FILE OWNER"), ${quiet}`);
  if (target.type !== 'file') return cause('not-regular', 'both', `not a regular file (${target.type}): cron skips it, ${quiet}`);
  if (target.mode & 0o022) {
    return cause('insecure-mode', 'both', `mode ${octal(target.mode)} is group- or world-writable: cron refuses it ("INSECURE MODE"), ${quiet}`);
  }
  // cronie checks the link count only for user crontabs.
  if (target.nlink !== 1) {
    return cause('hard-links', 'debian', `${target.nlink} hard links: Debian cron refuses it (cronie would load it), ${quiet}`);
  }
  return null;
}

/** database.c, user crontab branch (Debian spool): open(O_NOFOLLOW), then owner, type, mode, links. */
function debianUserCause({ info, jobs }: Check, user: PasswdEntry): NotLiveCause | null {
  const quiet = silencing(jobs);
  if (!info) return cause('unreadable', 'both', `the file vanished during the scan, ${quiet}`);
  if (info.type === 'symlink') {
    return cause('untrusted-symlink', 'debian', `a symbolic link: Debian cron opens user crontabs with O_NOFOLLOW and skips it (cronie would follow it), ${quiet}`);
  }
  if (info.uid !== user.uid && info.uid !== 0) {
    return cause('wrong-owner', 'both', `owned by uid ${info.uid}, not ${user.name} (uid ${user.uid}) or root: cron refuses it, ${quiet}`);
  }
  if (info.type !== 'file') return cause('not-regular', 'both', `not a regular file (${info.type}): cron skips it, ${quiet}`);
  if (info.mode !== 0o600) {
    const cronieOk = cronieModeOk(info.mode);
    return cause('insecure-mode', cronieOk ? 'debian' : 'both',
      `mode ${octal(info.mode)}, not 0600: Debian cron refuses it${cronieOk ? ' (cronie would load it)' : ''}, ${quiet}`);
  }
  if (info.nlink !== 1) return cause('hard-links', 'both', `${info.nlink} hard links: cron refuses it, ${quiet}`);
  return null;
}

/** cronie database.c check_open for /var/spool/cron/NAME: open follows links, then fstat checks. */
function cronieUserCause({ host, path, info, jobs }: Check, user: PasswdEntry): NotLiveCause | null {
  const quiet = silencing(jobs);
  const target = info?.type === 'symlink' ? host.stat(path) : info;
  if (!target) return cause('unreadable', 'cronie', `cronie cannot open it (missing or a broken link), ${quiet}`);
  if (target.type !== 'file') return cause('not-regular', 'cronie', `not a regular file (${target.type}): cronie skips it, ${quiet}`);
  if (!cronieModeOk(target.mode)) {
    return cause('insecure-mode', 'cronie', `mode ${octal(target.mode)}: cronie refuses it ("BAD FILE MODE": it must be owner-readable, not executable, not group/world-writable), ${quiet}`);
  }
  if (target.uid !== 0 && target.uid !== user.uid) {
    return cause('wrong-owner', 'cronie', `owned by uid ${target.uid}, not ${user.name} (uid ${user.uid}) or root: cronie refuses it, ${quiet}`);
  }
  if (target.nlink !== 1) return cause('hard-links', 'cronie', `${target.nlink} hard links: cronie refuses it ("BAD LINK COUNT"), ${quiet}`);
  return null;
}

/** run-parts (debianutils): stat() follows links; regular files with an execute bit and a classical name. */
function runPartsCause({ host, path, info }: Check): NotLiveCause | null {
  const name = baseName(path);
  const dir = dirName(path);
  if (!CLASSICAL_NAME.test(name)) {
    const rhel = cronieSkipsName(name) ? 'both' : 'debian';
    return cause('bad-name', rhel,
      `name ‘${name}’ has characters outside [A-Za-z0-9_-]: Debian's run-parts never runs it from ${dir}${rhel === 'debian' ? ' (RHEL\'s run-parts would)' : ''}`);
  }
  const target = info?.type === 'symlink' ? host.stat(path) : info;
  if (!target) return cause('unreadable', 'both', `run-parts cannot stat it (missing or a broken link), so it never runs from ${dir}`);
  if (target.type !== 'file') return cause('not-regular', 'both', `not a regular file (${target.type}): run-parts skips it`);
  if ((target.mode & 0o111) === 0) return cause('not-executable', 'both', `mode ${octal(target.mode)} has no execute bit: run-parts silently skips it`);
  return null;
}

/** Reasons cron will not load the file at all, before reading it (names, owners, modes, links). */
export function fileCause(host: Host, path: string, kind: SourceKind, info: FileInfo | null, jobs: number): NotLiveCause | null {
  const check: Check = { host, path, info, jobs };
  switch (kind) {
    case 'system':
      return systemFileCause(check);
    case 'run-parts':
      return RUN_PARTS_DIRS.some((d) => path.startsWith(`${d}/`)) ? runPartsCause(check) : null;
    case 'user': {
      const name = baseName(path);
      const user = host.users().find((u) => u.name === name);
      // process_crontab: getpwnam(file name) fails → "ORPHAN (no passwd entry)", the file is skipped.
      if (!user) {
        return cause('orphan', 'both', `user ‘${name}’ is not in /etc/passwd: cron skips this orphaned crontab, ${silencing(jobs)}`);
      }
      if (path.startsWith(`${DEBIAN_SPOOL}/`)) return debianUserCause(check, user);
      if (path.startsWith(`${RHEL_SPOOL}/`)) return cronieUserCause(check, user);
      return null;
    }
    default:
      return null;
  }
}

// One set per host: contentCause runs once per file of a 10k-file scan.
const userNameCache = new WeakMap<Host, Set<string>>();
function userNames(host: Host): Set<string> {
  let names = userNameCache.get(host);
  if (!names) {
    names = new Set(host.users().map((u) => u.name));
    userNameCache.set(host, names);
  }
  return names;
}

/** The first line that makes Debian cron's load_user drop the whole file, in the order the daemon
 *  reads it (a missing newline on the last line is seen before that line is parsed; a bad line
 *  before the line-count check). cronie skips only a bad line and has no line limit. */
export function contentCause(host: Host, parsed: ParsedCrontab): NotLiveCause | null {
  const jobs = parsed.lines.filter((l) => l.kind === 'job').length;
  const tail = `Debian cron ignores the whole file, ${silencing(jobs)}`;
  let users: Set<string> | undefined;
  const refusal = fileRefusal(parsed, (name) => (users ??= userNames(host)).has(name));
  switch (refusal?.kind) {
    case undefined:
      return null;
    case 'missing-newline':
      return cause('missing-newline', 'debian', `line ${refusal.line}: the last line has no newline at the end: ${tail} (cronie does not drop the file for this)`, refusal.line);
    case 'invalid':
      return cause('syntax-error', 'debian', `line ${refusal.line}: ${refusal.reason}: ${tail} (cronie skips only the bad line)`, refusal.line);
    case 'unknown-user':
      return cause('syntax-error', 'debian', `line ${refusal.line}: user ‘${refusal.user}’ is not in /etc/passwd: ${tail} (cronie skips only the bad line)`, refusal.line);
    case 'too-long':
      return cause('too-long', 'debian',
        `line ${refusal.line}: past cron's limit of ${MAX_CRONTAB_LINES} lines (plus its 3 header lines): ${tail} (cronie has no limit)`,
        refusal.line);
  }
}
