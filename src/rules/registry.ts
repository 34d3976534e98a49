// The rule catalogue: every rule module, listed once, sorted by id (a test checks that every file in
// src/rules/ that exports a rule is here, and that ids are unique and match file names).

import { credentialsInCommand } from './credentials-in-command.js';
import { cronAllowMissing } from './cron-allow-missing.js';
import { cronDirPerms } from './cron-dir-perms.js';
import { cronFilePerms } from './cron-file-perms.js';
import { duplicateJob } from './duplicate-job.js';
import { envSyntax } from './env-syntax.js';
import { evalInput } from './eval-input.js';
import { everyMinuteByMistake } from './every-minute-by-mistake.js';
import { hiddenCharacters } from './hidden-characters.js';
import { insecurePath } from './insecure-path.js';
import { insecureTransport } from './insecure-transport.js';
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
import { pipelineHidesFailure } from './pipeline-hides-failure.js';
import { relativeCommand } from './relative-command.js';
import { remoteCodeExec } from './remote-code-exec.js';
import { rootJob } from './root-job.js';
import type { Rule } from './rule.js';
import { sharedServiceUser } from './shared-service-user.js';
import { shellSyntax } from './shell-syntax.js';
import { singleUserConcentration } from './single-user-concentration.js';
import { spoolPerms } from './spool-perms.js';
import { staleJob } from './stale-job.js';
import { sudoInJob } from './sudo-in-job.js';
import { suspiciousPayload } from './suspicious-payload.js';
import { tmpPath } from './tmp-path.js';
import { unescapedPercent } from './unescaped-percent.js';
import { unknownUser } from './unknown-user.js';
import { unmanagedBinary } from './unmanaged-binary.js';
import { unreviewedJob } from './unreviewed-job.js';
import { wildcardInjection } from './wildcard-injection.js';
import { writableTargetDir } from './writable-target-dir.js';
import { writableTarget } from './writable-target.js';

export const RULES: readonly Rule[] = [
  credentialsInCommand,
  cronAllowMissing,
  cronDirPerms,
  cronFilePerms,
  duplicateJob,
  envSyntax,
  evalInput,
  everyMinuteByMistake,
  hiddenCharacters,
  insecurePath,
  insecureTransport,
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
  pipelineHidesFailure,
  relativeCommand,
  remoteCodeExec,
  rootJob,
  sharedServiceUser,
  shellSyntax,
  singleUserConcentration,
  spoolPerms,
  staleJob,
  sudoInJob,
  suspiciousPayload,
  tmpPath,
  unescapedPercent,
  unknownUser,
  unmanagedBinary,
  unreviewedJob,
  wildcardInjection,
  writableTarget,
  writableTargetDir,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
