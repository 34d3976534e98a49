// Typed errors, mapped to exit codes by the one top-level handler in src/cli.ts (core never exits).
// A user error carries a hint (what to do next); a host error names the path or command; a bug
// error says it is one.

export { HostError } from './types.js';

/** Exit codes, DESIGN §4. */
export const EXIT = { ok: 0, findings: 1, refused: 1, usage: 2 } as const;

/** The user asked for something that cannot be done as asked (bad flag, missing root, …). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An operation was refused to keep the host safe (a precondition changed, a lock is held, …).
 *  Exit 1; the message says why and the hint what to do. */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Extra text for stderr, e.g. the diff of a file that changed since review. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** Something that should not happen: report it. */
export class BugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugError';
  }
}
