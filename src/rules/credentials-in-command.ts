import { clueText, intentOf } from '../core/shell/index.js';
import { derived, literalPrefix, program } from '../core/shell/queries.js';
import type { SimpleCommand, Word } from '../core/shell/types.js';
import type { Source } from '../core/types.js';
import { parsedLines } from './helpers.js';
import type { FindingDraft, Rule } from './rule.js';

/** Variable names that hold secrets by convention (`MYSQL_PWD`, `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`). */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CREDENTIALS?)(?:$|_)/i;
/** …unless the name says it holds where the secret is, not the secret. */
const POINTER_NAME = /_(?:FILE|PATH|DIR|URL|HOST|USER|NAME|COMMAND|CMD)$/i;
const NOT_SECRETS = new Set(['PWD', 'OLDPWD']);
const MYSQL = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mysqlcheck', 'mysqlimport', 'mysqlshow', 'mysqlpump', 'mariadb', 'mariadb-dump', 'mariadb-admin', 'mariadb-check']);
const MONGO = new Set(['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport']);
/** `--password=x`, `--token=x`, `--http-password=x`…: a literal value after `=`. */
const SECRET_OPTION = /^--(?:[\w-]*-)?(?:password|passwd|pass|token|api-key|apikey|secret|secret-key|access-key|oauth2-bearer)=(.+)$/i;
const SECRET_OPTION_ALONE = /^--(?:[\w-]*-)?(?:password|passwd|token|api-key|apikey|secret|secret-key|access-key|oauth2-bearer)$/i;
const AUTH_HEADER = /^(?:--header=)?(?:proxy-)?(?:authorization|x-api-key|x-auth-token|private-token|api-key)\s*:\s*(?:(?:bearer|basic|token)\s+|(?!bearer|basic|token))[^\s$`]{4,}/i;
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@$`]+@/i;

/** Text every check below needs (quotes aside): a secret-ish word, `@` of a URL, or a program with its own password option. */
const CLUES = /pass|pwd|secret|token|key|credential|auth|bearer|@|mysql|mariadb|mongo|curl|redis|zip|7z|smbclient|lftp/i;

const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && !POINTER_NAME.test(name) && !NOT_SECRETS.has(name.toUpperCase());
/** A literal that is really a secret: not empty, not an expansion, not a file path. */
const literalSecret = (value: string | null | undefined): boolean => !!value && !value.startsWith('/') && !value.startsWith('~');

/** What in this command puts a secret on the command line, described without the secret. */
function secretsIn(command: SimpleCommand): string[] {
  const found: string[] = [];
  const { name, args } = program(command);
  for (const { name: variable, value } of command.assignments) {
    if (isSecretName(variable) && literalSecret(value.value)) found.push(`${variable}=…`);
  }
  args.forEach((word, i) => {
    const v = word.value;
    const next = args[i + 1]?.value;
    const prefix = literalPrefix(word);
    if ((name === 'env' || name === 'export') && v !== null) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(v);
      if (m && isSecretName(m[1]) && literalSecret(m[2])) found.push(`${m[1]}=…`);
    }
    if (v !== null && SECRET_OPTION.test(v)) found.push(`${v.slice(0, v.indexOf('=') + 1)}…`);
    else if (v !== null && SECRET_OPTION_ALONE.test(v) && !MYSQL.has(name ?? '') && literalSecret(next) && !next!.startsWith('-')) found.push(`${v} …`);
    if (AUTH_HEADER.test(prefix)) found.push(`${prefix.slice(0, prefix.indexOf(':') + 1)} …`);
    if (URL_USERINFO.test(prefix)) found.push('a URL with user:password@');
    if (v === null) return;
    if (MYSQL.has(name ?? '') && /^-p.+/.test(v)) found.push('-p…');
    if ((name === 'curl' && (v === '-u' || v === '--user' || v === '--proxy-user')) && next?.includes(':') && !next.endsWith(':')) found.push(`${v} user:…`);
    if (name === 'curl' && /^-u[^:\s]+:.+/.test(v)) found.push('-uuser:…');
    if ((name === 'sshpass' || name === 'redis-cli' || MONGO.has(name ?? '')) && (v === '-p' || v === '-a') && literalSecret(next)) found.push(`${v} …`);
    if (name === 'sshpass' && /^-p.+/.test(v)) found.push('-p…');
    if ((name === 'zip' && v === '-P' && literalSecret(next)) || ((name === '7z' || name === '7za') && /^-p.+/.test(v))) found.push(`${v.slice(0, 2)}…`);
    if (name === 'smbclient' && (v === '-U' || v === '--user') && next?.includes('%')) found.push(`${v} user%…`);
    if (name === 'lftp' && v === '-u' && next?.includes(',')) found.push('-u user,…');
    if (/^pass:.+/.test(v)) found.push('pass:…');
  });
  if (name === 'htpasswd' && args.some((w) => /^-[a-zA-Z]*b/.test(w.value ?? ''))) found.push('htpasswd -b … PASSWORD');
  return found;
}

