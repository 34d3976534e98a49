// login-shell-user and cron-allow-missing: who may log in, who may use crontab(1).

import { hostFacts } from '../../core/facts/index.js';
import type { Operation } from '../../core/operations.js';
import type { FixFunction, PlanContext } from '../types.js';
import { data, noLoginShell } from './common.js';

export const fixLoginShellUser: FixFunction = (finding, ctx) => {
  const user = (data(finding).user as string | undefined) ?? ctx.job(finding.job)?.user ?? null;
  if (!user || user === 'root') return { unfixed: 'the finding names no non-root user' };
  if (!ctx.host.users().some((u) => u.name === user)) return { unfixed: `${user} is not in /etc/passwd` };
  return {
    changes: [{ kind: 'op', op: { op: 'set-shell', user, shell: noLoginShell(ctx), lockPassword: true, why: `${user} runs cron jobs and needs no login` } }],
    checkByHand: [`${user}: make sure nobody logs in as ${user} (ssh keys, su) before its shell and password go`],
  };
};

export const fixCronAllowMissing: FixFunction = (finding, ctx) => {
  const allow = cronAllowOperation(ctx);
  if (finding.path === '/etc/cron.deny') {
    const before = ctx.precondition('/etc/cron.deny');
    if (!before?.exists) return { unfixed: '/etc/cron.deny is not a regular file' };
    // Without an allow list, removing the deny list would let everyone in: create both together.
    const ops: Operation[] = [...(allow ? [allow] : []), { op: 'remove-file', path: '/etc/cron.deny', before, why: 'cron.allow decides who may use crontab (CIS)' }];
    return { changes: ops.map((op) => ({ kind: 'op' as const, op })) };
  }
  if (!allow) return { unfixed: '/etc/cron.allow already exists' };
  return { changes: [{ kind: 'op', op: allow }] };
};

/** /etc/cron.allow naming root and every user with a crontab today (never empty: an empty list
 *  locks everyone out), minus users /etc/cron.deny names; readable by crontab(1)'s setgid group. */
function cronAllowOperation(ctx: PlanContext): Operation | null {
  const before = ctx.precondition('/etc/cron.allow');
  if (before?.exists !== false) return null;
  const denied = new Set(readLines(ctx, '/etc/cron.deny'));
  const known = new Set(ctx.host.users().map((u) => u.name));
  const users = new Set(['root']);
  for (const source of ctx.inventory.sources) {
    if (source.kind === 'user' && source.crontabUser && known.has(source.crontabUser) && !denied.has(source.crontabUser)) users.add(source.crontabUser);
  }
  const group = hostFacts(ctx.rules).crontabSetgidGroup ?? 'root';
  return {
    op: 'write-file',
    path: '/etc/cron.allow',
    before,
    content: `${[...users].sort((a, b) => (a === 'root' ? -1 : b === 'root' ? 1 : a < b ? -1 : 1)).join('\n')}\n`,
    encoding: 'utf8',
    mode: 0o640,
    owner: 'root',
    group,
    why: 'only the users who have a crontab today may use crontab(1)',
  };
}

function readLines(ctx: PlanContext, path: string): string[] {
  if (ctx.host.lstat(path)?.type !== 'file') return [];
  return new TextDecoder().decode(ctx.host.readFile(path)).split('\n').map((l) => l.trim()).filter(Boolean);
}
