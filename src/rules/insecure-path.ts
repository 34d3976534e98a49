import type { FindingDraft, Rule, RuleContext } from './rule.js';
import type { Job, ParsedLine } from '../core/types.js';
import { describeRisks, envLineFor, ownershipChain, safePathFor, splitPath, writeRisks } from '../core/facts/index.js';
import { shellOf, type Word } from '../core/shell/index.js';

const TEMP_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];

interface BadEntry {
  entry: string;
  reason: string;
}

/** What is wrong with each PATH entry for jobs run as `user` (who may own their own directories). */
function badEntries(ctx: RuleContext, entries: readonly string[], user: string | null): BadEntry[] {
  const bad: BadEntry[] = [];
  for (const entry of entries) {
    if (entry === '') bad.push({ entry, reason: 'an empty entry means the working directory' });
    else if (!entry.startsWith('/')) bad.push({ entry, reason: 'a relative entry depends on the working directory' });
    else if (TEMP_DIRS.some((t) => entry === t || entry.startsWith(`${t}/`))) bad.push({ entry, reason: 'anyone can create programs in a temporary directory' });
    else {
      // The entry, or the first missing directory on its way, must not be creatable by others.
      const risky = ownershipChain(ctx, entry).links.find((l) => writeRisks(ctx, l, user).length > 0);
      if (risky) bad.push({ entry, reason: `${risky.path} is ${describeRisks(writeRisks(ctx, risky, user))}` });
    }
  }
  return bad;
}

const describe = (bad: BadEntry[]): string => bad.map((b) => `${b.entry === '' ? '(empty)' : `"${b.entry}"`}: ${b.reason}`).join('; ');

/** PATH values a command sets itself (`PATH=… cmd`, `export PATH=…`, `env PATH=…`); only the
 *  literal parts of a value such as `/opt/bin:$PATH` can be judged. */
function inlinePaths(ctx: RuleContext, job: Job): string[][] {
  const found: string[][] = [];
  const literalEntries = (word: Word, prefix = ''): string[] => {
    const text = word.value ?? word.text.replace(/^(['"])(.*)\1$/, '$2');
    return splitPath(text.slice(prefix.length)).filter((e) => !e.includes('$'));
  };
  for (const command of shellOf(ctx, job).commands) {
    for (const a of command.assignments) if (a.name === 'PATH') found.push(literalEntries(a.value));
    const name = command.name?.value;
    if (name === 'export' || name === 'env' || name === '/usr/bin/env') {
      for (const arg of command.args) if ((arg.value ?? arg.text).startsWith('PATH=')) found.push(literalEntries(arg, 'PATH='));
    }
  }
  return found;
}

export const insecurePath: Rule = {
  id: 'insecure-path',
  title: 'PATH with an empty, relative, temporary or writable entry',
  practice: 3,
  severity: 'high',
  fixKind: 'auto',
  docs: {
    rationale:
      'Every command a job names without a path is looked up on PATH, in order. An empty or "." entry, a relative one, ' +
      '/tmp, or a directory other users can write lets them drop a `tar` or `gzip` there that the job then runs with ' +
      'its rights — a classic way to turn a root cron job into a root shell.',
    bad: [
      { text: 'PATH=.:/usr/bin:/bin\n0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
      { text: 'PATH=/tmp/bin:/usr/bin:/bin\n0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
      { text: '0 3 * * * root PATH=/opt/tools/bin:$PATH tar czf /var/backups/etc.tgz /etc\n', files: { '/opt/tools/bin': { type: 'dir', mode: 0o777 } } },
    ],
    good: [
      { text: 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n0 3 * * * root tar czf /var/backups/etc.tgz /etc\n' },
      {
        path: '/var/spool/cron/crontabs/alice',
        text: 'PATH=/home/alice/bin:/usr/bin:/bin\n0 3 * * * backup.sh\n',
        files: { '/home/alice/bin': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 } },
        note: 'alice’s own directory on alice’s PATH',
      },
    ],
    references: ['CIS Debian 12 5.4.2.5 (root PATH integrity)', 'Lynis SCHD-7704', 'crontab(5): PATH'],
    remedy: 'Set PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin, keeping only directories that exist.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const suggested = safePathFor(ctx);
    // Env lines: judged once each, for the user(s) of the jobs below that use them.
    const usersOfLine = new Map<ParsedLine, { job: Job; users: Set<string | null> }>();
    for (const job of ctx.inventory.jobs) {
      const line = envLineFor(ctx, job, 'PATH');
      if (line) {
        let entry = usersOfLine.get(line);
        if (!entry) usersOfLine.set(line, (entry = { job, users: new Set() }));
        entry.users.add(job.user);
      }
      if (!job.command.includes('PATH=')) continue;
      for (const entries of inlinePaths(ctx, job)) {
        const bad = badEntries(ctx, entries, job.user);
        if (bad.length > 0) {
          drafts.push({ job, message: `the command sets an unsafe PATH: ${describe(bad)}`, data: { inline: true, bad, suggested } });
        }
      }
    }
    for (const source of ctx.inventory.sources) {
      for (const line of source.parsed?.lines ?? []) {
        if (line.kind !== 'env' || line.env?.name !== 'PATH') continue;
        const use = usersOfLine.get(line);
        const users = use ? [...use.users] : [source.kind === 'user' ? (source.crontabUser ?? null) : 'root'];
        // Trust a user's own directories only when that user is the only one running jobs with this PATH.
        const user = users.length === 1 ? users[0]! : 'root';
        const bad = badEntries(ctx, splitPath(line.env.value), user);
        if (bad.length === 0) continue;
        drafts.push({
          job: use?.job ?? null,
          path: source.path,
          line: line.number,
          message: `PATH line has unsafe entries: ${describe(bad)}`,
          data: { value: line.env.value, bad, suggested, envLine: line.number },
        });
      }
    }
    return drafts;
  },
};
