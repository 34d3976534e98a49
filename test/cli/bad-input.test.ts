// Bad input, as a sysadmin trying to break the tool would give it: every case must get a clear
// message on stderr, nothing on stdout, the right exit code (DESIGN §4) and leave the tree untouched.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply/apply.js';
import { renderExplanation } from '../../src/cli/explain.js';
import { parsePlan } from '../../src/plan/plan-file.js';
import { RULES } from '../../src/rules/registry.js';
import { CLI, runCli, type CliResult } from '../helpers/cli.js';
import { tempRoot } from '../helpers/temp-root.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';

/** Every path under dir with its type, mode, owner and content hash: equal digests, untouched tree. */
function digest(dir: string): string {
  const lines: string[] = [];
  const walk = (rel: string) => {
    const abs = join(dir, rel);
    const s = lstatSync(abs);
    const body = s.isFile() ? createHash('sha256').update(readFileSync(abs)).digest('hex') : s.isSymbolicLink() ? readlinkSync(abs) : '';
    lines.push(`${rel} ${s.mode.toString(8)} ${s.uid}:${s.gid} ${body}`);
    if (s.isDirectory()) for (const name of readdirSync(abs).sort()) walk(`${rel}/${name}`);
  };
  walk('.');
  return lines.join('\n');
}

const HOST: TreeSpec = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
  '/etc/group': 'root:x:0:\n',
  '/etc/crontab': 'SHELL=/bin/sh\n17 * * * * root /usr/bin/true\n',
};

function expectUserError(r: CliResult, code: number, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(code);
}

const asRoot = process.getuid?.() === 0;

