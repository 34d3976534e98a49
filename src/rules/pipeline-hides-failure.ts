import { clueText, dialectOf, intentOf } from '../core/shell/index.js';
import { derived, program, runsAny } from '../core/shell/queries.js';
import { writesIntoPipe } from '../core/shell/streams.js';
import type { ShellAnalysis, Word } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** Programs whose output is the backup itself: if they fail, what the pipe writes is empty or cut short. */
const DUMPERS = new Set([
  'mysqldump', 'mariadb-dump', 'mysqlpump', 'pg_dump', 'pg_dumpall', 'pg_basebackup', 'mongodump', 'xtrabackup', 'mariabackup',
  'slapcat', 'sqlite3', 'btrfs', 'zfs', 'dd', 'borg', 'etcdctl', 'redis-cli', 'influxd', 'tar',
]);

/** `tar c…` writing the archive to stdout (no `f`, or `f -`). */
function tarToStdout(args: readonly Word[]): boolean {
  const values = args.map((w) => w.value ?? '');
  const creates = values.some((v) => v === '--create' || /^-?[a-zA-Z]*c[a-zA-Z]*$/.test(v));
  if (!creates) return false;
  for (let i = 0; i < values.length; i++) {
    if (values[i].startsWith('--file=')) return values[i] === '--file=-';
    if (values[i] === '--file' || /^-?[a-zA-Z]*f$/.test(values[i])) return values[i + 1] === '-';
  }
  return true;
}

function hiddenFailures(analysis: ShellAnalysis, bash: boolean): string[] {
  const guarded = analysis.commands.some(
    (c) => (program(c).name === 'set' && c.args.some((w) => w.value === 'pipefail')) || [c.name, ...c.args].some((w) => w?.text.includes('PIPESTATUS')),
  );
  if (bash && guarded) return [];
  const found: string[] = [];
  const told = new Set<number>();
  // Innermost pipelines first (they come later in the list): `{ dump | gzip; } | x` is told as `dump | gzip`.
  for (let p = analysis.pipelines.length - 1; p >= 0; p--) {
    const { commands, elements, negated } = analysis.pipelines[p];
    if (negated || (elements.at(-1) ?? 0) === 0) continue;
    // A dump in the first element (a group or subshell there too: `{ dump; } | gzip`) writing into the pipe.
    for (let k = 0; k < commands.length && elements[k] === 0; k++) {
      const dump = analysis.commands[commands[k]];
      if (told.has(commands[k]) || dump.inSubstitution || !writesIntoPipe(dump)) continue;
      const { name, args } = program(dump);
      if (!name || !DUMPERS.has(name) || (name === 'tar' && !tarToStdout(args))) continue;
      told.add(commands[k]);
      const rest: string[][] = [];
      for (let j = k + 1; j < commands.length; j++) {
        if (elements[j] === 0) continue;
        (rest[elements[j]] ??= []).push(program(analysis.commands[commands[j]]).name ?? '…');
      }
      const shown = rest.filter(Boolean).map((names) => (names.length > 1 ? `(${names.join('; ')})` : names[0]));
      found.push(`\`${name} | ${shown.join(' | ')}\`: if ${name} fails, the pipeline still succeeds and leaves an empty or truncated backup`);
    }
  }
  return [...new Set(found)];
}

export const pipelineHidesFailure: Rule = {
  id: 'pipeline-hides-failure',
  title: 'Backup pipeline hides the dump’s failure',
  practice: 9,
  severity: 'low',
  fixKind: 'none',
  docs: {
    rationale:
      'A pipeline’s exit status is its last command’s: `mysqldump db | gzip > db.sql.gz` reports success whenever gzip ' +
      'does, even when mysqldump failed after a few rows. Cron sees success, monitoring sees a fresh file, and the ' +
      'backup is empty or cut short — found out on the day of the restore.',
    bad: [
      { text: '0 2 * * * root /usr/bin/mysqldump --single-transaction app | /bin/gzip > /var/backups/app.sql.gz\n' },
      { text: '0 2 * * * postgres /usr/bin/pg_dump app | /usr/bin/zstd -q -o /var/backups/app.sql.zst\n' },
      { text: '0 2 * * * root /bin/tar czf - /etc | /usr/bin/ssh backup@nas "cat > /b/etc.tgz"\n' },
    ],
    good: [
      { text: 'SHELL=/bin/bash\n0 2 * * * root set -o pipefail; /usr/bin/mysqldump app | /bin/gzip > /var/backups/app.sql.gz\n' },
      { text: '0 2 * * * root /usr/bin/mysqldump --result-file=/var/backups/app.sql app && /bin/gzip -f /var/backups/app.sql\n' },
      { text: '0 2 * * * root /bin/tar czf /var/backups/etc.tgz /etc\n' },
    ],
    references: ['bash(1): pipefail', 'ShellCheck SC2312 (consider set -o pipefail)', 'CIS Controls v8 11.3 (protect recovery data)'],
    remedy:
      'Under bash, start the command with `set -o pipefail;` (SHELL=/bin/bash above the job). /bin/sh (dash) has no ' +
      'pipefail: write the dump to a file and compress it only when the dump succeeded, or move the job into a script.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!clueText(ctx, job).includes('|')) continue;
      const analysis = intentOf(ctx, job);
      if (!runsAny(analysis, DUMPERS)) continue;
      const bash = dialectOf(job) === 'bash';
      for (const message of derived(analysis, `pipeline-hides-failure:${bash}`, () => hiddenFailures(analysis, bash))) drafts.push({ job, message });
    }
    return drafts;
  },
};
