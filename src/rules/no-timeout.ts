import { shellOf } from '../core/shell/index.js';
import { invocations, type Invocation } from '../core/shell/wrappers.js';
import type { FindingDraft, Rule } from './rule.js';

/** Network clients, each with the options that bound its run time. */
const OWN_TIMEOUT: Record<string, RegExp> = {
  curl: /^(-m\d*|--max-time(=.*)?)$/,
  wget: /^(-T\d*|--timeout=.*|--read-timeout=.*)$/,
  rsync: /^--timeout=.*$/,
  ssh: /^-oServerAliveInterval=|^ServerAliveInterval=/i,
  scp: /^-oServerAliveInterval=|^ServerAliveInterval=/i,
  sftp: /^-oServerAliveInterval=|^ServerAliveInterval=/i,
  mysqldump: /^--net[-_]read[-_]timeout=/,
  'mariadb-dump': /^--net[-_]read[-_]timeout=/,
  pg_dump: /^$/,
  pg_dumpall: /^$/,
  lftp: /^$/,
  ftp: /^$/,
  nc: /^-w\d*$/,
};
/** Database dumps are network commands only with a remote host. */
const NEEDS_HOST = new Set(['mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall']);
const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|::1|\/.*)$/;

function hasRemoteHost(inv: Invocation): boolean {
  const args = inv.args.map((a) => a.value ?? '');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const host = a === '-h' || a === '--host' ? args[i + 1] : /^(-h|--host=)(.+)$/.exec(a)?.[2];
    if (host !== undefined && !LOCAL_HOSTS.test(host)) return true;
  }
  return false;
}

/** `-o ServerAliveInterval=15` comes as two words: join option and value to test them once. */
function bounded(inv: Invocation, pattern: RegExp): boolean {
  const args = inv.args.map((a) => a.value ?? '');
  return args.some((a, i) => pattern.source !== '^$' && (pattern.test(a) || pattern.test(`${a}${args[i + 1] ?? ''}`)));
}

export const noTimeout: Rule = {
  id: 'no-timeout',
  title: 'Network command without a timeout',
  practice: 6,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'A network call that hangs — a dead peer, a firewall that drops packets — hangs the job forever. Each run then ' +
      'starts another hung process until the host runs out of them, and the thing the job should do never happens.',
    bad: [
      { text: '0 * * * * root /usr/bin/curl -fsS https://example.com/ping\n' },
      { text: '0 2 * * * root /usr/bin/rsync -a /srv/ backup@nas:/backups/\n' },
      { text: '0 1 * * * root /usr/bin/mysqldump -h db.internal app > /var/backups/app.sql\n' },
    ],
    good: [
      { text: '0 * * * * root /usr/bin/timeout 60 /usr/bin/curl -fsS https://example.com/ping\n' },
      { text: '0 * * * * root /usr/bin/curl -fsS --max-time 30 https://example.com/ping\n' },
      { text: '0 1 * * * root /usr/bin/mysqldump app > /var/backups/app.sql\n', note: 'local database' },
    ],
    references: ['timeout(1)', 'curl(1) --max-time'],
    remedy: 'Wrap the command in `/usr/bin/timeout DURATION` (the plan does), or use the client’s own timeout option.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.sourceKind !== 'system' && job.sourceKind !== 'user') continue;
      const analysis = shellOf(ctx, job);
      if (!analysis.ok) continue;
      const unbounded: string[] = [];
      for (const command of analysis.commands) {
        const chain = invocations(command);
        if (chain.some((inv) => inv.name === 'timeout')) continue;
        const program = chain.at(-1);
        const pattern = program?.name ? OWN_TIMEOUT[program.name] : undefined;
        if (!program?.name || !pattern) continue;
        if (NEEDS_HOST.has(program.name) && !hasRemoteHost(program)) continue;
        if (!bounded(program, pattern)) unbounded.push(program.name);
      }
      if (unbounded.length === 0) continue;
      drafts.push({ job, message: `${[...new Set(unbounded)].join(', ')} without a timeout: a hung peer hangs this job (and the next runs pile up)` });
    }
    return drafts;
  },
};
