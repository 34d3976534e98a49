// The runner for real, as root on this machine, with jobs whose user is `nobody`. The host the jobs
// are read from is in memory, but its accounts are this machine's own (the job runs here, so its
// uid, groups and home must be the ones this kernel and NSS see). Nothing under /etc or /var/spool
// is written.

import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import type { Job } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { CRON_DAEMON_CWD } from '../../src/try/cron-execution.js';
import { SETPRIV, tryRun } from '../../src/try/runner.js';

const isRoot = process.getuid?.() === 0;
const missing = [SETPRIV, '/usr/bin/env', CRON_DAEMON_CWD].filter((p) => !existsSync(p));
const nobody = isRoot ? readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:')) : undefined;
const reason = !isRoot ? 'not running as root' : missing.length ? `missing ${missing.join(', ')}` : !nobody ? 'no nobody account in /etc/passwd' : null;
if (reason) {
  const message = `test/try/runner.test.ts: SKIPPED — ${reason}: the try-run needs root, util-linux setpriv, coreutils env and cron's ${CRON_DAEMON_CWD}`;
  if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(message.replace('SKIPPED', 'FAILED in CI'));
  console.warn(message);
}

// A home nobody can enter (0711 parent, 0700 dir owned by root) and one it can (a world-enterable temp dir).
const scratch = isRoot ? mkdtempSync(join(tmpdir(), 'cronwarden-try-')) : '/nonexistent';
afterAll(() => {
  if (isRoot) rmSync(scratch, { recursive: true, force: true });
});

const CRON_D = `MAILTO=""
* * * * * nobody id -un; id -G; pwd; env
* * * * * nobody cat%first line%second \\% line
* * * * * nobody sleep 30
* * * * * nobody echo out; echo err >&2; exit 3
HOME=${scratch}
* * * * * nobody pwd
HOME=/root
* * * * * nobody pwd
* * * * * nobody head -c 100000 /dev/zero | tr '\\0' x
* * * * * nobody trap '' TERM; sleep 30
* * * * * nobody sleep 5 & echo started
`;

/** The jobs' host: this machine's accounts, a PAM stack that adds LANG, and the crontab above. */
function host() {
  return memoryHost({
    '/etc/passwd': readFileSync('/etc/passwd', 'utf8'),
    '/etc/group': readFileSync('/etc/group', 'utf8'),
    '/etc/pam.d/cron': 'session required pam_env.so envfile=/etc/default/locale\n',
    '/etc/default/locale': 'LANG=C.UTF-8\n',
    '/etc/cron.d/try': CRON_D,
  });
}

describe.skipIf(reason !== null)('tryRun as root on this machine', () => {
  const byLine = new Map<number, Job>(buildInventory(host()).jobs.map((j) => [j.line, j]));
  const run = (line: number, timeoutMs = 20_000) => tryRun(byLine.get(line)!, { timeoutMs, host: host() });

  it("runs as nobody with nobody's groups only, in cron's directory when HOME cannot be entered, with exactly cron's environment", async () => {
    const r = await run(2);
    const [user, groups, cwd, ...envLines] = r.stdout.text.trimEnd().split('\n');
    expect(user).toBe('nobody');
    expect(groups!.split(' ')).not.toContain('0');
    expect(groups).toBe(nobody!.split(':')[3]);
    // nobody's HOME is /nonexistent: cron's chdir fails and the job stays in /var/spool/cron.
    expect(cwd).toBe(CRON_DAEMON_CWD);
    expect(r.cwdNote).toBe(
      `nobody cannot enter /nonexistent (cannot change directory to '/nonexistent': No such file or directory): cron ignores that and runs the job in ${CRON_DAEMON_CWD}`,
    );
    // dash adds PWD to the environment it passes on; everything else is exactly what we gave.
    const env = Object.fromEntries(envLines.filter((l) => !l.startsWith('PWD=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(env).toEqual(r.execution.env);
    expect(env).toEqual({ MAILTO: '', SHELL: '/bin/sh', HOME: '/nonexistent', PATH: '/usr/bin:/bin', LOGNAME: 'nobody', LANG: 'C.UTF-8' });
    expect(r).toMatchObject({ exitCode: 0, signal: null, timedOut: false, startError: null, stderr: { bytes: 0 } });
  });

  it("feeds the % part on stdin with cron's newline handling", async () => {
    const r = await run(3);
    expect(r.stdout.text).toBe('first line\nsecond % line\n');
  });

  it('kills the whole process group at the timeout, quickly', async () => {
    const started = Date.now();
    const r = await run(4, 300);
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.leftRunning).toBe(false);
  });

  it('reports a non-zero exit with stdout and stderr apart', async () => {
    const r = await run(5);
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, stdout: { text: 'out\n', bytes: 4 }, stderr: { text: 'err\n', bytes: 4 } });
  });

  it('runs in HOME when the user can enter it, and in cron\'s directory when it cannot', async () => {
    // mkdtemp makes it 0700 root: nobody cannot enter it yet.
    expect(statSync(scratch).mode & 0o777).toBe(0o700);
    const denied = await run(7);
    expect(denied.stdout.text).toBe(`${CRON_DAEMON_CWD}\n`);
    chmodSync(scratch, 0o755);
    const allowed = await run(7);
    expect(allowed.stdout.text).toBe(`${scratch}\n`);
    expect(allowed.cwdNote).toBeNull();
    expect(statSync('/root').mode & 0o005).toBe(0);
    const root = await run(9);
    expect(root.stdout.text).toBe(`${CRON_DAEMON_CWD}\n`);
  });

  it('keeps the first 64 KiB of output and counts the rest', async () => {
    const r = await run(10);
    expect(r.stdout).toMatchObject({ bytes: 100_000, truncated: true });
    expect(r.stdout.text).toBe('x'.repeat(64 * 1024));
  });

  it('stops the job when the caller aborts (Ctrl-C in the CLI)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const r = await tryRun(byLine.get(4)!, { timeoutMs: 20_000, host: host(), signal: controller.signal });
    expect(r).toMatchObject({ cancelled: true, timedOut: false, signal: 'SIGTERM', leftRunning: false });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kills a job that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const started = Date.now();
    const r = await run(11, 300);
    expect(r).toMatchObject({ timedOut: true, signal: 'SIGKILL', leftRunning: false });
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('returns when the shell exits, and says so when what it started in the background still runs', async () => {
    const started = Date.now();
    const r = await run(12);
    try {
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(r).toMatchObject({ exitCode: 0, leftRunning: true, stdout: { text: 'started\n' } });
    } finally {
      process.kill(-r.pid!, 'SIGKILL');
    }
  });
});
