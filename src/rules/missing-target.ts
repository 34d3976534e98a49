import type { FindingDraft, Rule } from './rule.js';
import { octal, stockOrigin, targetsOf, type Target } from '../core/facts/index.js';

function problem(t: Target): string | null {
  const { lookup } = t;
  if (lookup.status === 'ok' || lookup.status === 'unknown') return null;
  if (t.kind === 'command' && !t.name.includes('/') && lookup.path === null) return `${t.name} is not found on the job's PATH (${t.pathEntries.join(':')})`;
  const path = lookup.path ?? t.name;
  if (lookup.status === 'missing') return `${path} does not exist`;
  if (lookup.status === 'not-a-file') return `${path} is a ${lookup.info?.type === 'dir' ? 'directory' : 'special file'}, not a program`;
  return `${path} is not executable (${octal(lookup.info?.mode ?? 0)}): the shell refuses to run it`;
}

export const missingTarget: Rule = {
  id: 'missing-target',
  title: 'Program or script the job runs does not exist',
  practice: 8,
  severity: 'high',
  fixKind: 'none',
  docs: {
    rationale:
      'A job whose program is missing or not executable fails every time it runs, usually with the error mailed ' +
      'nowhere. Either the job is stale (the software was removed) or it silently stopped doing its work — backups ' +
      'that have not run for months. A missing script in a writable place is also a slot an attacker can fill.',
    bad: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n' },
      { text: '0 3 * * * root /usr/bin/php /var/www/app/artisan schedule:run\n' },
      { text: '0 3 * * * root /usr/local/bin/report.sh\n', files: { '/usr/local/bin/report.sh': { content: '#!/bin/sh\n', mode: 0o644 } } },
    ],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } } },
      { text: '0 3 * * * root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n', note: 'the job checks first' },
    ],
    references: ['Lynis SCHD-7704', 'crontab(5)'],
    remedy: 'Restore the program, fix the path, or remove the job (stale-job offers to).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const seen = new Set<string>();
      for (const target of targetsOf(ctx, job)) {
        // run-parts skips a script it cannot execute: not-loaded reports that.
        if (target.guarded || (job.sourceKind === 'run-parts' && target.word === target.command.name)) continue;
        const what = problem(target);
        if (!what || seen.has(what)) continue;
        seen.add(what);
        const origin = stockOrigin(ctx, job);
        drafts.push({
          job,
          // A packaged line whose program is gone: the package was removed but its conffile kept.
          severity: origin ? 'low' : undefined,
          message: origin ? `${what} (a line ${origin === 'cron' ? 'cron' : `the ${origin} package`} ships; removed without purging?)` : what,
          data: { target: target.lookup.path ?? target.name, status: target.lookup.status, kind: target.kind },
        });
      }
    }
    return drafts;
  },
};
