// The fix for each rule that has one, by rule id (RULES.md "fix" column). A rule's fixKind says
// whether `plan` applies it by default (auto) or only when chosen (suggestion).

import type { FixFunction } from '../types.js';
import { fixCronAllowMissing, fixLoginShellUser } from './accounts.js';
import { fixHiddenCharacters, fixStaleJob } from './lines.js';
import { fixNotLoaded } from './not-loaded.js';
import { fixInsecurePath, fixNoPath, fixRelativeCommand } from './paths.js';
import { fixRootJob } from './root-job.js';
import {
  fixDuplicateJob, fixEveryMinuteByMistake, fixMissingNewline, fixNoOutputChannel, fixOutputDiscarded, fixPermissions,
  fixUnescapedPercent, fixWritableTarget, fixWritableTargetDir,
} from './simple.js';
import { fixNoLock, fixNoTimeout } from './wrap.js';

export const FIXES: Readonly<Record<string, FixFunction>> = {
  'cron-allow-missing': fixCronAllowMissing,
  'cron-dir-perms': fixPermissions,
  'cron-file-perms': fixPermissions,
  'duplicate-job': fixDuplicateJob,
  'every-minute-by-mistake': fixEveryMinuteByMistake,
  'hidden-characters': fixHiddenCharacters,
  'insecure-path': fixInsecurePath,
  'login-shell-user': fixLoginShellUser,
  'missing-newline': fixMissingNewline,
  'no-lock': fixNoLock,
  'no-output-channel': fixNoOutputChannel,
  'no-path': fixNoPath,
  'no-timeout': fixNoTimeout,
  'not-loaded': fixNotLoaded,
  'output-discarded': fixOutputDiscarded,
  'relative-command': fixRelativeCommand,
  'root-job': fixRootJob,
  'spool-perms': fixPermissions,
  'stale-job': fixStaleJob,
  'unescaped-percent': fixUnescapedPercent,
  'writable-target': fixWritableTarget,
  'writable-target-dir': fixWritableTargetDir,
};
