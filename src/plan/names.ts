// Names the plan gives a job: `backup` for /usr/local/bin/backup.sh, hence the user cw-backup, the
// file /etc/cron.d/cronwarden-backup, the lock /run/lock/cronwarden-backup.lock and the syslog tag
// cronwarden-backup. Names must be stable for one job, unique within a plan and free on the host.

import type { Host, Job } from '../core/types.js';
import type { JobNames, NameBook } from './types.js';

/** Debian adduser's default NAME_REGEX, and useradd's 32-character limit. */
const USER_NAME = /^[a-z][-a-z0-9_]*$/;
const MAX_USER = 32;
/** cron.d names Debian cron accepts (database.c: not [A-Za-z0-9_-] → skipped). */
const CRON_D_NAME = /^[A-Za-z0-9_-]+$/;

/** Programs that run another program given later on their command line. */
const WRAPPERS = new Set(['nice', 'ionice', 'nohup', 'env', 'timeout', 'flock', 'chronic', 'run-one', 'setsid', 'sudo', 'su', 'chpst', 'stdbuf']);
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'python', 'python3', 'perl', 'php', 'ruby', 'node']);
const SCRIPT_EXTENSION = /\.(sh|bash|py|pl|php|rb|js|cron)$/;

export function validateUserPrefix(prefix: string): string | null {
  if (prefix === '') return null;
  if (!/^[a-z][-a-z0-9_]*$/.test(prefix)) {
    return `user prefix ‘${prefix}’ would make invalid user names: use lowercase letters, digits, - and _, starting with a letter`;
  }
  if (prefix.length > 16) return `user prefix ‘${prefix}’ is longer than 16 characters: it leaves too little of the 32 a user name may have`;
  return null;
}

/** The program a job is about: the last word of the first command that is not a wrapper or an
 *  interpreter (so `cd /srv && nice -n 10 /bin/sh /opt/backup.sh` gives /opt/backup.sh). */
export function mainProgram(command: string): string | null {
  for (const segment of command.split(/&&|\|\||;|\|/)) {
    const words = segment.trim().split(/[ \t]+/).filter(Boolean);
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    const first = words[i];
    if (first === undefined) continue;
    const name = basename(first);
    if (name === 'cd' || name === 'test' || name === '[' || name === ':' || name === 'true') continue;
    if (WRAPPERS.has(name) || INTERPRETERS.has(name)) {
      const rest = words.slice(i + 1).filter((w) => !w.startsWith('-') && !/^[0-9.]+[smhd]?$/.test(w) && !w.includes('='));
      // flock's first operand is its lock file, not the program.
      if (name === 'flock') rest.shift();
      const inner = rest.find((w) => w.includes('/') || SCRIPT_EXTENSION.test(w)) ?? rest.find((w) => /^[A-Za-z]/.test(w));
      if (inner !== undefined) return inner;
      continue;
    }
    return first;
  }
  return null;
}

export function baseNameOf(job: Job): string {
  const program = mainProgram(job.command);
  const stem = program ? basename(program).replace(SCRIPT_EXTENSION, '') : '';
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
export function nameBook(host: Host, userPrefix: string): NameBook {
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
      const stem = baseNameOf(job);
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
