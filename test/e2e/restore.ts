// What the end-to-end test changes on the machine, recorded *before* each change, and the one
// cleanup that puts it all back (the test's `finally`). It works under any root prefix so that
// test/e2e/restore.test.ts can prove it on a temp root. Each step runs even when an earlier one
// failed; the problems are returned together, so one failure never leaves the rest behind.

import { execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lchownSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

type Saved =
  | { kind: 'absent' }
  | { kind: 'file'; content: Buffer; mode: number; uid: number; gid: number }
  | { kind: 'symlink'; target: string; uid: number; gid: number };

type Step =
  | { kind: 'file'; path: string; saved: Saved }
  | { kind: 'entries'; dir: string; before: Set<string> | null }
  | { kind: 'aside'; path: string; parkedAt: string | null }
  | { kind: 'users'; prefix: string; users: Set<string>; groups: Set<string> };

interface Tracked {
  label: string;
  child: ChildProcess;
}

export class MachineRestore {
  private readonly steps: Step[] = [];
  private readonly processes: Tracked[] = [];

  constructor(readonly root: string) {}

  private onDisk(path: string): string {
    return this.root === '/' ? path : join(this.root, path);
  }

  /** Saves a file's bytes, mode and owner (or a symlink, or its absence). First call wins. */
  rememberFile(path: string): void {
    if (this.steps.some((s) => s.kind === 'file' && s.path === path)) return;
    const real = this.onDisk(path);
    const info = lstatSync(real, { throwIfNoEntry: false });
    let saved: Saved;
    if (info === undefined) saved = { kind: 'absent' };
    else if (info.isFile()) saved = { kind: 'file', content: readFileSync(real), mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
    else if (info.isSymbolicLink()) saved = { kind: 'symlink', target: readlinkSync(real), uid: info.uid, gid: info.gid };
    else throw new Error(`cannot save ${real}: not a file or symlink (use moveAside for sockets and devices)`);
    this.steps.push({ kind: 'file', path, saved });
  }

  /** Anything that appears below `dir` after this call is removed on restore (the whole dir
   *  when it did not exist). Files that existed are left alone: remember them with rememberFile. */
  rememberEntries(dir: string): void {
    const real = this.onDisk(dir);
    this.steps.push({ kind: 'entries', dir, before: existsSync(real) ? new Set(walk(real)) : null });
  }

  /** Moves what is at `path` out of the way (e.g. a syslog socket on /dev/log) and puts it back
   *  on restore, after removing whatever the test put there. */
  moveAside(path: string): void {
    const real = this.onDisk(path);
    let parkedAt: string | null = null;
    if (lstatSync(real, { throwIfNoEntry: false }) !== undefined) {
      parkedAt = `${real}.cronwarden-e2e-saved-${process.pid}`;
      renameSync(real, parkedAt);
    }
    this.steps.push({ kind: 'aside', path, parkedAt });
  }

  /** Users and groups whose names start with `prefix` and appear after this call are deleted on
   *  restore (a group too: userdel keeps a private group that another user still uses). */
  rememberUsers(prefix: string): void {
    this.steps.push({ kind: 'users', prefix, users: new Set(this.names('passwd', prefix)), groups: new Set(this.names('group', prefix)) });
  }

  /** A process the test started: stopped by its pid on restore (TERM, then KILL). */
  trackProcess(label: string, child: ChildProcess): void {
    this.processes.push({ label, child });
  }

  private names(file: 'passwd' | 'group', prefix: string): string[] {
    const path = this.onDisk(`/etc/${file}`);
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.split(':')[0]!)
      .filter((name) => name !== '' && name.startsWith(prefix));
  }

  /** Puts everything back, newest change first. Returns what could not be restored ([] = all). */
  async restore(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = (what: string, action: () => void): void => {
      try {
        action();
      } catch (error) {
        problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    // Processes first: the daemon must not run jobs from half-restored files.
    for (const p of this.processes.reverse()) {
      try {
        await stopProcess(p.child);
      } catch (error) {
        problems.push(`stop ${p.label} (pid ${p.child.pid}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.processes.length = 0;
    for (const step of this.steps.reverse()) {
      if (step.kind === 'file') attempt(`restore ${step.path}`, () => this.restoreFile(step.path, step.saved));
      else if (step.kind === 'entries') attempt(`remove new entries under ${step.dir}`, () => this.removeNewEntries(step.dir, step.before));
      else if (step.kind === 'aside') attempt(`put back ${step.path}`, () => this.putBack(step.path, step.parkedAt));
      else attempt(`delete users and groups ${step.prefix}*`, () => this.deleteNew(step.prefix, step.users, step.groups));
    }
    this.steps.length = 0;
    return problems;
  }

  private restoreFile(path: string, saved: Saved): void {
    const real = this.onDisk(path);
    if (saved.kind === 'absent') {
      rmSync(real, { recursive: true, force: true });
      return;
    }
    // Into a dotted temp name beside the target, then renamed over it: cron ignores dotted
    // names, and the target is never seen half-written.
    const temp = join(dirname(real), `.cronwarden-e2e-restore-${process.pid}`);
    rmSync(temp, { force: true });
    if (saved.kind === 'symlink') {
      symlinkSync(saved.target, temp);
      lchownSync(temp, saved.uid, saved.gid);
    } else {
      writeFileSync(temp, saved.content, { flag: 'wx', mode: 0o600 });
      chownSync(temp, saved.uid, saved.gid);
      chmodSync(temp, saved.mode);
    }
    renameSync(temp, real);
  }

  private removeNewEntries(dir: string, before: Set<string> | null): void {
    const real = this.onDisk(dir);
    if (before === null) {
      rmSync(real, { recursive: true, force: true });
      return;
    }
    if (!existsSync(real)) return;
    // Shallowest first: removing a new directory takes its contents with it.
    for (const entry of walk(real).sort((a, b) => a.split('/').length - b.split('/').length)) {
      if (!before.has(entry)) rmSync(join(real, entry), { recursive: true, force: true });
    }
  }

  private putBack(path: string, parkedAt: string | null): void {
    const real = this.onDisk(path);
    rmSync(real, { recursive: true, force: true });
    if (parkedAt !== null) renameSync(parkedAt, real);
  }

  private deleteNew(prefix: string, users: Set<string>, groups: Set<string>): void {
    const where = this.root === '/' ? [] : ['--prefix', this.root];
    for (const name of this.names('passwd', prefix)) {
      if (!users.has(name)) execFileSync('userdel', [...where, name], { stdio: 'pipe' });
    }
    for (const name of this.names('group', prefix)) {
      if (!groups.has(name)) execFileSync('groupdel', [...where, name], { stdio: 'pipe' });
    }
  }
}

/** Relative paths of everything below `dir` (no symlink is followed). */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    out.push(rel);
    if (lstatSync(join(dir, rel)).isDirectory()) out.push(...walk(dir, rel));
  }
  return out;
}

/** SIGTERM by pid, SIGKILL after 3 s; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3000));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}
