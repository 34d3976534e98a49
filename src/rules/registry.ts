// The rule catalogue: every rule module, listed once, sorted by id (a test checks that every file in
// src/rules/ that exports a rule is here, and that ids are unique and match file names).

import { cronAllowMissing } from './cron-allow-missing.js';
import { cronDirPerms } from './cron-dir-perms.js';
import { cronFilePerms } from './cron-file-perms.js';
import { duplicateJob } from './duplicate-job.js';
import { envSyntax } from './env-syntax.js';
import { everyMinuteByMistake } from './every-minute-by-mistake.js';
import { hiddenCharacters } from './hidden-characters.js';
import { insecurePath } from './insecure-path.js';
import { invalidLine } from './invalid-line.js';
import { invalidSchedule } from './invalid-schedule.js';
import { loginShellUser } from './login-shell-user.js';
import { missingNewline } from './missing-newline.js';
import { missingTarget } from './missing-target.js';
import { neverRuns } from './never-runs.js';
import { noAutoUpdates } from './no-auto-updates.js';
import { noLock } from './no-lock.js';
import { noOutputChannel } from './no-output-channel.js';
import { noPath } from './no-path.js';
import { noTimeout } from './no-timeout.js';
import { notLoaded } from './not-loaded.js';
import { outputDiscarded } from './output-discarded.js';
import { relativeCommand } from './relative-command.js';
import { rootJob } from './root-job.js';
import type { Rule } from './rule.js';
import { sharedServiceUser } from './shared-service-user.js';
import { singleUserConcentration } from './single-user-concentration.js';
import { spoolPerms } from './spool-perms.js';
import { staleJob } from './stale-job.js';
import { unknownUser } from './unknown-user.js';
import { unmanagedBinary } from './unmanaged-binary.js';
import { unreviewedJob } from './unreviewed-job.js';
import { writableTargetDir } from './writable-target-dir.js';
import { writableTarget } from './writable-target.js';

export const RULES: readonly Rule[] = [
  cronAllowMissing,
  cronDirPerms,
  cronFilePerms,
  duplicateJob,
  envSyntax,
  everyMinuteByMistake,
  hiddenCharacters,
  insecurePath,
  invalidLine,
  invalidSchedule,
  loginShellUser,
  missingNewline,
  missingTarget,
  neverRuns,
  noAutoUpdates,
  noLock,
  noOutputChannel,
  noPath,
  noTimeout,
  notLoaded,
  outputDiscarded,
  relativeCommand,
  rootJob,
  sharedServiceUser,
  singleUserConcentration,
  spoolPerms,
  staleJob,
  unknownUser,
  unmanagedBinary,
  unreviewedJob,
  writableTarget,
  writableTargetDir,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
