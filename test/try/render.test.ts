import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/types.js';
import type { CronExecution } from '../../src/try/cron-execution.js';
import { renderPreview, renderResultText, resultJson, shellQuote } from '../../src/try/render.js';
import type { TryResult } from '../../src/try/result.js';

const job = {
  id: 'etc-cron.d-backup:3',
  source: '/etc/cron.d/backup',
  line: 3,
  user: 'backup',
  command: "pg_dump app > /var/backups/app.sql",
  live: false,
  notLiveReason: '/etc/cron.d/backup is group-writable: Debian cron ignores it (INSECURE MODE)',
} as Job;

const execution: CronExecution = {
  user: 'backup',
  uid: 34,
  gid: 34,
  argv: ['/bin/sh', '-c', job.command],
  env: { SHELL: '/bin/sh', HOME: '/var/backups', PATH: '/usr/bin:/bin', LOGNAME: 'backup', LANG: 'C.UTF-8' },
  cwd: '/var/backups',
  fallbackCwd: '/var/spool/cron',
  stdin: 'a\nb\n',
  pamVariables: ['LANG'],
  notes: ['not reproduced: PAM session effects other than variables (pam_limits resource limits, pam_loginuid)'],
};

const result: TryResult = {
  execution,
  ranIn: '/var/backups',
  cwdNote: null,
  exitCode: 127,
  signal: null,
  timedOut: false,
  cancelled: false,
  timeoutMs: 60_000,
  durationMs: 12.4,
  stdout: { text: '', bytes: 0, truncated: false },
  stderr: { text: '/bin/sh: 1: pg_dump: not found\n', bytes: 31, truncated: false },
  pid: 4242,
  leftRunning: false,
  startError: null,
};

const caller = { PATH: '/usr/local/bin:/usr/bin:/bin:/usr/lib/postgresql/15/bin', HOME: '/root', TERM: 'xterm', LANG: 'C.UTF-8' };

describe('try output', () => {
  it('previews a job cron will not run with that warning first, then user, argv, cwd, stdin and the exact environment', () => {
    expect(renderPreview(job, execution, 60_000)).toBe(
      `WARNING: cron will NOT run this job: /etc/cron.d/backup is group-writable: Debian cron ignores it (INSECURE MODE).
Running it now shows what it would do once that is fixed.

Run job etc-cron.d-backup:3 (/etc/cron.d/backup line 3) now, as cron would:
  user     backup (uid 34, gid 34, and the user's supplementary groups)
  command  pg_dump app > /var/backups/app.sql
  argv     /bin/sh -c 'pg_dump app > /var/backups/app.sql'
  cwd      /var/backups (/var/spool/cron if backup cannot enter it)
  stdin    2 lines from the text after '%' in the crontab line: "a\\nb\\n"
  timeout  60s, then its whole process group is killed
  environment (exactly this, nothing inherited; no login shell, no profile files):
    HOME=/var/backups
    LANG=C.UTF-8   (from PAM: pam_env)
    LOGNAME=backup
    PATH=/usr/bin:/bin
    SHELL=/bin/sh
  note: not reproduced: PAM session effects other than variables (pam_limits resource limits, pam_loginuid)
`,
    );
  });

  it('prints both streams, the outcome, and the environment differences with PATH first', () => {
    expect(renderResultText(job, result, caller)).toBe(
      `── stdout (0 bytes) ──
(nothing)
── stderr (31 bytes) ──
/bin/sh: 1: pg_dump: not found
── result ──
job       etc-cron.d-backup:3 as backup
outcome   exit status 127
duration  0.01s
ran in    /var/backups
note: cron sends stdout and stderr together, as one mail to MAILTO (or the crontab owner); with no MTA the output is lost
── environment differences (your shell → the cron job) ──
PATH differs — the most common reason a job works in a shell and fails in cron:
  yours:  /usr/local/bin:/usr/bin:/bin:/usr/lib/postgresql/15/bin
  cron's: /usr/bin:/bin
  not on cron's PATH: /usr/local/bin /usr/lib/postgresql/15/bin
  a command found there in your shell is 'not found' in cron: use absolute paths or add a PATH= line
only in your environment (the job will not have them): TERM
set differently by cron:
  HOME: yours "/root", cron's "/var/backups"
only in cron's environment: LOGNAME=backup SHELL=/bin/sh
`,
    );
  });

  it('says when the job timed out or its output was cut', () => {
    const text = renderResultText(job, { ...result, timedOut: true, signal: 'SIGTERM', exitCode: null, stdout: { text: 'x'.repeat(10), bytes: 70_000, truncated: true } }, caller);
    expect(text).toContain('outcome   timed out after 60s: its process group was killed (SIGTERM)');
    expect(renderResultText(job, { ...result, cancelled: true, signal: 'SIGTERM', exitCode: null }, caller)).toContain(
      'outcome   cancelled: its process group was killed (SIGTERM)',
    );
    expect(text).toContain('xxxxxxxxxx\n(no newline at end)\n… truncated: only the first 64 KiB of 70000 bytes are shown');
  });

  it('gives scripts the same facts as JSON', () => {
    const json = JSON.parse(JSON.stringify(resultJson(job, result, caller)));
    expect(json).toMatchObject({
      version: 1,
      job: { id: 'etc-cron.d-backup:3', live: false },
      execution: { argv: ['/bin/sh', '-c', job.command], uid: 34 },
      result: { exitCode: 127, outcome: 'exit status 127', timedOut: false, durationMs: 12, stderr: { bytes: 31 } },
      environmentDifferences: { path: { missingInCron: ['/usr/local/bin', '/usr/lib/postgresql/15/bin'] }, onlyYours: ['TERM'] },
    });
  });

  it('quotes argv words for pasting', () => {
    expect(['/bin/sh', '-c', "echo 'hi' $HOME"].map(shellQuote).join(' ')).toBe(`/bin/sh -c 'echo '\\''hi'\\'' $HOME'`);
  });
});
