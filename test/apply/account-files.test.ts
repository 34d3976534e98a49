// The direct account writer (account-files.ts) against the real shadow-utils: on the same tree,
// addSystemAccounts must leave passwd, group, shadow and gshadow byte-identical (mode and owner
// included) to `groupadd --system` + `useradd --system --prefix`; it declines, changing nothing,
// wherever it cannot be sure; and it honours the tools' `<file>.lock` protocol.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addSystemAccounts, newSystemId, type NewAccount } from '../../src/apply/account-files.js';
import { realFs, type FsLayer } from '../../src/apply/fs-layer.js';
import { RefusedError } from '../../src/core/errors.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { DEBIAN_GROUP, debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { debianGshadow, digestText, treeDigest } from './helpers.js';

const haveTools = ['useradd', 'groupadd'].every((t) => existsSync(`/usr/sbin/${t}`));
const isRoot = process.getuid?.() === 0;
const reason = !isRoot ? 'not running as root' : !haveTools ? 'shadow-utils (useradd, groupadd) not installed' : null;
if (reason) {
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(`account-file tests cannot run in CI: ${reason}`);
  console.warn(`SKIPPING the comparison with real useradd/groupadd --prefix: ${reason}`);
}

// A fixed clock for both: useradd's shadow "last change" day honours SOURCE_DATE_EPOCH (gettime.c).
const EPOCH = 1_795_600_000;
const fixedClock = (base: FsLayer): FsLayer => ({ ...base, now: () => new Date(EPOCH * 1000) });

const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow'];

const ACCOUNTS: NewAccount[] = [
  { name: 'cw-backup', group: 'cw-backup', home: '/nonexistent', shell: '/usr/sbin/nologin' },
  { name: 'cw-report', group: 'cw-report', home: '/var/lib/cw-report', shell: '/usr/sbin/nologin' },
  // Its group already exists: useradd --gid backup.
  { name: 'cw-archive', group: 'backup', home: '/nonexistent', shell: '/bin/false' },
];

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function tree(spec: TreeSpec): string {
  const t = tempRoot(spec);
  cleanups.push(t.cleanup);
  return t.dir;
}

function withTools(root: string, accounts: readonly NewAccount[]): void {
  const env = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH), LC_ALL: 'C' };
  for (const a of accounts) {
    const groups = readFileSync(`${root}/etc/group`, 'utf8');
    if (!groups.split('\n').some((l) => l.startsWith(`${a.group}:`))) execFileSync('/usr/sbin/groupadd', ['--prefix', root, '--system', a.group], { env });
    execFileSync('/usr/sbin/useradd', ['--prefix', root, '--system', '--no-create-home', '--home-dir', a.home, '--shell', a.shell, '--gid', a.group, a.name], { env });
  }
}

function accountFiles(root: string): string {
  return ACCOUNT_FILES.filter((f) => existsSync(root + f))
    .map((f) => {
      const st = statSync(root + f);
      return `${f} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}\n${readFileSync(root + f, 'utf8')}`;
    })
    .join('\n');
}

const LAYOUTS: Array<[string, TreeSpec]> = [
  ['stock Debian accounts, no login.defs (the tools defaults: 101-999)', { ...debianBase(), '/etc/gshadow': debianGshadow() }],
  [
    'a narrow system range in login.defs, ids in use at its bottom, no gshadow, passwd without a final newline',
    {
      ...debianBase(),
      '/etc/login.defs': '# comment\nUID_MIN 2000\nSYS_UID_MIN\t300\nSYS_UID_MAX 310\nSYS_GID_MIN "300"\nSYS_GID_MAX 305\n',
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nsvc:x:300:300::/nonexistent:/usr/sbin/nologin\nold:x:308:300::/nonexistent:/usr/sbin/nologin',
      '/etc/group': `${DEBIAN_GROUP}svc:x:300:\nmid:x:303:\n`,
    },
  ],
];

describe.skipIf(reason !== null)('the same entries as groupadd + useradd --system --prefix', () => {
  for (const [name, spec] of LAYOUTS) {
    it(name, () => {
      const theirs = tree(spec);
      const ours = tree(spec);
      const before = readFileSync(`${ours}/etc/passwd`, 'utf8');
      withTools(theirs, ACCOUNTS);
      expect(addSystemAccounts(fixedClock(realFs()), ours, ACCOUNTS, () => undefined)).toBe(true);
      expect(accountFiles(ours)).toBe(accountFiles(theirs));
      // commonio.c's `<file>-` convention: ours holds the files as they were before the batch.
      expect(readFileSync(`${ours}/etc/passwd-`, 'utf8')).toBe(before);
      expect(statSync(`${ours}/etc/shadow-`).mode & 0o777).toBe(0o640);
      expect(ACCOUNT_FILES.filter((f) => existsSync(`${ours}${f}.lock`))).toEqual([]);
    });
  }
});

describe('system id allocation (find_new_uid.c, system accounts)', () => {
  const cases: Array<[string, number[], [number, number], number | null]> = [
    ['nothing in the range: the top', [0, 1000, 65534], [101, 999], 999],
    ['below the lowest id in use', [500, 700], [101, 999], 499],
    ['the bottom is taken: from the top again', [101, 998, 999], [101, 999], 997],
    ['the bottom is taken: from the top down, into the first gap', [101, 102, 103, 105], [101, 105], 104],
    ['a full range', [1, 2, 3], [1, 3], null],
  ];
  for (const [label, used, range, expected] of cases) {
    it(label, () => expect(newSystemId(new Set(used), range)).toBe(expected));
  }
});