describe('bad input (built binary)', () => {
  const cleanups: (() => void)[] = [];
  const root = (spec: TreeSpec = HOST) => {
    const t = tempRoot(spec);
    cleanups.push(t.cleanup);
    return t.dir;
  };
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('backups, rollback and recover refuse a root that is missing or not a directory (exit 2)', () => {
    const dir = root();
    for (const command of [['backups'], ['rollback', '--yes'], ['recover']]) {
      expectUserError(runCli([...command, '--root', join(dir, 'missing')]), 2, /root directory .*missing does not exist/);
      expectUserError(runCli([...command, '--root', join(dir, 'etc/crontab')]), 2, /root .*etc\/crontab is not a directory/);
    }
  });

  it('rollback of an unknown backup id is a usage error naming how to list them', () => {
    const dir = root();
    const before = digest(dir);
    expectUserError(runCli(['rollback', 'nope', '--root', dir, '--yes']), 2, new RegExp(`no backup "nope".*\\n.*cronwarden backups --root ${dir}`));
    expectUserError(runCli(['rollback', '20261125T093000Z-1a2b3c', '--root', dir, '--yes']), 2, /no backup 20261125T093000Z-1a2b3c under/);
    expect(digest(dir)).toBe(before);
  });

  it('a damaged backup is named with what is wrong and what to do, not an internal error (exit 2)', () => {
    const id = '20261125T093000Z-1a2b3c';
    const dir = root({ ...HOST, [`/var/lib/cronwarden/backups/${id}/manifest.json`]: '{"version": 1, "operat', [`/var/lib/cronwarden/backups/${id}/journal.jsonl`]: '' });
    const before = digest(dir);
    for (const command of [['backups'], ['rollback', '--yes'], ['rollback', id, '--yes']]) {
      expectUserError(runCli([...command, '--root', dir]), 2, new RegExp(`backup ${id} is damaged: .*/manifest\\.json is not valid JSON\\n.*move it out of`));
    }
    expect(digest(dir)).toBe(before);
  });

  it('an OS error on a path (the backups directory is a file) is reported with its errno, not as an internal error (exit 2)', () => {
    const dir = root({ ...HOST, '/var/lib/cronwarden/backups': 'not a directory\n' });
    expectUserError(runCli(['backups', '--root', dir]), 2, /cannot scandir .*\/var\/lib\/cronwarden\/backups: not a directory \(ENOTDIR\)\n  hint: /);
  });

  it('apply on a terminal previews the changes without telling the user to drop a --dry-run they did not give', async () => {
    const dir = root({ ...HOST, '/etc/cron.d/perms': { content: '17 * * * * root /usr/bin/true\n', mode: 0o666 } });
    const file = join(dir, 'plan.json');
    expect(runCli(['plan', '--root', dir, '-o', file]).code).toBe(0);
    const before = digest(dir);
    let out = '';
    const io = { out: (t: string) => void (out += t), err: () => undefined, color: false, isTTY: true };
    await expect(apply(parsePlan(readFileSync(file, 'utf8'), file, dir), { root: dir, io, ask: async () => 'no' })).rejects.toThrow(/not confirmed/);
    expect(out).toMatch(/^# about to apply to .*: \d+ path\(s\) will be backed up first\n/);
    expect(out).toMatch(/# every precondition holds\n$/);
    expect(out).not.toContain('dry run');
    expect(digest(dir)).toBe(before);
  });

  it('plan -o to a directory or into a missing directory says so without a stack trace (exit 2)', () => {
    const dir = root();
    const before = digest(dir);
    const toDir = runCli(['plan', '--root', dir, '-o', dir]);
    expect(toDir.stderr).toMatch(/cannot .*illegal operation on a directory/);
    expect(toDir.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(toDir.code).toBe(2);
    const intoMissing = runCli(['plan', '--root', dir, '-o', join(dir, 'no/such/dir/plan.json')]);
    expect(intoMissing.stderr).toMatch(/cannot .*plan\.json.*no such file or directory/);
    expect(intoMissing.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(intoMissing.code).toBe(2);
    expect(digest(dir)).toBe(before);
  });

  it('scan refuses a root with no etc/ (the parent of the host, an empty dir) instead of passing with 0 jobs', () => {
    const dir = root({ '/web1/etc/passwd': HOST['/etc/passwd']!, '/web1/etc/crontab': HOST['/etc/crontab']! });
    expectUserError(runCli(['scan', '--root', dir]), 2, /has no etc\/ directory: it does not look like the root of a host\n.*e\.g\. \/mnt\/web1, not \/mnt/);
    expectUserError(runCli(['scan', '--root', join(dir, 'web1/etc')]), 2, /has no etc\/ directory/);
    expect(runCli(['scan', '--root', join(dir, 'web1')]).stdout).toMatch(/1 job/);
  });

  it('scan refuses an /etc/passwd that holds no users or is not a file: every job would look orphaned', () => {
    const garbage = root({ ...HOST, '/etc/passwd': '# emptied by mistake\n' });
    expectUserError(runCli(['scan', '--root', garbage]), 2, /cannot read the users of .*: it holds no valid user line/);
    const dir = root({ ...HOST, '/etc/passwd': { type: 'dir' } });
    expectUserError(runCli(['scan', '--root', dir, '--format', 'json']), 2, /cannot read the users of .*: \/etc\/passwd is a directory/);
  });

  it('scan of a tree with cron files but no /etc/passwd warns on stderr that every user will look unknown', () => {
    const { '/etc/passwd': _passwd, ...noPasswd } = HOST;
    const r = runCli(['scan', '--root', root(noPasswd), '--format', 'json']);
    expect(JSON.parse(r.stdout).summary.jobs).toBe(1);
    expect(r.stderr).toMatch(/warning: .* has no \/etc\/passwd: every job's user is reported as unknown/);
  });

  it.skipIf(!asRoot)('scan as a user who cannot read /etc/passwd is an error, not a host full of orphans (exit 2)', () => {
    const dir = root({ ...HOST, '/etc/passwd': { content: HOST['/etc/passwd'] as string, mode: 0o600 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
    expectUserError({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, 2, /cannot read the users of .*: permission denied reading \/etc\/passwd/);
  });

  it.skipIf(!asRoot)('a spool this user cannot list is not claimed to be unreadable for cron too (cron runs as root)', () => {
    const dir = root({ ...HOST, '/var/spool/cron/crontabs': { type: 'dir', mode: 0o700 }, '/var/spool/cron/crontabs/root': { content: '0 1 * * * /usr/bin/true\n', mode: 0o600 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir, '--format', 'json'], { encoding: 'utf8', uid: 65534, gid: 65534 });
    const spool = JSON.parse(r.stdout).sources.find((s: { path: string }) => s.path === '/var/spool/cron/crontabs');
    expect(spool.notLiveReason).toMatch(/permission denied .*; cron itself may still load its crontabs, so check them by hand$/);
  });

  it('file names with escape sequences, newlines or bidi overrides cannot repaint the terminal or forge report lines', () => {
    const dir = root({
      ...HOST,
      '/etc/cron.d/evil\u001b[2J\u001b[31mred': '0 1 * * * root /usr/bin/true\n',
      '/etc/cron.d/nl\nfake  (system, root:root 0644, 1 job, live)': '0 1 * * * root /usr/bin/true\n',
      '/etc/cron.d/bidi\u202eabc': '0 1 * * * root /usr/bin/true\n',
    });
    const r = runCli(['scan', '--root', dir]);
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(r.stdout).toContain('/etc/cron.d/evil^[[2J^[[31mred  (system');
    expect(r.stdout).toContain('/etc/cron.d/nl^Jfake  (system, root:root 0644, 1 job, live)  (system');
    expect(r.stdout).not.toMatch(/^fake/m);
    expect(r.stdout).toContain('/etc/cron.d/bidi<U+202E>abc');
  });

  it('error messages show control characters from the paths they quote instead of sending them to the terminal', () => {
    const r = runCli(['scan', '--root', join(root(), 'gone\u001b[2J')]);
    expectUserError(r, 2, /root directory .*gone\^\[\[2J does not exist/);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('a cron.d link that loops is called a loop, not a missing target', () => {
    const dir = root({ ...HOST, '/etc/cron.d/loop1': { type: 'symlink', target: 'loop2' }, '/etc/cron.d/loop2': { type: 'symlink', target: 'loop1' }, '/etc/cron.d/gone': { type: 'symlink', target: 'nothing' } });
    const sources = JSON.parse(runCli(['scan', '--root', dir, '--format', 'json']).stdout).sources as { path: string; notLiveReason: string }[];
    const reason = (p: string) => sources.find((s) => s.path === p)?.notLiveReason;
    expect(reason('/etc/cron.d/loop1')).toMatch(/^symbolic link to loop2, a chain of links that loops: cron cannot open it/);
    expect(reason('/etc/cron.d/gone')).toMatch(/^symbolic link to nothing, which does not exist/);
  });

  it('the text summary counts one job and one source in the singular', () => {
    expect(runCli(['scan', '--root', root()]).stdout).toMatch(/\n1 source, 1 job — \d+ findings/);
  });

  it.skipIf(!asRoot)('a root this user cannot read is an error, not an empty host that passes (exit 2)', () => {
    const dir = root({ ...HOST, '/': { type: 'dir', mode: 0o700 } });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--root', dir], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
    expectUserError({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, 2, /cannot read root directory .* \(EACCES\)\n.*run cronwarden as root/);
  });
});

describe('cronwarden explain, for every rule', () => {
  const section = (text: string, from: string, to: string) => text.slice(text.indexOf(`\n${from}\n`), text.indexOf(`\n${to}\n`));

  it.each(RULES.map((r) => [r.id, r] as const))('%s: prints no raw control character and tells each bad example from every good one', (_id, rule) => {
    const text = renderExplanation(rule, false);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    const bad = section(text, 'Bad', 'Good').split('\n\n').map((b) => b.trim()).filter((b) => b !== 'Bad' && b !== '');
    const good = section(text, 'Good', 'Fix').split('\n\n').map((b) => b.trim()).filter((b) => b !== 'Good' && b !== '');
    expect(bad.length).toBeGreaterThan(0);
    for (const b of bad) expect(good.map((g) => g.replace(/^Good\n\s*/, ''))).not.toContain(b.replace(/^Bad\n\s*/, ''));
  });

  it('shows the carriage return, the bidi override and the missing newline it is about', () => {
    const hidden = runCli(['explain', 'hidden-characters']).stdout;
    expect(hidden).toContain('/tmp/.x/run^M# daily log rotation');
    expect(hidden).toContain('<U+202E>');
    expect(runCli(['explain', 'missing-newline']).stdout).toContain('\\ No newline at end of file');
    expect(runCli(['explain', 'cron-dir-perms']).stdout).toMatch(/# with \/etc\/cron\.daily: directory 0777 root:root\n/);
  });
});

describe('mistyped commands and rule ids', () => {
  it('a mistyped command is named as unknown with the closest one, not "too many arguments" (exit 2)', () => {
    expectUserError(runCli(['scna']), 2, /unknown command ‘scna’\n  hint: did you mean scan\?/);
    expectUserError(runCli(['rollbak', '--yes']), 2, /did you mean rollback\?/);
    expectUserError(runCli(['frobnicate']), 2, /unknown command ‘frobnicate’\n  hint: cronwarden --help lists the commands/);
  });

  it('`cronwarden help [COMMAND]` prints the help', () => {
    expect(runCli(['help']).stdout).toMatch(/^Usage: cronwarden \[options\] \[command\]/);
    const scan = runCli(['help', 'scan']);
    expect(scan.stdout).toMatch(/^Usage: cronwarden scan/);
    expect(scan.code).toBe(0);
  });

  it('explain suggests the rule id whatever its case or punctuation', () => {
    expectUserError(runCli(['explain', 'NOT-LOADED']), 2, /no rule ‘NOT-LOADED’\n  hint: did you mean not-loaded\?/);
    expectUserError(runCli(['explain', 'notloaded']), 2, /did you mean not-loaded\?/);
    expectUserError(runCli(['explain', 'writable']), 2, /did you mean writable-target, writable-target-dir\?/);
  });
});
