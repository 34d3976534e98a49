// Issue 8, on the real machine: Debian's cron daemon, started here in the foreground, really skips
// the files cronwarden calls not live (and says why in syslog), and — once `plan`/`apply`/`rollback`
// exist — really runs the hardened jobs as their new users and the restored ones as root again.
// The ONE test that touches / : it runs only as root with cron installed, records everything it
// changes first (MachineRestore) and undoes it in afterAll, whatever happened.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, CRON_BIN, FLOCK_BIN, cli, lockMachine, nextBoundary, startCron, unlockMachine, waitFor } from './cron-daemon.js';
import { MachineRestore } from './restore.js';
import { python3, startSyslogListener, type SyslogListener } from './syslog.js';

// Root-owned all the way up: apply refuses to hand a file to a job user inside a directory others
// can write (such as /var/tmp), since the file could be swapped behind its back.
const MARKS = '/var/lib/cronwarden-e2e';
const USER_PREFIX = 'cwe2e-';
const ROOT_SPOOL = '/var/spool/cron/crontabs/root';
const inCi = process.env.CRONWARDEN_IN_CI === 'true';

/** A job that leaves evidence: a marker naming the user it ran as, a syslog line, stdout, stderr. */
const job = (name: string): string =>
  `/usr/bin/id -un > ${MARKS}/${name}; echo "cronwarden-e2e ${name} ran as $(/usr/bin/id -un)" | /usr/bin/logger -t cronwarden-e2e; ` +
  `echo "${name}: stdout"; echo "${name}: stderr" >&2`;

const HEADER = 'SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n';
/** name → [path, content, mode]; the marker name is the file's last part. */
const CROND: Record<string, { path: string; content: string; mode: number; live: boolean }> = {
  crond: { path: '/etc/cron.d/cwe2e-root', content: `${HEADER}* * * * * root ${job('crond')}\n`, mode: 0o644, live: true },
  dotted: { path: '/etc/cron.d/cwe2e-dotted.cron', content: `${HEADER}* * * * * root ${job('dotted')}\n`, mode: 0o644, live: false },
  'group-writable': { path: '/etc/cron.d/cwe2e-gw', content: `${HEADER}* * * * * root ${job('group-writable')}\n`, mode: 0o664, live: false },
  badline: { path: '/etc/cron.d/cwe2e-badline', content: `${HEADER}* * * * * root ${job('badline')}\n61 * * * * root /bin/true\n`, mode: 0o644, live: false },
};
const BAD = ['dotted', 'group-writable', 'badline'];

function unavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root (it installs jobs on the real / and starts the cron daemon)';
  if (!existsSync(CRON_BIN)) return `${CRON_BIN} is missing: apt-get install --no-install-recommends cron`;
  if (python3() === null) return 'python3 is missing (the syslog listener on /dev/log): apt-get install python3';
  if (!existsSync(CLI)) return `${CLI} is missing: run npm run build`;
  if (!existsSync(FLOCK_BIN)) return `${FLOCK_BIN} is missing (it serialises runs on one machine): apt-get install util-linux`;
  return null;
}

let reason = unavailable();
// In CI, wait for a run already in progress (a retry, a second job on the machine); on a
// workstation, skip loudly rather than stall the whole suite for minutes.
const lock = reason === null ? await lockMachine(inCi ? 240_000 : 0) : null;
if (reason === null && lock === null) {
  reason = 'another run of this test holds the machine (flock on /etc/cron.d): both would fight over /dev/log, cron’s pidfile and the same files';
}
if (reason !== null) {
  if (inCi) it('runs on the real cron daemon', () => expect.fail(`in CI, but the cron e2e test cannot run: ${reason}`));
  else console.warn(`SKIPPED test/e2e/cron-daemon.test.ts: ${reason}`);
}

const marker = (name: string): { user: string; uid: number } | null => {
  const path = join(MARKS, name);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8').trim();
  return text === '' ? null : { user: text, uid: lstatSync(path).uid };
};
const clearMarkers = (): void => {
  for (const name of readdirSync(MARKS)) rmSync(join(MARKS, name), { force: true });
};
const evidence = (title: string, lines: string[]): void => console.log(`--- ${title}\n${lines.join('\n')}`);

