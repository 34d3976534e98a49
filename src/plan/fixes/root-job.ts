// root-job: run the job as its own system user. The user is created (no login shell, locked
// password), the job moves to /etc/cron.d/cronwarden-<name> with that user in its user field, and
// its old line becomes a comment saying where it went. The script stays root's (the job user must
// not be able to change what it runs) and gets group read/execute for the user's group; the files
// the job visibly writes (redirections, -o/--output FILE) go to the user. What cannot be seen from
// the line — what the script itself touches — is listed for a human to check.

import { ownershipChain } from '../../core/facts/index.js';
import { shellOf, type SimpleCommand } from '../../core/shell/index.js';
import type { Job } from '../../core/types.js';
import type { Change, FixFunction, PlanContext } from '../types.js';
import { data, linePatch, noLoginShell, onJob } from './common.js';

/** Directories whose programs are the system's own, already world-executable. */
const SYSTEM_DIRS = /^\/(usr\/)?(s?bin|lib|libexec)\//;
const OUTPUT_OPTIONS = new Set(['-o', '--output', '--output-file', '--output-document', '--log-file', '--logfile', '--result-file']);
const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>']);

export const fixRootJob: FixFunction = (finding, ctx) =>
  onJob(finding, ctx, (job) => {
    if (data(finding).package) return { unfixed: `shipped by the ${String(data(finding).package)} package: cronwarden does not move packaged jobs` };
    const { user, file, home } = ctx.names.forJob(job);
    const needsHome = home !== '/nonexistent';
    const changes: Change[] = [
      { kind: 'op', op: { op: 'create-user', name: user, group: user, home, shell: noLoginShell(ctx), why: `dedicated user for ${job.id}` } },
      linePatch(job, { move: { file, user, home } }),
    ];
    if (needsHome) changes.push({ kind: 'op', op: { op: 'mkdir', path: home, before: { exists: false }, mode: 0o750, owner: user, group: user, why: `HOME of ${user}: its jobs use it` } });
    const checkByHand: string[] = [];
    for (const target of (data(finding).targets as string[] | undefined) ?? []) scriptAccess(ctx, target, user, changes, checkByHand);
    writtenPaths(ctx, job, user, changes, checkByHand);
    const scripts = ((data(finding).targets as string[] | undefined) ?? []).filter((t) => !SYSTEM_DIRS.test(t));
    checkByHand.push(
      `${job.id} now runs as ${user}: check what ${scripts.length > 0 ? scripts.join(', ') : 'the command'} reads and writes besides what the line shows (databases, credentials, directories) and grant ${user} exactly that`,
    );
    return { changes, checkByHand };
  });

/** The user reads and runs its script through the group; the script stays root's. */
function scriptAccess(ctx: PlanContext, target: string, user: string, changes: Change[], checkByHand: string[]): void {
  const chain = ownershipChain(ctx.rules, target);
  const file = chain.links.at(-1);
  if (!file || file.role !== 'target' || file.info.type !== 'file') return;
  const blocked = chain.links.filter((l) => l.role === 'dir' && (l.info.mode & 0o001) === 0);
  for (const dir of blocked) checkByHand.push(`${dir.path} (${dir.info.mode.toString(8)}) is not searchable by others: ${user} cannot reach ${target} through it`);
  if ((file.info.mode & 0o005) === 0o005) return;
  if (file.info.gid !== 0) {
    checkByHand.push(`${file.path} belongs to group ${file.info.gid}; give ${user} read and execute on it by hand`);
    return;
  }
  changes.push({ kind: 'attrs', path: file.path, owner: 'root', group: user, set: 0o050 });
}

/** Files the command line writes: redirection targets and output options, when literal. */
function writtenPaths(ctx: PlanContext, job: Job, user: string, changes: Change[], checkByHand: string[]): void {
  const seen = new Set<string>();
  const claim = (path: string | null, shown: string): void => {
    if (path === null || !path.startsWith('/')) {
      checkByHand.push(`${job.id} writes to ${shown}, which cronwarden cannot work out from the line: make sure ${user} may write there`);
      return;
    }
    if (path.startsWith('/dev/') || path.startsWith('/proc/') || seen.has(path)) return;
    seen.add(path);
    const info = ctx.host.lstat(path);
    if (info?.type === 'file') changes.push({ kind: 'attrs', path, owner: user, group: user });
    else if (info === null && ctx.host.stat(path.slice(0, path.lastIndexOf('/')) || '/')?.type === 'dir') {
      changes.push({ kind: 'op', op: { op: 'write-file', path, before: { exists: false }, content: '', encoding: 'utf8', mode: 0o640, owner: user, group: user, why: `${job.id} writes it and now runs as ${user}` } });
    } else checkByHand.push(`${job.id} writes to ${path} (${info ? info.type : 'its directory does not exist'}): make sure ${user} may write there`);
  };
  for (const command of shellOf(ctx.rules, job).commands) {
    for (const r of command.redirects) if (WRITE_REDIRECTS.has(r.op) && !/^\d+$/.test(r.target.text)) claim(r.target.value, r.target.text);
    for (const option of outputOptions(command)) claim(option.value, option.text);
  }
}

function outputOptions(command: SimpleCommand): Array<{ value: string | null; text: string }> {
  const found: Array<{ value: string | null; text: string }> = [];
  command.args.forEach((arg, i) => {
    const v = arg.value ?? '';
    const next = command.args[i + 1];
    // `ssh -o Key=value` is no file: an option value with '=' is skipped.
    if (OUTPUT_OPTIONS.has(v) && next && !(next.value ?? '').includes('=')) found.push({ value: next.value, text: next.text });
    const eq = /^(--[a-z-]+)=(.*)$/.exec(v);
    if (eq && OUTPUT_OPTIONS.has(eq[1]!)) found.push({ value: eq[2]!, text: arg.text });
  });
  return found;
}
