// The shared vocabulary of cronwarden's pure core. Everything here is plain data: the host layer
// produces it, the parser and rules consume it, reports and the wizard render it.
// Contracts users rely on (JSON field names) are in docs/DESIGN.md §5; keep them in step.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower rank = more severe. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export type SourceKind = 'user' | 'system' | 'run-parts' | 'anacron' | 'access';

/** What lstat(2) says about a path on the target host. `mode` holds permission bits only (& 0o7777). */
export interface FileInfo {
  type: 'file' | 'dir' | 'symlink' | 'other';
  mode: number;
  uid: number;
  gid: number;
  size: number;
  nlink: number;
  ino: number;
  dev: number;
  mtimeMs: number;
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Password state from the root's /etc/shadow: `locked` (! or * prefix), `none` (empty: no password
 *  needed!), `set` (a usable hash). */
export interface ShadowEntry {
  name: string;
  password: 'locked' | 'none' | 'set';
}

/** Typed failure of a host read; the message says what happened, the path where. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/**
 * Read-only access to a target host. All paths are *host* paths ("/etc/cron.d/x"); an
 * implementation maps them under its root prefix. Nothing here writes.
 */
export interface Host {
  /** The prefix on this machine ("/" for the live host). Shown in reports as `root`. */
  readonly root: string;
  /** lstat: never follows a symlink. null when the path does not exist (or a parent is missing). */
  lstat(path: string): FileInfo | null;
  /** stat following symlinks, resolved *inside* the root (an absolute link target is re-rooted). */
  stat(path: string): FileInfo | null;
  /** Target of a symlink as stored, or null when the path is not a symlink. */
  readlink(path: string): string | null;
  /** Bytes of a regular file. Refuses symlinks (O_NOFOLLOW) and files over maxBytes (default
   *  1 MiB) with a HostError whose message names the cause. */
  readFile(path: string, maxBytes?: number): Uint8Array;
  /** Entry names of a directory, sorted (byte order). HostError when absent / not a directory. */
  readdir(path: string): string[];
  /** Parsed /etc/passwd, /etc/group, /etc/shadow of the root (empty / null when unreadable). */
  users(): PasswdEntry[];
  groups(): GroupEntry[];
  shadow(): ShadowEntry[] | null;
  /** IANA zone of the host (/etc/timezone inside the root, else the process zone). */
  timeZone(): string;
  /** The clock used for next runs and ages; fixed in tests. */
  now(): Date;
}

/** Why cron will not load a source. `daemon` says which cron implementation the reason applies to. */
export interface NotLiveCause {
  code:
    | 'bad-name'
    | 'not-regular'
    | 'wrong-owner'
    | 'insecure-mode'
    | 'hard-links'
    | 'untrusted-symlink'
    | 'orphan'
    | 'syntax-error'
    | 'missing-newline'
    | 'too-long'
    | 'unreadable'
    | 'not-executable';
  /** 1-based line for syntax errors / the missing newline. */
  line?: number;
  daemon: 'debian' | 'cronie' | 'both';
  /** Human message, e.g. "line 4: bad minute field ‘61’ — Debian cron ignores the whole file". */
  message: string;
}

// ---- crontab parsing (lossless) -------------------------------------------------------------

export type CrontabFlavor = 'system' | 'user' | 'anacron';
export type LineKind = 'job' | 'env' | 'comment' | 'blank' | 'invalid';

export interface ParsedLine {
  /** 1-based line number. */
  number: number;
  /** The line exactly as in the file, without its '\n' (a '\r' stays part of the text). */
  text: string;
  /** '\n', or '' for a last line without a newline. */
  eol: '\n' | '';
  kind: LineKind;
  job?: JobLine;
  env?: EnvLine;
  /** For kind 'invalid': what cron would say, e.g. "bad hour field ‘25’ (0-23)". */
  reason?: string;
}

