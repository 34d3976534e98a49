// Users and groups of the target: read from the root's /etc files, changed with the shadow-utils
// programs (never by editing /etc/passwd ourselves: they lock the files and keep shadow in step).
// Under a root prefix they run with --prefix, which Debian 12's shadow 4.13 supports for
// useradd, groupadd, usermod, userdel and groupdel.

import { RefusedError } from '../core/errors.js';
import type { FsLayer } from './fs-layer.js';
import { readRegular, toAbs, tryLstat } from './safe-fs.js';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  shell: string;
}

export interface AccountDb {
  users: Account[];
  groups: { name: string; gid: number; members: string[] }[];
  /** Users whose password field starts with ! or * (locked), from /etc/shadow. */
  locked: Set<string>;
}

function readLines(fs: FsLayer, root: string, hostPath: string): string[] {
  const abs = toAbs(root, hostPath);
  if (!tryLstat(fs, abs)) return [];
  return Buffer.from(readRegular(fs, abs)).toString('utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

export function readAccounts(fs: FsLayer, root: string): AccountDb {
  const users = readLines(fs, root, '/etc/passwd').map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), shell: f[6] ?? '' };
  });
  const groups = readLines(fs, root, '/etc/group').map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
  });
  const locked = new Set(
    readLines(fs, root, '/etc/shadow')
      .map((l) => l.split(':'))
      .filter((f) => /^[!*]/.test(f[1] ?? ''))
      .map((f) => f[0] ?? ''),
  );
  return { users, groups, locked };
}

export function uidOf(db: AccountDb, name: string): number {
  const user = db.users.find((u) => u.name === name);
  if (user) return user.uid;
  if (/^\d+$/.test(name)) return Number(name);
  throw new RefusedError(`user ${name} does not exist on this host`, 'make a new plan; it creates the users it needs');
}

export function gidOf(db: AccountDb, name: string): number {
  const group = db.groups.find((g) => g.name === name);
  if (group) return group.gid;
  if (/^\d+$/.test(name)) return Number(name);
  throw new RefusedError(`group ${name} does not exist on this host`, 'make a new plan; it creates the groups it needs');
}

/** Runs one shadow-utils command, inside the prefix when there is one. */
export function runAccountTool(fs: FsLayer, root: string, tool: string, args: string[]): void {
  const full = root === '/' ? args : ['--prefix', root, ...args];
  const result = fs.run(tool, full);
  if (result.exitCode !== 0) {
    throw new RefusedError(
      `\`${tool} ${full.join(' ')}\` failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`,
      'the message is the tool\'s own: fix what it names, then run the command again',
    );
  }
}
