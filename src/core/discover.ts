// Finds every cron source of DESIGN §2 on a host, in a fixed order (system files, run-parts
// directories, anacron, spools, access files; names sorted within each directory). Files cron
// itself would skip are still listed — liveness says why they are dead — except dot-files, which
// both daemons and run-parts skip by design (Debian ships `.placeholder` in each directory, and
// our own atomic writer uses dot-prefixed temp names).

import { HostError, type Host, type SourceKind } from './types.js';

export interface DiscoveredSource {
  path: string;
  kind: SourceKind;
  /** Set when the directory expected to hold this source could not be listed. */
  error?: string;
  /** The errno code of that failure (EACCES: we could not list it, cron running as root may). */
  errorCode?: string;
}

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
export const dirName = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

export const DEBIAN_SPOOL = '/var/spool/cron/crontabs';
export const RHEL_SPOOL = '/var/spool/cron';
export const RUN_PARTS_DIRS = ['/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly'] as const;

/** Entries of a directory, or [] when it does not exist; a listing failure becomes one source. */
function entries(host: Host, dir: string, kind: SourceKind, out: DiscoveredSource[]): string[] {
  const info = host.stat(dir);
  if (!info) return [];
  try {
    return host.readdir(dir).filter((name) => !name.startsWith('.'));
  } catch (error) {
    out.push({ path: dir, kind, error: (error as Error).message, errorCode: error instanceof HostError ? error.code : undefined });
    return [];
  }
}

function file(host: Host, path: string, kind: SourceKind, out: DiscoveredSource[]): void {
  if (host.lstat(path)) out.push({ path, kind });
}

export function discoverSources(host: Host): DiscoveredSource[] {
  const out: DiscoveredSource[] = [];
  file(host, '/etc/crontab', 'system', out);
  for (const name of entries(host, '/etc/cron.d', 'system', out)) out.push({ path: `/etc/cron.d/${name}`, kind: 'system' });
  for (const dir of RUN_PARTS_DIRS) {
    for (const name of entries(host, dir, 'run-parts', out)) out.push({ path: `${dir}/${name}`, kind: 'run-parts' });
  }
  file(host, '/etc/anacrontab', 'anacron', out);
  // A host has one layout: Debian's cron reads only /var/spool/cron/crontabs, RHEL's cronie only
  // the files directly in /var/spool/cron (where Debian keeps its crontabs and atjobs directories).
  if (host.stat(DEBIAN_SPOOL)) {
    for (const name of entries(host, DEBIAN_SPOOL, 'user', out)) out.push({ path: `${DEBIAN_SPOOL}/${name}`, kind: 'user' });
  } else {
    for (const name of entries(host, RHEL_SPOOL, 'user', out)) {
      const path = `${RHEL_SPOOL}/${name}`;
      if (host.lstat(path)?.type !== 'dir') out.push({ path, kind: 'user' });
    }
  }
  file(host, '/etc/cron.allow', 'access', out);
  file(host, '/etc/cron.deny', 'access', out);
  return out;
}
