// Host error messages shared by the real and the in-memory host, so a test on either sees the
// same words: what happened, to which host path, and what to do about it.

import { HostError } from '../core/types.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

export function tooBig(path: string, size: number, maxBytes: number): HostError {
  return new HostError(
    `${path} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for a crontab; not read`,
    path,
    'EFBIG',
  );
}

export function notRegular(path: string, what: string): HostError {
  return new HostError(`${path} is ${what}, not a regular file; not read`, path, what === 'a directory' ? 'EISDIR' : 'EINVAL');
}

export function notDirectory(path: string): HostError {
  return new HostError(`${path} is not a directory; its entries cannot be listed`, path, 'ENOTDIR');
}

/** Map an errno code from a read to a message for humans. */
export function readFailure(path: string, code: string, detail?: string): HostError {
  switch (code) {
    case 'ENOENT':
      return new HostError(`${path} does not exist (it may have been removed during the scan)`, path, code);
    case 'ENOTDIR':
      return new HostError(`${path} cannot be reached: one of its parent directories is not a directory`, path, code);
    case 'ELOOP':
      return new HostError(
        `${path} is a symbolic link (or its parents loop); cronwarden never follows links when reading files — check where it points with ls -l`,
        path,
        code,
      );
    case 'EACCES':
    case 'EPERM':
      return new HostError(`permission denied reading ${path}; run cronwarden as root or make the file readable`, path, code);
    case 'EISDIR':
      return notRegular(path, 'a directory');
    default:
      return new HostError(`cannot read ${path}: ${detail ?? code}`, path, code);
  }
}
