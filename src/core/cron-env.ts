// The environment Debian cron gives a job (entry.c load_entry, cron 3.0pl1-162): the crontab's own
// NAME=value lines above the job, then defaults for what they left unset — SHELL=/bin/sh
// (_PATH_BSHELL), HOME from passwd, PATH=/usr/bin:/bin (_PATH_DEFPATH, pathnames.h) — and LOGNAME
// always set to the job's user, overriding any env line (it is set after the copy, unconditionally).

import type { PasswdEntry } from './types.js';

export const CRON_DEFAULT_SHELL = '/bin/sh';
export const CRON_DEFAULT_PATH = '/usr/bin:/bin';

/** `user` is the passwd entry the job runs as, or null when it has none (orphan, unknown user). */
export function cronEnv(fromFile: Readonly<Record<string, string>>, userName: string | null, user: PasswdEntry | null): Record<string, string> {
  const env: Record<string, string> = { ...fromFile };
  env.SHELL ??= CRON_DEFAULT_SHELL;
  if (user && env.HOME === undefined) env.HOME = user.home;
  env.PATH ??= CRON_DEFAULT_PATH;
  if (userName !== null) env.LOGNAME = userName;
  return env;
}