describe.runIf(reason === null)('Debian cron daemon, end to end (real /)', () => {
  const restore = new MachineRestore('/');
  let syslog: SyslogListener;
  const ours = (l: string): boolean => l.includes('cronwarden-e2e') || l.includes(MARKS);

  beforeAll(async () => {
    // Record first, change after: every path below is restored by afterAll.
    for (const { path } of Object.values(CROND)) restore.rememberFile(path);
    restore.rememberFile(ROOT_SPOOL);
    restore.rememberEntries('/etc/cron.d');
    restore.rememberEntries(MARKS);
    restore.rememberEntries('/var/lib/cronwarden');
    restore.rememberUsers(USER_PREFIX);
    // apply creates users: the account files come back byte for byte, shadow-utils' backups too.
    for (const file of ['passwd', 'group', 'shadow', 'gshadow']) {
      restore.rememberFile(`/etc/${file}`);
      restore.rememberFile(`/etc/${file}-`);
    }
    // cron creates these; an existing reboot file also stops it from running the machine's @reboot jobs.
    restore.rememberFile('/run/crond.pid');
    restore.rememberFile('/run/crond.reboot');
    if (!existsSync('/run/crond.reboot')) writeFileSync('/run/crond.reboot', '', { mode: 0 });

    restore.moveAside('/dev/log');
    syslog = await startSyslogListener('/dev/log');
    restore.trackProcess('syslog listener', syslog.child);

    mkdirSync(MARKS, { recursive: true });
    chmodSync(MARKS, 0o755);
    for (const { path, content, mode } of Object.values(CROND)) {
      writeFileSync(path, content, { mode });
      chmodSync(path, mode);
    }
    const spoolSource = join(mkdtempSync(join(tmpdir(), 'cronwarden-e2e-')), 'root.crontab');
    writeFileSync(spoolSource, `* * * * * ${job('spool')}\n`);
    execFileSync('crontab', ['-u', 'root', spoolSource]);
    rmSync(join(spoolSource, '..'), { recursive: true });

    // Not too close to a minute boundary, so the first tick after start is a whole one.
    await nextBoundary(15_000);
    restore.trackProcess('cron daemon', await startCron(syslog));
  });

  afterAll(async () => {
    const problems = await restore.restore();
    if (lock !== null) await unlockMachine(lock);
    evidence('cleanup', problems.length === 0 ? ['everything restored'] : problems);
    expect(problems).toEqual([]);
  });

  it('skips exactly the dotted, group-writable and bad-line files, and scan reports those as not live', async () => {
    const boundary = await nextBoundary(5_000);
    const ran = await waitFor(
      'the live root jobs (cron.d and root’s crontab) to fire',
      boundary + 30_000,
      () => {
        const done = ['crond', 'spool'].map(marker);
        const ended = syslog.lines.filter((l) => l.includes('END (') && ours(l)).length >= 2;
        return done.every((m) => m !== null) && ended ? done : null;
      },
      () => syslog.lines.filter(ours).join('\n'),
    );
    expect(ran.map((m) => m!.user)).toEqual(['root', 'root']);
    for (const name of BAD) expect({ name, marker: marker(name) }).toEqual({ name, marker: null });
    const cmds = syslog.lines.filter((l) => l.includes(' CMD (') && ours(l));
    for (const name of BAD) expect(cmds.filter((l) => l.includes(`${MARKS}/${name};`))).toEqual([]);

    // The daemon's own words for the two files it refuses out loud; the dotted name it skips silently.
    const refusals = syslog.lines.filter((l) => /cron\[\d+\]/.test(l) && l.includes('cwe2e-'));
    evidence('cron refusals', refusals);
    expect(refusals.some((l) => l.includes('(*system*cwe2e-gw) INSECURE MODE (group/other writable)'))).toBe(true);
    expect(refusals.some((l) => l.includes('Error: bad minute; while reading /etc/cron.d/cwe2e-badline'))).toBe(true);
    expect(refusals.some((l) => l.includes('(*system*cwe2e-badline) ERROR (Syntax error, this crontab file will be ignored)'))).toBe(true);
    expect(refusals.filter((l) => l.includes('cwe2e-dotted'))).toEqual([]);
    evidence('markers', ['crond', 'spool', ...BAD].map((n) => `${n}: ${JSON.stringify(marker(n))}`));
    evidence('job output in syslog', syslog.lines.filter((l) => l.includes('cronwarden-e2e:') || l.includes('MTA')));

    const scan = cli(['scan', '--root', '/', '--format', 'json']);
    expect([0, 1], `scan exit code ${scan.code}: ${scan.stderr}`).toContain(scan.code);
    const report = JSON.parse(scan.stdout) as { sources: Array<{ path: string; live: boolean; notLiveReason: string | null }> };
    const mine = report.sources.filter((s) => s.path.startsWith('/etc/cron.d/cwe2e-') || s.path === ROOT_SPOOL);
    evidence('scan verdicts', mine.map((s) => `${s.path}: live=${s.live} ${s.notLiveReason ?? ''}`));
    expect(mine.filter((s) => !s.live).map((s) => s.path).sort()).toEqual(BAD.map((n) => CROND[n]!.path).sort());
    expect(mine.filter((s) => s.live).map((s) => s.path).sort()).toEqual([CROND.crond!.path, ROOT_SPOOL].sort());
    const why = (name: string): string => mine.find((s) => s.path === CROND[name]!.path)!.notLiveReason ?? '';
    expect(why('group-writable')).toMatch(/writable/i);
    expect(why('badline')).toMatch(/line 4/);
    expect(why('badline')).toMatch(/minute/i);
    expect(why('dotted')).toMatch(/name/i);
  }, 90_000);

  it('plan + apply run the root jobs as dedicated users; rollback runs them as root again, files identical', async () => {
    // Commander answers an unknown command's --help with the program's help: check whose it is.
    const missing = ['plan', 'apply', 'rollback'].filter((c) => {
      const help = cli([c, '--help']);
      return help.code !== 0 || !help.stdout.startsWith(`Usage: cronwarden ${c}`);
    });
    if (missing.length > 0) {
      const message = `cronwarden ${missing.join(', ')} not available in ${CLI}: the plan → apply → rollback half of issue 8 cannot run`;
      if (inCi) expect.fail(message);
      console.warn(`SKIPPED: ${message}`);
      return;
    }
    await runPlanApplyRollback(syslog);
  }, 240_000);
});

