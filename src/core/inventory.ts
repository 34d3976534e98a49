// Builds the Inventory: every discovered source with its file facts, parse and live verdict, and
// every job in it with the environment cron gives it. Bad input never throws out of here: an
// unreadable, oversized, vanished or odd file gets a message in its source's `errors` and the
// rest of the scan goes on. Pure: everything is read through the Host.

import { looksBinary, parseCrontab } from './crontab.js';
import { BugError } from './errors.js';
import { cronEnv } from './cron-env.js';
import { baseName, DEBIAN_SPOOL, dirName, discoverSources, type DiscoveredSource } from './discover.js';
import { jobId, jobIdPrefix } from './job-id.js';
import { contentCause, fileCause, followLinks } from './liveness.js';
import { parseSchedule } from './schedule.js';
import {
  HostError,
  type CrontabFlavor,
  type Host,
  type Inventory,
  type Job,
  type NotLiveCause,
  type ParsedCrontab,
  type PasswdEntry,
  type Source,
} from './types.js';

interface Accounts {
  users: Map<string, PasswdEntry>;
  userById: Map<number, string>;
  groupById: Map<number, string>;
}

// One lookup table per host, so a scan of 10k sources does not rebuild it per file.
const accountCache = new WeakMap<Host, Accounts>();

function accounts(host: Host): Accounts {
  let a = accountCache.get(host);
  if (!a) {
    const users = new Map<string, PasswdEntry>();
    const userById = new Map<number, string>();
    for (const u of host.users()) {
      if (!users.has(u.name)) users.set(u.name, u);
      if (!userById.has(u.uid)) userById.set(u.uid, u.name);
    }
    const groupById = new Map<number, string>();
    for (const g of host.groups()) if (!groupById.has(g.gid)) groupById.set(g.gid, g.name);
    a = { users, userById, groupById };
    accountCache.set(host, a);
  }
  return a;
}

const RUN_PARTS_SCHEDULE: Record<string, string> = {
  '/etc/cron.hourly': '@hourly',
  '/etc/cron.daily': '@daily',
  '/etc/cron.weekly': '@weekly',
  '/etc/cron.monthly': '@monthly',
};

const FLAVOR: Partial<Record<Source['kind'], CrontabFlavor>> = { system: 'system', user: 'user', anacron: 'anacron' };

/** A file or directory only we could not read (root reads anything; cron has no size limit). */
function cronMayRead(code: string | undefined): boolean {
  return code === 'EACCES' || code === 'EPERM' || code === 'EFBIG';
}

function readFailure(error: unknown): { message: string; cause: NotLiveCause } {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof HostError ? error.code : 'EIO';
  const cronMayLoad = cronMayRead(code);
  return {
    message,
    cause: {
      code: 'unreadable',
      daemon: 'both',
      message: cronMayLoad
        ? `${message}; cron itself may still load it, so check it by hand`
        : `${message}: cron cannot load it either`,
    },
  };
}

/** Reads, parses and judges one source; never throws for bad input. */
export function loadSource(host: Host, d: DiscoveredSource): { source: Source; jobs: Job[] } {
  const { userById, groupById, users } = accounts(host);
  const info = host.lstat(d.path);
  const errors: string[] = d.error ? [d.error] : [];
  const source: Source = {
    path: d.path,
    kind: d.kind,
    info,
    owner: info ? (userById.get(info.uid) ?? null) : null,
    group: info ? (groupById.get(info.gid) ?? null) : null,
    live: true,
    notLive: null,
    managed: null,
    errors,
    parsed: null,
  };
  if (d.kind === 'user') source.crontabUser = baseName(d.path);
  if (d.error) {
    source.live = false;
    source.notLive = {
      code: 'unreadable',
      daemon: 'both',
      message: cronMayRead(d.errorCode) ? `${d.error}; cron itself may still load its crontabs, so check them by hand` : `${d.error}: cron cannot load anything from it either`,
    };
    return { source, jobs: [] };
  }
  if (d.kind === 'access') return { source, jobs: [] };
  if (d.kind === 'run-parts') return runPartsSource(host, source);

  let readCause: NotLiveCause | null = null;
  const flavor = FLAVOR[d.kind]!;
  const target = followLinks(host, d.path, info);
  const targetType = target === d.path ? info?.type : target === null ? undefined : host.lstat(target)?.type;
  if (target !== null && targetType === 'file') {
    try {
      source.parsed = parseCrontab(host.readFile(target), flavor);
    } catch (error) {
      const failure = readFailure(error);
      errors.push(failure.message);
      readCause = failure.cause;
    }
  } else {
    const what =
      target === null ? 'a symbolic link that loops' : targetType === undefined ? 'missing (it vanished during the scan, or is a broken link)' : `not a regular file (${targetType})`;
    errors.push(`${d.path} is ${what}; not read`);
    readCause = { code: target !== null && targetType !== undefined ? 'not-regular' : 'unreadable', daemon: 'both', message: `${d.path} is ${what}: cron cannot load it either` };
  }
  const parsed = source.parsed;
  const jobCount = parsed ? parsed.lines.reduce((n, l) => n + (l.kind === 'job' ? 1 : 0), 0) : 0;
  let notLive = fileCause(host, d.path, d.kind, info, jobCount) ?? readCause;
  // cronie reads /var/spool/cron/NAME and skips only bad lines; anacron skips bad lines too.
  const debianReads = d.kind === 'system' || (d.kind === 'user' && d.path.startsWith(`${DEBIAN_SPOOL}/`));
  if (!notLive && parsed && debianReads) notLive = contentCause(host, parsed);
  if (parsed?.encoding === 'latin1') errors.push(`${d.path} is not valid UTF-8; its bytes are shown as Latin-1`);
  if (parsed && looksBinary(parsed)) errors.push(`${d.path} looks like a binary file (it contains NUL bytes), not a crontab`);
  source.live = notLive === null;
  source.notLive = notLive;
  return { source, jobs: parsed ? crontabJobs(source, parsed, users) : [] };
}

