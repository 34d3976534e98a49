import type { FindingDraft, Rule, RuleContext } from './rule.js';
import type { Job } from '../core/types.js';
import { isDistributionManaged, runsAsRoot, targetsOf, userFacts, type Target } from '../core/facts/index.js';
import { basename } from '../core/shell/index.js';

/** Where projects live: the directory right below one of these names the family. */
const PROJECT_ROOTS = [/^\/(?:var\/www|srv|opt)\/([^/]+)/, /^\/home\/[^/]+\/([^/]+)\//, /^\/var\/lib\/([^/]+)\//];
const LOCAL_BIN = /^\/usr\/local\/s?bin\/([^/]+)$/;
const stem = (name: string): string => name.replace(/\.[A-Za-z0-9]+$/, '').split(/[-_.]/)[0]!.toLowerCase();

const families = new WeakMap<readonly Target[], string>();

/** The family a job belongs to: the project its scripts and paths live in, else its own program. */
export function familyOf(ctx: RuleContext, job: Job): string {
  const targets = targetsOf(ctx, job);
  let family = families.get(targets);
  if (family === undefined) families.set(targets, (family = familyFrom(targets, job.command)));
  return family;
}

function familyFrom(targets: readonly Target[], command: string): string {
  const paths = [
    ...targets.filter((t) => t.kind !== 'command').map((t) => t.lookup.path ?? t.name),
    ...targets.filter((t) => t.kind === 'command').map((t) => t.lookup.path ?? t.name),
    ...targets.flatMap((t) => t.command.args.map((a) => a.value ?? '')).filter((v) => v.startsWith('/')),
  ];
  for (const path of paths) {
    for (const re of PROJECT_ROOTS) {
      const m = re.exec(path);
      if (m) return stem(m[1]!);
    }
    const local = LOCAL_BIN.exec(path);
    if (local) return stem(local[1]!);
  }
  const first = targets.find((t) => t.kind === 'command');
  return stem(basename(first?.name ?? command.split(/\s/)[0] ?? ''));
}

export const sharedServiceUser: Rule = {
  id: 'shared-service-user',
  title: 'One service user runs unrelated jobs',
  practice: 12,
  severity: 'low',
  fixKind: 'none',
  docs: {
    rationale:
      'A user shared by unrelated jobs needs the union of their rights: the web app’s account that also runs the ' +
      'database dump can read the dumps, and a hole in either job reaches both. One user per job family keeps each ' +
      'job’s reach to what it needs.',
    bad: [
      {
        text: '0 1 * * * www-data /usr/bin/php /var/www/shop/artisan schedule:run\n0 2 * * * www-data /usr/local/bin/db-backup.sh\n',
        files: { '/usr/local/bin/db-backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
      },
    ],
    good: [
      {
        text: '0 1 * * * www-data /usr/bin/php /var/www/shop/artisan schedule:run\n30 1 * * * www-data /usr/bin/find /var/www/shop/storage/cache -mtime +7 -delete\n',
      },
    ],
    references: ['NIST SP 800-53 AC-5 (separation of duties)', 'CIS Controls v8 5.4'],
    remedy: 'Give each family its own system user (root-job’s fix shows how to create one).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const byUser = new Map<string, Map<string, Job[]>>();
    for (const job of ctx.inventory.jobs) {
      // Service accounts only: a person's own crontab naturally holds unrelated chores. Jobs cron
      // ignores need no rights today.
      if (!job.live || !job.user || runsAsRoot(ctx, job.user) || isDistributionManaged(ctx, job)) continue;
      if (userFacts(ctx, job.user)?.regular !== false) continue;
      let families = byUser.get(job.user);
      if (!families) byUser.set(job.user, (families = new Map()));
      const family = familyOf(ctx, job);
      const jobs = families.get(family);
      if (jobs) jobs.push(job);
      else families.set(family, [job]);
    }
    for (const [user, families] of byUser) {
      if (families.size < 2) continue;
      const list = [...families].map(([f, jobs]) => `${f} (${jobs.map((j) => `${j.source}:${j.line}`).join(', ')})`);
      drafts.push({
        job: [...families.values()][0]![0]!,
        message: `${user} runs ${families.size} unrelated job families: ${list.join('; ')}`,
        data: { user, families: Object.fromEntries([...families].map(([f, jobs]) => [f, jobs.map((j) => j.id)])) },
      });
    }
    return drafts;
  },
};
