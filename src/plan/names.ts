// Names the plan gives a job: `backup` for /usr/local/bin/backup.sh, hence the user cw-backup, the
// file /etc/cron.d/cronwarden-backup, the lock /run/lock/cronwarden-backup.lock and the syslog tag
// cronwarden-backup. Names must be stable for one job, unique within a plan and free on the host.

import { targetsOf } from '../core/facts/index.js';
import type { Job } from '../core/types.js';
import type { RuleContext } from '../rules/rule.js';
import type { JobNames, NameBook } from './types.js';

/** Debian adduser's default NAME_REGEX, and useradd's 32-character limit. */
const USER_NAME = /^[a-z][-a-z0-9_]*$/;
const MAX_USER = 32;
/** cron.d names Debian cron accepts (database.c: not [A-Za-z0-9_-] → skipped). */
const CRON_D_NAME = /^[A-Za-z0-9_-]+$/;

/** `$HOME`, `${HOME}` or a `~` path in a command: the job needs a home directory. */
export const NEEDS_HOME = /\$\{?HOME\b|(^|[\s=:])~(\/|\s|$)/;
const SCRIPT_EXTENSION = /\.(sh|bash|py|pl|php|rb|js|cron)$/;
/** The system's own programs: a job running one of them is named after its file instead. */
const SYSTEM_PROGRAM = /^\/(usr\/)?(s?bin|lib|libexec)\//;

export function validateUserPrefix(prefix: string): string | null {
  if (prefix === '') return null;
  if (!/^[a-z][-a-z0-9_]*$/.test(prefix)) {
    return `user prefix ‘${prefix}’ would make invalid user names: use lowercase letters, digits, - and _, starting with a letter`;
  }
  if (prefix.length > 16) return `user prefix ‘${prefix}’ is longer than 16 characters: it leaves too little of the 32 a user name may have`;
  return null;
}

/** Why `name` cannot be a dedicated user this plan creates, or null: the same rules the planner's own
 *  names follow (adduser's NAME_REGEX, 32 characters, free as a user and a group, its cron.d file free). */
export function userNameProblem(rules: RuleContext, name: string): string | null {
  if (!USER_NAME.test(name)) return `‘${name}’ is not a valid user name: use lowercase letters, digits, - and _, starting with a letter`;
  if (name.length > MAX_USER) return `‘${name}’ is longer than ${MAX_USER} characters`;
  if (rules.host.users().some((u) => u.name === name) || rules.host.groups().some((g) => g.name === name)) return `‘${name}’ already exists on the host`;
  if (rules.host.lstat(`/etc/cron.d/cronwarden-${name}`) !== null) return `/etc/cron.d/cronwarden-${name} already exists`;
  return null;
}

/** What a job is about: its own script (`/usr/local/bin/backup.sh` → backup), else its cron.d
 *  file's name, else the program it runs. */
function baseNameOf(rules: RuleContext, job: Job): string {
  const targets = targetsOf(rules, job);
  const own = targets.map((t) => t.lookup.path ?? t.name).find((p) => p.includes('/') && !SYSTEM_PROGRAM.test(p));
  const fromFile = job.source.startsWith('/etc/cron.d/') ? basename(job.source) : null;
  const stem = own ? basename(own).replace(SCRIPT_EXTENSION, '') : (fromFile ?? (targets[0] ? basename(targets[0].name) : ''));
  const cleaned = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(cleaned) ? cleaned : `job${cleaned ? `-${cleaned}` : ''}`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/^["']|["']$/g, '');
}

/** Hands out names in a fixed order of asking; the same job always gets the same names. Jobs of
 *  one family (same script, or same cron.d file) share a user and a file; each job still gets its
 *  own base, so two jobs of a family never share a lock (flock -n would skip one of them). */
export function nameBook(rules: RuleContext, userPrefix: string, chosen: ReadonlyMap<string, string> = new Map()): NameBook {
  const host = rules.host;
  const users = new Set(host.users().map((u) => u.name));
  const groups = new Set(host.groups().map((g) => g.name));
  const bases = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const families = new Map<string, { user: string; file: string; home: string }>();
  const takenFamilies = new Set<string>();
  const byJob = new Map<string, JobNames>();
  const OURS = /^\/etc\/cron\.d\/cronwarden-([a-z][-a-z0-9_]*)$/;
  const fit = (stem: string, n: number, room: number): string => {
    const suffix = n === 1 ? '' : `-${n}`;
    return `${stem.slice(0, room - suffix.length).replace(/-+$/, '')}${suffix}`;
  };
  // The family's user gets a home when any root job of it uses HOME: one passwd entry serves all.
  let homeStems: Set<string> | null = null;
  const homeNeeded = (stem: string): boolean => {
    homeStems ??= new Set(rules.inventory.jobs.filter((j) => j.user === 'root' && NEEDS_HOME.test(j.command)).map((j) => baseNameOf(rules, j)));
    return homeStems.has(stem);
  };
  const family = (stem: string, job: Job): { user: string; file: string; home: string } => {
    // A job an earlier plan moved keeps its user and file (the file name says which family).
    const ours = OURS.exec(job.source)?.[1];
    if (ours !== undefined && job.user) return { user: job.user, file: job.source, home: host.users().find((u) => u.name === job.user)?.home ?? '/nonexistent' };
    const known = families.get(stem);
    if (known) return known;
    for (let n = 1; ; n++) {
      const name = fit(stem, n, MAX_USER - userPrefix.length);
      const user = `${userPrefix}${name}`;
      const file = `/etc/cron.d/cronwarden-${name}`;
      if (takenFamilies.has(name) || users.has(user) || groups.has(user) || host.lstat(file) !== null) continue;
      if (!USER_NAME.test(user) || !CRON_D_NAME.test(`cronwarden-${name}`)) continue;
      takenFamilies.add(name);
      const found = { user, file, home: homeNeeded(stem) ? `/var/lib/${user}` : '/nonexistent' };
      families.set(stem, found);
      return found;
    }
  };
  // A name the user typed for a job (wizard `u`, PlanOptions.userNames) is taken as is when it is valid
  // and free; jobs given the same name share its user and file.
  const chosenFamily = (name: string): { user: string; file: string; home: string } | null => {
    const known = families.get(`\u0000${name}`);
    if (known) return known;
    if (userNameProblem(rules, name) || takenFamilies.has(name)) return null;
    takenFamilies.add(name);
    const found = { user: name, file: `/etc/cron.d/cronwarden-${name}`, home: '/nonexistent' };
    families.set(`\u0000${name}`, found);
    return found;
  };
  return {
    forJob(job) {
      const known = byJob.get(job.id);
      if (known) return known;
      const stem = OURS.exec(job.source)?.[1] ?? baseNameOf(rules, job);
      let base = stem;
      // Resume where this stem's last search ended (every lower suffix is still taken): scanning
      // from 2 each time is quadratic when 100k jobs share a few scripts.
      let n = nextSuffix.get(stem) ?? 2;
      while (bases.has(base)) base = fit(stem, n++, 64);
      nextSuffix.set(stem, n);
      bases.add(base);
      const wanted = chosen.get(job.id);
      const names = { base, ...((wanted !== undefined && chosenFamily(wanted)) || family(stem, job)) };
      byJob.set(job.id, names);
      return names;
    },
  };
}