const worldReadable = (source: Source | undefined): boolean => ((source?.info?.mode ?? 0) & 0o004) !== 0;

export const credentialsInCommand: Rule = {
  id: 'credentials-in-command',
  title: 'Password or token written in the crontab',
  practice: 4,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'A secret in a cron command is visible to every local user in `ps` and /proc while the job runs, and to anyone ' +
      'who can read the crontab (files in /etc/cron.d are world-readable by default) or its backups. It also never ' +
      'gets rotated, because nobody remembers it is there.',
    bad: [
      { text: '0 2 * * * root /usr/bin/mysqldump -uroot -pS3cr3t --all-databases > /var/backups/all.sql\n' },
      { text: '0 * * * * root curl -fsS -H "Authorization: Bearer abcd1234efgh" https://api.example.com/ping\n' },
      { text: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n0 2 * * * root /usr/local/bin/aws s3 sync /srv s3://b\n' },
      { text: '0 2 * * * root /usr/bin/rsync -a /srv/ rsync://backup:hunter2@nas.example.com/srv/\n' },
    ],
    good: [
      { text: '0 2 * * * root /usr/bin/mysqldump --defaults-extra-file=/etc/mysql/backup.cnf --all-databases > /var/backups/all.sql\n' },
      { text: '0 * * * * root curl -fsS -H @/etc/app/auth-header https://api.example.com/ping\n' },
      { text: '0 2 * * * root /usr/bin/pg_dump -h db -p 5432 -U app app > /var/backups/app.sql\n', note: 'pg_dump -p is the port; the password is in ~/.pgpass' },
    ],
    references: ['CWE-214 (Invocation of Process Using Visible Sensitive Information)', 'CWE-798 (Use of Hard-coded Credentials)', 'MITRE ATT&CK T1552.001 (Credentials In Files)'],
    remedy:
      'Keep the secret in a file only the job user can read (0600) and point the tool at it: MySQL `--defaults-extra-file`, ' +
      'PostgreSQL ~/.pgpass, curl `--netrc-file` or `-H @file`, rsync `--password-file`, an EnvironmentFile read by the ' +
      'script. Then rotate the secret that was exposed.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const sources = new Map(ctx.inventory.sources.map((s) => [s.path, s]));
    for (const job of ctx.inventory.jobs) {
      if (!CLUES.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      const found = derived(analysis, 'credentials-in-command', () => [...new Set(analysis.commands.flatMap(secretsIn))]);
      if (found.length === 0) continue;
      const readable = worldReadable(sources.get(job.source)) ? '; this file is readable by every user' : '';
      drafts.push({ job, message: `secret on the command line (${found.join(', ')}): every local user can see it in ps while the job runs${readable}` });
    }
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind !== 'env' || !line.env || !isSecretName(line.env.name) || !literalSecret(line.env.value)) continue;
      const readable = worldReadable(source) ? ', and this file is readable by every user' : '';
      drafts.push({ path: source.path, line: line.number, message: `${line.env.name} is set to a literal secret: every job below it carries it in its environment${readable}` });
    }
    return drafts;
  },
};
