// Who can change what a job runs. Replacing a program needs write access to the file itself or to
// any directory on the way to it (rename over it, or swap a parent directory), and every symlink
// on the way adds its own directories. So the chain is every directory, link and the final file
// the kernel walks through when it resolves the path — resolved inside the root.

import type { FileInfo } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';

export interface ChainLink {
  /** Canonical host path of this step (no symlink above it). */
  path: string;
  role: 'dir' | 'symlink' | 'target';
  info: FileInfo;
}

export interface OwnershipChain {
  /** The path as asked. */
  path: string;
  /** Canonical path of the file it leads to, or null when the walk ends early (missing, loop). */
  resolved: string | null;
  links: ChainLink[];
}

/** Linux's MAXSYMLINKS (fs/namei.c). */
const MAX_LINKS = 40;

export function ownershipChain(ctx: RuleContext, path: string): OwnershipChain {
  return memo(ctx, `facts:chain:${path}`, () => walk(ctx, path));
}

function walk(ctx: RuleContext, path: string): OwnershipChain {
  const links: ChainLink[] = [];
  const seen = new Set<string>();
  const record = (p: string, role: ChainLink['role'], info: FileInfo): void => {
    if (seen.has(p)) return;
    seen.add(p);
    links.push({ path: p, role, info });
  };
  const rootInfo = ctx.host.lstat('/');
  if (rootInfo) record('/', 'dir', rootInfo);
  const pending = path.split('/').filter((c) => c !== '' && c !== '.').reverse();
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === '..') {
      done.pop();
      continue;
    }
    const canonical = `/${[...done, name].join('/')}`;
    const info = ctx.host.lstat(canonical);
    if (info === null) return { path, resolved: null, links };
    if (info.type === 'symlink') {
      record(canonical, 'symlink', info);
      const target = ctx.host.readlink(canonical) ?? '';
      if (++hops > MAX_LINKS || target === '') return { path, resolved: null, links };
      // An absolute target restarts at the root of the host, never of this machine.
      if (target.startsWith('/')) done.length = 0;
      for (const part of target.split('/').reverse()) if (part !== '' && part !== '.') pending.push(part);
      continue;
    }
    if (pending.length === 0) {
      record(canonical, info.type === 'dir' ? 'dir' : 'target', info);
      return { path, resolved: canonical, links };
    }
    if (info.type !== 'dir') return { path, resolved: null, links };
    record(canonical, 'dir', info);
    done.push(name);
  }
  return { path, resolved: `/${done.join('/')}`, links };
}

/** One way someone other than root and the job user can change a file or directory. */
export interface WriteRisk {
  kind: 'owner' | 'group' | 'other';
  /** The user or group name (uid/gid as text when unnamed), or "everyone". */
  who: string;
}

/** Users that are members of a group: listed members plus those whose primary group it is. */
function groupMembers(ctx: RuleContext, gid: number): Set<string> {
  return memo(ctx, `facts:group-members:${gid}`, () => {
    const members = new Set(ctx.host.groups().find((g) => g.gid === gid)?.members ?? []);
    for (const u of ctx.host.users()) if (u.gid === gid) members.add(u.name);
    return members;
  });
}

export function userName(ctx: RuleContext, uid: number): string {
  return memo(ctx, 'facts:user-names', () => new Map(ctx.host.users().map((u) => [u.uid, u.name]))).get(uid) ?? String(uid);
}

export function groupName(ctx: RuleContext, gid: number): string {
  return memo(ctx, 'facts:group-names', () => new Map(ctx.host.groups().map((g) => [g.gid, g.name]))).get(gid) ?? String(gid);
}

export function uidOf(ctx: RuleContext, user: string): number | null {
  return memo(ctx, 'facts:uids', () => new Map(ctx.host.users().map((u) => [u.name, u.uid]))).get(user) ?? null;
}

/**
 * Who besides root and `jobUser` can write `info`. A group-writable file is only a risk when the
 * group has someone else in it (a user-private group or an empty `staff` is not). Symlinks carry no
 * risk of their own (their mode is meaningless; replacing one needs its directory), and a sticky
 * directory only lets others replace what they own themselves — caught at that entry.
 */
export function writeRisks(ctx: RuleContext, link: ChainLink, jobUser: string | null): WriteRisk[] {
  if (link.role === 'symlink') return [];
  const { info } = link;
  const trusted = new Set(['root']);
  if (jobUser) trusted.add(jobUser);
  const risks: WriteRisk[] = [];
  const owner = userName(ctx, info.uid);
  if (info.uid !== 0 && !trusted.has(owner)) risks.push({ kind: 'owner', who: owner });
  const sticky = link.role === 'dir' && (info.mode & 0o1000) !== 0;
  if (!sticky && (info.mode & 0o020) !== 0) {
    const outsiders = [...groupMembers(ctx, info.gid)].filter((m) => !trusted.has(m));
    if (outsiders.length > 0) risks.push({ kind: 'group', who: groupName(ctx, info.gid) });
  }
  if (!sticky && (info.mode & 0o002) !== 0) risks.push({ kind: 'other', who: 'everyone' });
  return risks;
}

export function describeRisks(risks: readonly WriteRisk[]): string {
  return risks
    .map((r) => (r.kind === 'owner' ? `owned by ${r.who}` : r.kind === 'group' ? `writable by group ${r.who}` : 'writable by everyone'))
    .join(', ');
}

export { octal } from '../mode.js';

export interface TargetExposure {
  /** The file the path leads to, when it exists. */
  file: ChainLink | null;
  fileRisks: WriteRisk[];
  /** Directories on the way (through every link) that others can write, with who. */
  dirs: Array<{ link: ChainLink; risks: WriteRisk[] }>;
}

/** Who can change or replace `path` as seen by jobs of `user` (memoised per user and path). */
export function exposureOf(ctx: RuleContext, path: string, user: string | null): TargetExposure {
  const perScan = memo(ctx, 'facts:exposure', () => new Map<string, Map<string, TargetExposure>>());
  let perUser = perScan.get(user ?? '');
  if (!perUser) perScan.set(user ?? '', (perUser = new Map()));
  let found = perUser.get(path);
  if (!found) {
    const chain = ownershipChain(ctx, path);
    const last = chain.links.at(-1);
    const file = chain.resolved !== null && last?.role === 'target' ? last : null;
    const dirs = chain.links.filter((l) => l.role === 'dir').map((link) => ({ link, risks: writeRisks(ctx, link, user) })).filter((d) => d.risks.length > 0);
    found = { file, fileRisks: file ? writeRisks(ctx, file, user) : [], dirs };
    perUser.set(path, found);
  }
  return found;
}
