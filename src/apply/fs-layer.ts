// Every effect apply/rollback has on the machine goes through one FsLayer, so tests can fail any
// single step (throw, ENOSPC, EACCES, EXDEV, a crash) and check what the host looks like after it.
// The layer is synchronous on purpose: a transaction step is never interleaved with another.

import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { execaSync } from 'execa';

export type FsStats = fs.Stats;

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface FsLayer {
  open(path: string, flags: number, mode?: number): number;
  close(fd: number): void;
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsync(fd: number): void;
  /** fsyncs several open files at once, so the kernel can commit them together: only for files
   *  no one can see yet (a backup being staged), where the order among them does not matter. */
  fsyncAll(fds: readonly number[]): Promise<void>;
  fstat(fd: number): FsStats;
  fchmod(fd: number, mode: number): void;
  fchown(fd: number, uid: number, gid: number): void;
  futimes(fd: number, atime: Date, mtime: Date): void;
  lstat(path: string): FsStats;
  rename(from: string, to: string): void;
  /** Hard link; fails with EEXIST when `to` exists (what makes the lock atomic). */
  link(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string, mode: number): void;
  rmdir(path: string): void;
  readdir(path: string): string[];
  /** Runs a system program (useradd, crontab …) without a shell. */
  run(file: string, args: string[]): RunResult;
  /** Whether a process with this pid exists (for stale lock detection). */
  processAlive(pid: number): boolean;
  /** The kernel's start time of a process (field 22 of /proc/PID/stat), so a recycled pid is not
   *  mistaken for the lock holder. null when unknown. */
  processStartTime(pid: number): string | null;
  now(): Date;
  sleep(ms: number): void;
}

export const O = fs.constants;

const fsyncAsync = promisify(fs.fsync);

/** The layer over the real kernel. `CRONWARDEN_TEST_CRASH_AT=<method>:<n>` (set only by the
 *  crash test) SIGKILLs this process just before the n-th call of that method, so the kill -9
 *  test exercises the very same binary users run. */
export function realFs(env: NodeJS.ProcessEnv = process.env): FsLayer {
  const layer: FsLayer = {
    open: (p, flags, mode) => fs.openSync(p, flags, mode),
    close: (fd) => fs.closeSync(fd),
    read: (fd, b, off, len, pos) => fs.readSync(fd, b, off, len, pos),
    write: (fd, b, off, len, pos) => fs.writeSync(fd, b, off, len, pos),
    fsync: (fd) => fs.fsyncSync(fd),
    fsyncAll: async (fds) => {
      await Promise.all(fds.map((fd) => fsyncAsync(fd)));
    },
    fstat: (fd) => fs.fstatSync(fd),
    fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
    fchown: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
    futimes: (fd, a, m) => fs.futimesSync(fd, a, m),
    lstat: (p) => fs.lstatSync(p),
    rename: (a, b) => fs.renameSync(a, b),
    link: (a, b) => fs.linkSync(a, b),
    unlink: (p) => fs.unlinkSync(p),
    mkdir: (p, mode) => fs.mkdirSync(p, { mode }),
    rmdir: (p) => fs.rmdirSync(p),
    readdir: (p) => fs.readdirSync(p).sort(),
    run: (file, args) => {
      const r = execaSync(file, args, { reject: false, stdin: 'ignore', env: { LC_ALL: 'C' } });
      return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
    processAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    processStartTime: (pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
        // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
      } catch {
        return null;
      }
    },
    now: () => new Date(),
    sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
  };
  const crashAt = env.CRONWARDEN_TEST_CRASH_AT;
  return crashAt ? withCrashHook(layer, crashAt) : layer;
}

function withCrashHook(layer: FsLayer, spec: string): FsLayer {
  const [method, nth] = spec.split(':');
  let count = 0;
  const wrapped = { ...layer } as Record<string, unknown>;
  const original = (layer as unknown as Record<string, (...a: unknown[]) => unknown>)[method ?? ''];
  if (!original) throw new Error(`CRONWARDEN_TEST_CRASH_AT names no file-system step: ${spec}`);
  wrapped[method as string] = (...args: unknown[]) => {
    count += 1;
    if (count === Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
  return wrapped as unknown as FsLayer;
}
