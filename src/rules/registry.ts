// The rule catalogue: every rule module, listed once, sorted by id (a test checks that every file in
// src/rules/ that exports a rule is here, and that ids are unique and match file names).

import { duplicateJob } from './duplicate-job.js';
import { envSyntax } from './env-syntax.js';
import { everyMinuteByMistake } from './every-minute-by-mistake.js';
import { hiddenCharacters } from './hidden-characters.js';
import { invalidLine } from './invalid-line.js';
import { invalidSchedule } from './invalid-schedule.js';
import { missingNewline } from './missing-newline.js';
import { neverRuns } from './never-runs.js';
import { notLoaded } from './not-loaded.js';
import { noLock } from './no-lock.js';
import { noOutputChannel } from './no-output-channel.js';
import { noTimeout } from './no-timeout.js';
import { outputDiscarded } from './output-discarded.js';
import type { Rule } from './rule.js';
import { staleJob } from './stale-job.js';
import { unknownUser } from './unknown-user.js';
import { unreviewedJob } from './unreviewed-job.js';

export const RULES: readonly Rule[] = [
  duplicateJob,
  envSyntax,
  everyMinuteByMistake,
  hiddenCharacters,
  invalidLine,
  invalidSchedule,
  missingNewline,
  neverRuns,
  noLock,
  noOutputChannel,
  noTimeout,
  notLoaded,
  outputDiscarded,
  staleJob,
  unknownUser,
  unreviewedJob,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
