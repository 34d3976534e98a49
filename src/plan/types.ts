// The vocabulary between fix functions (src/plan/fixes) and the planner. A fix does not write text
// or files: it says what it wants changed, and the planner composes every wish for one line into
// one rewritten line (fixed order, see compose-job.ts), every wish for one path into one chown and
// one chmod, and refuses wishes that contradict each other — ESLint's fixer, one level up.

import type { Operation, Precondition } from '../core/operations.js';
import type { Finding, Host, Inventory, Job, Source } from '../core/types.js';
import type { RuleContext } from '../rules/rule.js';

/** Everything a fix may look at. `names` hands out the per-job names (cw-backup, cronwarden-backup). */
export interface PlanContext {
  host: Host;
  inventory: Inventory;
  rules: RuleContext;
  /** Prefix of dedicated users (default "cw-"). */
  userPrefix: string;
  names: NameBook;
  job(id: string | null): Job | null;
  source(path: string | null): Source | null;
  /** What the path looks like now (memoised per scan: hashing a file once is enough). */
  precondition(path: string): Precondition | null;
  /** The jobs of one source by line. */
  jobsIn(path: string): ReadonlyMap<number, Job>;
  /** false when only whether a fix exists matters (a scan's `fixable`): fixes may then leave out
   *  their check-by-hand notes and the detail of a refusal, which cost lookups nobody reads. */
  explain: boolean;
}

/** Names derived from a job, free on the host. */
export interface JobNames {
  /** "backup" for backup.sh, unique per job within a plan: its lock, syslog tag and log file. */
  base: string;
  /** Dedicated user (and group) of its family (same script or cron.d file): "<prefix><name>", ≤ 32 chars. */
  user: string;
  /** The family's cron.d file: /etc/cron.d/cronwarden-<name>. */
  file: string;
  /** The user's home: /var/lib/<user> when a job of the family uses HOME, else /nonexistent. */
  home: string;
}

export interface NameBook {
  forJob(job: Job): JobNames;
}

/** The wrappers and edits a job line can receive; several fixes fill different fields. */
export interface LinePatch {
  /** hidden-characters: drop CR and other control / invisible format characters. */
  clean?: true;
  /** unescaped-percent: escape every unescaped % as \%. */
  escapePercent?: true;
  /** every-minute-by-mistake: new minute field. */
  minute?: string;
  /** relative-command: command word → absolute path. */
  absolute?: Record<string, string>;
  /** output-discarded: drop the redirections of stdout/stderr to /dev/null before logging. */
  dropDiscard?: true;
  /** no-timeout: /usr/bin/timeout DURATION in front of the named commands (the network ones), or
   *  of the whole job when it is one command. */
  timeout?: { program: string; duration: string; commands?: string[] };
  /** no-lock: lock file for flock -n. */
  lock?: { program: string; file: string };
  /** output-discarded / no-output-channel: where output goes (a log file is created for the
   *  user the job finally runs as, with a logrotate entry). */
  logging?: { kind: 'logger'; program: string; tag: string } | { kind: 'file'; file: string };
  /** root-job: move the (rewritten) line to a new cron.d file, running as `user` whose HOME is `home`. */
  move?: { file: string; user: string; home: string };
  /** stale-job / duplicate-job: remove the line. */
  remove?: true;
}

export type Change =
  | { kind: 'line'; path: string; line: number; patch: LinePatch }
  /** missing-newline: end the last line. */
  | { kind: 'final-newline'; path: string }
  /** insecure-path / no-path: PATH line for the file (replaces `line` when given, else goes first). */
  | { kind: 'path-line'; path: string; value: string; line: number | null }
  /** not-loaded (bad name): the file under a name cron reads (written new, the old one removed). */
  | { kind: 'rename'; path: string; to: string }
  /** Ownership and permission wishes on an existing path, merged per path. */
  | { kind: 'attrs'; path: string; owner?: string; group?: string; mode?: number; set?: number; clear?: number }
  /** Any other operation (create-user, set-shell, new files, mkdir, remove-file). */
  | { kind: 'op'; op: Operation };

export type FixResult = { changes: Change[]; checkByHand?: string[] } | { unfixed: string };

export type FixFunction = (finding: Finding, ctx: PlanContext) => FixResult;
