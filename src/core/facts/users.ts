// Account facts for job users (practice 10): can someone log in as this user, and is it a person's
// account or a service account? Read from the root's passwd, shadow and login.defs.

import type { PasswdEntry, ShadowEntry } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';

/** Shells that refuse an interactive session (git-shell only runs git's own commands). */
const NO_LOGIN = new Set([
  '/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false', '/bin/sync', '/usr/bin/sync', '/dev/null', '/usr/bin/git-shell',
]);

export interface UserFacts {
  entry: PasswdEntry;
  /** The login shell gives an interactive session. */
  interactiveShell: boolean;
  /** From shadow; 'unknown' when the root has no readable /etc/shadow or no line for the user. */
  password: ShadowEntry['password'] | 'unknown';
  /** A person's account (uid in login.defs UID_MIN..UID_MAX, not nobody) rather than a service's. */
  regular: boolean;
}

function uidRange(ctx: RuleContext): { min: number; max: number } {
  return memo(ctx, 'facts:uid-range', () => {
    let text = '';
    try {
      text = new TextDecoder().decode(ctx.host.readFile('/etc/login.defs'));
    } catch {
      // Without login.defs, shadow-utils' compiled-in defaults apply.
    }
    const value = (name: string, fallback: number): number => {
      const match = new RegExp(`^\\s*${name}\\s+(\\d+)`, 'm').exec(text);
      return match ? Number(match[1]) : fallback;
    };
    return { min: value('UID_MIN', 1000), max: value('UID_MAX', 60000) };
  });
}

/** The job runs with uid 0: as root, or as another name for it (a `toor` account). */
export function runsAsRoot(ctx: RuleContext, user: string | null): boolean {
  return user === 'root' || (user !== null && userFacts(ctx, user)?.entry.uid === 0);
}

export function userFacts(ctx: RuleContext, name: string): UserFacts | null {
  return memo(ctx, `facts:user:${name}`, () => {
    const entry = ctx.host.users().find((u) => u.name === name);
    if (!entry) return null;
    const shadow = ctx.host.shadow()?.find((s) => s.name === name);
    const { min, max } = uidRange(ctx);
    const shell = entry.shell.trim();
    return {
      entry,
      // An empty shell field means /bin/sh (passwd(5)).
      interactiveShell: !NO_LOGIN.has(shell) && !shell.endsWith('/nologin') && !shell.endsWith('/false'),
      password: shadow?.password ?? 'unknown',
      regular: entry.uid >= min && entry.uid <= max && entry.name !== 'nobody',
    };
  });
}
