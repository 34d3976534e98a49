// New crontab content is parsed with our lossless parser before anything is written: Debian's
// cron skips a whole file for one bad line, an unknown user in a system crontab, a missing final
// newline or more than 10000 lines (DESIGN §2) — so a fix that introduced one would silently turn
// off every job in the file.

import { fileRefusal, parseCrontab } from '../core/crontab.js';
import { DEBIAN_SPOOL, RHEL_SPOOL } from '../core/discover.js';
import { RefusedError } from '../core/errors.js';
import type { CrontabFlavor } from '../core/types.js';
import { decodeContent } from '../plan/host-state.js';

export function crontabFlavorOf(path: string): CrontabFlavor | null {
  if (path === '/etc/crontab' || /^\/etc\/cron\.d\/[^/]+$/.test(path)) return 'system';
  if (path === '/etc/anacrontab') return 'anacron';
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir === DEBIAN_SPOOL || (dir === RHEL_SPOOL && path !== DEBIAN_SPOOL)) return 'user';
  return null;
}

/** The directory whose mtime makes Debian's cron rescan it, for a crontab inside one. */
export function cronDirOf(path: string): string | null {
  const flavor = crontabFlavorOf(path);
  return (flavor === 'system' && path !== '/etc/crontab') || flavor === 'user' ? path.slice(0, path.lastIndexOf('/')) : null;
}

/** Refuses content cron would not load. `users` are the accounts that will exist by then. */
export function validateCrontab(
  path: string,
  content: string,
  encoding: 'utf8' | 'base64',
  flavor: CrontabFlavor | null,
  users: ReadonlySet<string>,
): void {
  const kind = flavor ?? crontabFlavorOf(path);
  if (!kind) return;
  const parsed = parseCrontab(decodeContent(content, encoding), kind);
  const refuse = (why: string): never => {
    throw new RefusedError(
      `the plan would write ${path} with ${why}; cron would then ignore every job in that file, so nothing was changed`,
      'this is a bug in the plan: report it, and make a new plan',
    );
  };
  const refusal = fileRefusal(parsed, kind === 'system' ? (name) => users.has(name) : undefined);
  switch (refusal?.kind) {
    case undefined:
      return;
    case 'invalid':
      return refuse(`an invalid line ${refusal.line} (${refusal.reason}): ${JSON.stringify(refusal.text)}`);
    case 'missing-newline':
      return refuse(`no newline at the end of line ${refusal.line}`);
    case 'too-long':
      return refuse(`more lines than cron reads (line ${refusal.line})`);
    case 'unknown-user':
      return refuse(`line ${refusal.line} running as user ${refusal.user}, who does not exist`);
  }
}
