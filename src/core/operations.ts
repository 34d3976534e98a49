// The change contract between `plan` (pure, src/plan) and `apply` (effectful, src/apply).
// A plan file is JSON: every field here is serialised as is. See docs/DESIGN.md §6.

/** What the path must look like at apply time, exactly as it was when the plan was made. */
export type Precondition =
  | { exists: false }
  | {
      exists: true;
      type: 'file' | 'dir';
      /** sha256 (hex) of the content, files only. */
      sha256?: string;
      /** Permission bits, e.g. 0o644. */
      mode: number;
      uid: number;
      gid: number;
    };

/** Owners are names, not ids: a user the same plan creates has no uid until apply runs. */
export interface Ownership {
  owner: string;
  group: string;
}

export type Operation =
  | ({
      op: 'write-file';
      path: string;
      before: Precondition;
      /** New content; `encoding: 'base64'` for bytes that are not valid UTF-8. */
      content: string;
      encoding: 'utf8' | 'base64';
      mode: number;
      why: string;
    } & Ownership)
  | { op: 'remove-file'; path: string; before: Precondition; why: string }
  | { op: 'chmod'; path: string; before: Precondition; mode: number; why: string }
  | ({ op: 'chown'; path: string; before: Precondition; why: string } & Ownership)
  | ({ op: 'mkdir'; path: string; before: Precondition; mode: number; why: string } & Ownership)
  | {
      op: 'create-user';
      name: string;
      /** Primary group, created with the same name. */
      group: string;
      /** "/nonexistent" when the job needs no HOME, else a directory under /var/lib. */
      home: string;
      shell: string;
      why: string;
    }
  | { op: 'add-to-group'; user: string; group: string; why: string }
  | { op: 'set-shell'; user: string; shell: string; lockPassword: boolean; why: string }
  | {
      op: 'install-user-crontab';
      user: string;
      /** Spool path on the host, e.g. /var/spool/cron/crontabs/alice. */
      path: string;
      before: Precondition;
      content: string;
      encoding: 'utf8' | 'base64';
      why: string;
    };

export type OperationKind = Operation['op'];

export const PLAN_VERSION = 1;

export interface PlanFingerprint {
  path: string;
  /** null when the file was absent. */
  sha256: string | null;
  mode: number | null;
  uid: number | null;
  gid: number | null;
}

export interface PlannedFix {
  rule: string;
  job: string | null;
  path: string | null;
  line: number | null;
}

export interface UnfixedFinding extends PlannedFix {
  reason: string;
}

export interface Plan {
  version: typeof PLAN_VERSION;
  tool: 'cronwarden';
  toolVersion: string;
  createdAt: string;
  /** Root prefix the plan was made for; apply refuses another. */
  root: string;
  /** Every file the planner read to decide (apply re-checks the ones it changes). */
  fingerprints: PlanFingerprint[];
  operations: Operation[];
  fixed: PlannedFix[];
  unfixed: UnfixedFinding[];
  /** Things the planner could not work out (paths a job may write…), for a human to check. */
  checkByHand: string[];
  /** sha256 over the canonical JSON of every other field: an edited plan is refused. */
  checksum: string;
}