/** Bytes, mode and owner of our cron.d files and root's crontab, the cron.d listing and the users.
 *  Root's crontab goes through crontab(1), which writes a fresh three-line "DO NOT EDIT … installed
 *  on <date>" header each time: its content is compared as `crontab -l` shows it (header hidden). */
function snapshot(): string {
  const state = (p: string, content: Buffer): string => {
    const info = lstatSync(p);
    return `${p}: ${(info.mode & 0o7777).toString(8)} ${info.uid}:${info.gid} ${JSON.stringify(content.toString('latin1'))}`;
  };
  const files = Object.values(CROND).map((c) => (existsSync(c.path) ? state(c.path, readFileSync(c.path)) : `${c.path}: absent`));
  const spool = existsSync(ROOT_SPOOL) ? state(ROOT_SPOOL, execFileSync('crontab', ['-l', '-u', 'root'])) : `${ROOT_SPOOL}: absent`;
  const users = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':')[0]);
  return [...files, spool, `cron.d: ${readdirSync('/etc/cron.d').join(' ')}`, `users: ${users.join(' ')}`].join('\n');
}

async function runPlanApplyRollback(syslog: SyslogListener): Promise<void> {
  const scan = JSON.parse(cli(['scan', '--root', '/', '--format', 'json']).stdout) as { jobs: Array<{ id: string; command: string; live: boolean }> };
  const ids = scan.jobs.filter((j) => j.live && (j.command.includes(`${MARKS}/crond;`) || j.command.includes(`${MARKS}/spool;`))).map((j) => j.id);
  expect(ids).toHaveLength(2);
  const before = snapshot();
  const usersBefore = new Set(readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':')[0]));
  const work = mkdtempSync(join(tmpdir(), 'cronwarden-e2e-plan-'));
  try {
    const planFile = join(work, 'plan.json');
    // Plan and apply inside one minute: a job firing in between would change what the plan saw.
    await nextBoundary(20_000);
    const plan = cli(['plan', '--root', '/', '--rule', 'root-job', ...ids.flatMap((id) => ['--job', id]), '--user-prefix', USER_PREFIX, '-o', planFile]);
    evidence('plan summary', [plan.stderr.trim()]);
    expect(plan.code, `plan: ${plan.stderr}`).toBe(0);
    // The markers stay: root-job's fix hands the files the job writes to its new user, and apply
    // refuses when a planned path changed since the plan.
    const apply = cli(['apply', planFile, '--root', '/', '--yes']);
    expect(apply.code, `apply: ${apply.stderr}`).toBe(0);
    evidence(`apply (${plan.ms} ms to plan, ${apply.ms} ms to apply)`, [apply.stdout.trim(), apply.stderr.trim()]);
    const newUsers = readFileSync('/etc/passwd', 'utf8').split('\n').filter((l) => l !== '' && !usersBefore.has(l.split(':')[0]));
    evidence('users created by apply', newUsers);
    expect(newUsers.length).toBeGreaterThan(0);

    let boundary = await nextBoundary(5_000);
    let seen = syslog.lines.length;
    const hardened = await waitFor('the rewritten jobs to fire as their new users', boundary + 30_000, () => {
      const m = ['crond', 'spool'].map(marker);
      return m.every((x) => x !== null && x.user !== 'root') ? m.map((x) => x!) : null;
    }, () => syslog.lines.slice(seen).filter((l) => l.includes(MARKS) || l.includes('cronwarden-e2e')).join('\n'));
    evidence('markers after apply', hardened.map((m) => JSON.stringify(m)));
    evidence('syslog after apply', syslog.lines.slice(seen).filter((l) => l.includes(MARKS) || l.includes('cronwarden-e2e:')));
    for (const m of hardened) {
      expect(m.user).not.toBe('root');
      const entry = newUsers.find((l) => l.split(':')[0] === m.user);
      expect(entry, `${m.user} is not a user apply created`).toBeDefined();
      expect(m.uid).toBe(Number(entry!.split(':')[2]));
      expect(syslog.lines.slice(seen).some((l) => l.includes(`cronwarden-e2e: cronwarden-e2e`) && l.includes(`ran as ${m.user}`))).toBe(true);
    }
    await waitFor('the rewritten jobs to end', boundary + 40_000, () => syslog.lines.slice(seen).filter((l) => l.includes('END (') && l.includes(MARKS)).length >= 2);
    expect(syslog.lines.slice(seen).filter((l) => l.includes('(root) CMD (') && l.includes(MARKS))).toEqual([]);

    await nextBoundary(10_000);
    const rollback = cli(['rollback', '--root', '/', '--yes', '--remove-users']);
    expect(rollback.code, `rollback: ${rollback.stderr}`).toBe(0);
    evidence(`rollback (${rollback.ms} ms)`, [rollback.stdout.trim(), rollback.stderr.trim()]);
    expect(snapshot()).toBe(before);
    clearMarkers();
    boundary = await nextBoundary(5_000);
    seen = syslog.lines.length;
    const restored = await waitFor('the original jobs to fire as root again', boundary + 30_000, () => {
      const m = ['crond', 'spool'].map(marker);
      return m.every((x) => x !== null) ? m.map((x) => x!) : null;
    });
    evidence('markers after rollback', restored.map((m) => JSON.stringify(m)));
    expect(restored).toEqual([{ user: 'root', uid: 0 }, { user: 'root', uid: 0 }]);
    expect(syslog.lines.slice(seen).filter((l) => l.includes('(root) CMD (') && l.includes(MARKS)).length).toBeGreaterThanOrEqual(2);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