describe('declines, changing nothing, where the tools should decide', () => {
  const base = { ...debianBase(), '/etc/gshadow': debianGshadow() };
  const cases: Array<[string, TreeSpec, NewAccount[]?, string?]> = [
    ['an /etc others can write to', { ...base, '/etc': { type: 'dir', mode: 0o777 } }],
    ['NIS compat lines in passwd', { ...base, '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n+::::::\n' }],
    ['a symlinked /etc/passwd', base, undefined, 'symlink'],
    ['a hard-linked /etc/shadow', { ...base, '/etc/shadow': { content: 'root:*:1:0:99999:7:::\n', mode: 0o640, gid: 42, hardLinks: ['/root/shadow-copy'] } }],
    ['a hard-linked /etc/group-', { ...base, '/etc/group-': { content: DEBIAN_GROUP, hardLinks: ['/root/group-copy'] } }],
    ['a login.defs number getdef.c reads as hex', { ...base, '/etc/login.defs': 'SYS_UID_MIN 0x65\n' }],
    ['an impossible range', { ...base, '/etc/login.defs': 'SYS_UID_MIN 900\nSYS_UID_MAX 800\n' }],
    ['TCB shadow', { ...base, '/etc/login.defs': 'USE_TCB yes\n' }],
    ['a full system range', { ...base, '/etc/login.defs': 'SYS_GID_MIN 1\nSYS_GID_MAX 2\n' }],
    ['a name outside the portable set', base, [{ name: 'Cw.Backup', group: 'cw', home: '/nonexistent', shell: '/bin/false' }]],
    ['a colon in a home directory', base, [{ name: 'cw', group: 'cw', home: '/var/lib/a:b', shell: '/bin/false' }]],
  ];
  for (const [label, spec, accounts, special] of cases) {
    it(label, () => {
      const root = tree(spec);
      if (special === 'symlink') {
        writeFileSync(`${root}/etc/passwd.real`, readFileSync(`${root}/etc/passwd`));
        unlinkSync(`${root}/etc/passwd`);
        symlinkSync('passwd.real', `${root}/etc/passwd`);
      }
      const start = digestText(treeDigest(root));
      let started = false;
      expect(addSystemAccounts(realFs(), root, accounts ?? ACCOUNTS, () => void (started = true))).toBe(false);
      expect(started).toBe(false);
      expect(digestText(treeDigest(root))).toBe(start);
    });
  }

  it('the live host, always', () => {
    expect(addSystemAccounts(realFs(), '/', ACCOUNTS, () => undefined)).toBe(false);
  });
});

describe('locks: the `<file>.lock` hard link of commonio.c', () => {
  const spec = { ...debianBase(), '/etc/gshadow': debianGshadow() };
  /** Time passes at once when the writer waits for a lock. */
  function hurried(): FsLayer {
    let now = Date.now();
    return { ...realFs(), now: () => new Date(now), sleep: (ms) => void (now += ms) };
  }

  it('holds all four while it writes, with its pid as the tools write it, and removes them after', () => {
    const root = tree(spec);
    let seen: string[] = [];
    addSystemAccounts(realFs(), root, ACCOUNTS, () => {
      seen = ACCOUNT_FILES.map((f) => readFileSync(`${root}${f}.lock`, 'latin1'));
    });
    expect(seen).toEqual(ACCOUNT_FILES.map(() => `${process.pid}\0`));
    expect(ACCOUNT_FILES.filter((f) => existsSync(`${root}${f}.lock`))).toEqual([]);
  });

  it('waits for a running holder, then refuses naming it, leaving its lock and the files alone', async () => {
    const root = tree(spec);
    const holder = spawn('sleep', ['30']);
    cleanups.push(() => holder.kill('SIGKILL'));
    const start = digestText(treeDigest(root));
    writeFileSync(`${root}/etc/group.lock`, `${holder.pid}\0`);
    expect(() => addSystemAccounts(hurried(), root, ACCOUNTS, () => undefined)).toThrow(new RegExp(`/etc/group is locked by process ${holder.pid}`));
    expect(readFileSync(`${root}/etc/group.lock`, 'latin1')).toBe(`${holder.pid}\0`);
    unlinkSync(`${root}/etc/group.lock`);
    expect(digestText(treeDigest(root))).toBe(start);
  });

  it('takes over a lock whose process is gone', () => {
    const root = tree(spec);
    const dead = spawnSync('true').pid;
    writeFileSync(`${root}/etc/shadow.lock`, `${dead}\0`);
    expect(addSystemAccounts(realFs(), root, ACCOUNTS, () => undefined)).toBe(true);
    expect(existsSync(`${root}/etc/shadow.lock`)).toBe(false);
    expect(readFileSync(`${root}/etc/shadow`, 'utf8')).toContain('cw-backup:!:');
  });

  it('refuses a lock that names no process, and a user that appeared since the plan was checked', () => {
    const root = tree(spec);
    writeFileSync(`${root}/etc/passwd.lock`, 'garbage');
    expect(() => addSystemAccounts(realFs(), root, ACCOUNTS, () => undefined)).toThrow(RefusedError);
    unlinkSync(`${root}/etc/passwd.lock`);
    const taken = [{ ...ACCOUNTS[0] as NewAccount, name: 'backup' }];
    const start = digestText(treeDigest(root));
    expect(() => addSystemAccounts(realFs(), root, taken, () => undefined)).toThrow(/user backup already exists/);
    expect(digestText(treeDigest(root))).toBe(start);
  });
});
