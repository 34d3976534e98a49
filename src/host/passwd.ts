// Pure parsers for the root's /etc/passwd, /etc/group and /etc/shadow (passwd(5), group(5),
// shadow(5)). Malformed lines are skipped as getpwent(3) skips them; NIS "+"/"-" lines too, since
// their users are not in the file.

import type { GroupEntry, PasswdEntry, ShadowEntry } from '../core/types.js';

function records(text: string, minFields: number): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length >= minFields && fields[0] !== '') out.push(fields);
  }
  return out;
}

function id(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const f of records(text, 7)) {
    const uid = id(f[2]);
    const gid = id(f[3]);
    if (uid === null || gid === null) continue;
    out.push({ name: f[0]!, uid, gid, gecos: f[4]!, home: f[5]!, shell: f[6]! });
  }
  return out;
}

export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const f of records(text, 4)) {
    const gid = id(f[2]);
    if (gid === null) continue;
    out.push({ name: f[0]!, gid, members: f[3]!.split(',').filter((m) => m !== '') });
  }
  return out;
}

/** Only the password state is kept: hashes never leave this function. */
export function parseShadow(text: string): ShadowEntry[] {
  return records(text, 2).map((f) => {
    const hash = f[1]!;
    const password: ShadowEntry['password'] = hash === '' ? 'none' : hash.startsWith('!') || hash.startsWith('*') ? 'locked' : 'set';
    return { name: f[0]!, password };
  });
}

/** Zone name from /etc/timezone, or from the /etc/localtime link target (…/zoneinfo/Europe/Paris). */
export function zoneFromTimezoneFile(text: string): string | null {
  const zone = text.split('\n')[0]!.trim();
  return zone !== '' && !zone.startsWith('#') ? zone : null;
}

export function zoneFromLocaltimeLink(target: string): string | null {
  const at = target.indexOf('zoneinfo/');
  if (at < 0) return null;
  const zone = target.slice(at + 'zoneinfo/'.length).replace(/^(posix|right)\//, '');
  return zone === '' ? null : zone;
}