function crontabJobs(source: Source, parsed: ParsedCrontab, users: Map<string, PasswdEntry>): Job[] {
  const jobs: Job[] = [];
  const prefix = jobIdPrefix(source.path);
  const fromFile: Record<string, string> = {};
  // Jobs under the same env lines and user share one frozen env object: a 100k-job scan must not
  // build 100k identical copies.
  let envs = new Map<string | null, Readonly<Record<string, string>>>();
  for (const line of parsed.lines) {
    if (line.kind === 'env' && line.env) {
      fromFile[line.env.name] = line.env.value;
      envs = new Map();
      continue;
    }
    if (line.kind !== 'job' || !line.job) continue;
    const job = line.job;
    const user = source.kind === 'user' ? source.crontabUser! : source.kind === 'system' ? job.user : 'root';
    let env = envs.get(user);
    if (!env) {
      env = Object.freeze(cronEnv(fromFile, user, user === null ? null : (users.get(user) ?? null)));
      envs.set(user, env);
    }
    jobs.push({
      id: prefix + line.number,
      source: source.path,
      sourceKind: source.kind,
      line: line.number,
      user,
      schedule: job.schedule,
      spec: job.spec,
      command: job.command,
      stdin: job.stdin,
      raw: job.raw,
      live: source.live,
      notLiveReason: source.notLive?.message ?? null,
      env: env as Record<string, string>,
    });
  }
  return jobs;
}

/** A run-parts script is one job run as root on its directory's schedule; subdirectories and
 *  other non-files are skipped by run-parts and are no job. */
function runPartsSource(host: Host, source: Source): { source: Source; jobs: Job[] } {
  const cause = fileCause(host, source.path, 'run-parts', source.info, 1);
  source.live = cause === null;
  source.notLive = cause;
  const target = source.info?.type === 'symlink' ? host.stat(source.path) : source.info;
  if (!target || target.type !== 'file') {
    if (!target) source.errors.push(`${source.path} is a broken symbolic link`);
    return { source, jobs: [] };
  }
  const keyword = RUN_PARTS_SCHEDULE[dirName(source.path)]!;
  const schedule = parseSchedule(keyword);
  if (!schedule.ok) throw new BugError(`run-parts keyword ${keyword} does not parse: ${schedule.reason}`);
  const user = 'root';
  const job: Job = {
    id: jobId(source.path, 1),
    source: source.path,
    sourceKind: 'run-parts',
    line: 1,
    user,
    schedule: keyword,
    spec: schedule.spec,
    command: source.path,
    stdin: null,
    raw: source.path,
    live: source.live,
    notLiveReason: cause?.message ?? null,
    env: cronEnv({}, user, accounts(host).users.get(user) ?? null),
  };
  return { source, jobs: [job] };
}

/** Discovers and loads every source. `onSource` reports progress as each one is read. */
export function buildInventory(host: Host, options: { onSource?: (s: Source, jobs: Job[]) => void } = {}): Inventory {
  const inventory: Inventory = { root: host.root, sources: [], jobs: [] };
  for (const d of discoverSources(host)) {
    let loaded: { source: Source; jobs: Job[] };
    try {
      loaded = loadSource(host, d);
    } catch (error) {
      // Only a cronwarden bug lands here; one bad source must not hide all the others.
      const message = `${d.path} could not be analysed: ${error instanceof Error ? error.message : String(error)} (a cronwarden bug; please report it)`;
      loaded = {
        source: { path: d.path, kind: d.kind, info: null, owner: null, group: null, live: false, managed: null, errors: [message], parsed: null,
          notLive: { code: 'unreadable', daemon: 'both', message } },
        jobs: [],
      };
    }
    inventory.sources.push(loaded.source);
    for (const job of loaded.jobs) inventory.jobs.push(job);
    options.onSource?.(loaded.source, loaded.jobs);
  }
  return inventory;
}