/** A schedule cron accepted, in the daemon's own representation (bit sets as sorted lists). */
export type ScheduleSpec =
  | { kind: 'reboot' }
  | {
      kind: 'fields';
      /** The keyword when written as one (@daily …), for display. */
      keyword?: string;
      minute: number[];
      hour: number[];
      dayOfMonth: number[];
      month: number[];
      /** 0-6, Sunday = 0 (7 folded into 0). */
      dayOfWeek: number[];
      /** Vixie's DOM_STAR / DOW_STAR: the field text *starts with* '*' (so '*\/2' counts). */
      domStar: boolean;
      dowStar: boolean;
    }
  /** anacron period in days (or @monthly etc.), with delay in minutes. */
  | { kind: 'anacron'; periodDays: number | null; periodName?: string; delayMinutes: number; identifier: string };

export interface JobLine {
  /** Schedule text as written: "30 2 * * *", "@daily", or the anacron "period delay id". */
  schedule: string;
  spec: ScheduleSpec;
  /** User field (system crontabs); null in user crontabs and anacrontab. */
  user: string | null;
  /** Command text exactly as written (after the schedule/user fields, to the end of line). */
  raw: string;
  /** Offset of `raw` inside the line text (UTF-16 units), so edits can address it. */
  rawOffset: number;
  /** What cron hands to the shell: up to the first unescaped %, "\%" → "%", trailing whitespace trimmed. */
  command: string;
  /** Text after the first unescaped % with remaining % turned into newlines; null when none. */
  stdin: string | null;
}

export interface EnvLine {
  name: string;
  /** The value as cron stores it (cron's own quote stripping applied). */
  value: string;
}

export interface ParsedCrontab {
  flavor: CrontabFlavor;
  /** How the bytes were decoded: 'utf-8' when valid, else 'latin1' (byte = char, still lossless). */
  encoding: 'utf-8' | 'latin1';
  lines: ParsedLine[];
}

// ---- inventory -------------------------------------------------------------------------------

export interface Source {
  /** Host path. */
  path: string;
  kind: SourceKind;
  /** lstat of the path (null when it vanished between readdir and lstat). */
  info: FileInfo | null;
  owner: string | null;
  group: string | null;
  /** For a spool crontab: the user named by the file name. */
  crontabUser?: string;
  live: boolean;
  notLive: NotLiveCause | null;
  /** Owning package when package-managed and unmodified (Debian dpkg database). */
  managed: string | null;
  /** Problems reading or parsing, written for humans. */
  errors: string[];
  /** Parsed content (null for access files, run-parts scripts, unreadable files). */
  parsed: ParsedCrontab | null;
}

export interface Job {
  /** `<source path with / → ->:<line>`, e.g. "etc-cron.d-backup:3" (stable while the line stays). */
  id: string;
  source: string;
  sourceKind: SourceKind;
  line: number;
  /** User field (system files), crontab owner (spool), "root" for run-parts and anacron. */
  user: string | null;
  schedule: string;
  spec: ScheduleSpec;
  command: string;
  stdin: string | null;
  raw: string;
  live: boolean;
  notLiveReason: string | null;
  /** Environment cron gives this job: its defaults, overridden by env lines above it in the file. */
  env: Record<string, string>;
}

export interface Inventory {
  /** Root prefix as given ("/" for the live host). */
  root: string;
  sources: Source[];
  jobs: Job[];
}

// ---- findings --------------------------------------------------------------------------------

export interface Finding {
  rule: string;
  severity: Severity;
  /** The practice (1–12) the rule serves. */
  principle: number;
  job: string | null;
  path: string | null;
  line: number | null;
  message: string;
  /** `plan` with no selection fixes it. */
  fixable: boolean;
  /** A fix exists but changes behaviour: planned only when selected or accepted. */
  suggestion?: boolean;
  /** The job is not live; the finding becomes real once the file is fixed (severity capped at low). */
  latent?: boolean;
}
