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

/** What a job is about: its own script (`/usr/local/bin/backup.sh` → backup), else its cron.d
 *  file's name, else the program it runs. */
export function baseNameOf(rules: RuleContext, job: Job): string {
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

/** Hands out names in a fixed order of asking; the same job always gets the same names. */
export function nameBook(rules: RuleContext, userPrefix: string): NameBook {
  const host = rules.host;
  const users = new Set(host.users().map((u) => u.name));
  const groups = new Set(host.groups().map((g) => g.name));
  const taken = new Set<string>();
  const byJob = new Map<string, JobNames>();
  const fileFree = (base: string): boolean => host.lstat(`/etc/cron.d/cronwarden-${base}`) === null;
  const OURS = /^\/etc\/cron\.d\/cronwarden-([a-z][-a-z0-9_]*)$/;
  return {
    forJob(job) {
      const known = byJob.get(job.id);
      if (known) return known;
      // A job an earlier plan moved keeps the names it got then (its file says which).
      const ours = OURS.exec(job.source)?.[1];
      if (ours !== undefined && !taken.has(ours)) {
        taken.add(ours);
        const names = { base: ours, user: job.user ?? `${userPrefix}${ours}` };
        byJob.set(job.id, names);
        return names;
      }
      const stem = baseNameOf(rules, job);
      for (let n = 1; ; n++) {
        const suffix = n === 1 ? '' : `-${n}`;
        const base = `${stem.slice(0, MAX_USER - userPrefix.length - suffix.length)}${suffix}`.replace(/-+$/, '');
        const user = `${userPrefix}${base}`;
        const free = !taken.has(base) && !users.has(user) && !groups.has(user) && fileFree(base);
        if (free && USER_NAME.test(user) && CRON_D_NAME.test(`cronwarden-${base}`)) {
          taken.add(base);
          const names = { base, user };
          byJob.set(job.id, names);
          return names;
        }
      }
    },
  };
}
