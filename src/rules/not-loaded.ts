import type { FindingDraft, Rule } from './rule.js';
import { plural } from './helpers.js';

export const notLoaded: Rule = {
  id: 'not-loaded',
  title: 'Cron ignores the whole file',
  practice: 8,
  severity: 'high',
  fixKind: 'auto',
  explainsNotLive: true,
  docs: {
    rationale:
      'Cron skips a whole crontab — logging only to syslog — when its name has a dot, when it is group- or ' +
      'world-writable, not owned by root (or its user), hard-linked, or when one line in it is wrong. Every job in it ' +
      'silently stops; the backups you think run do not.',
    bad: [
      { path: '/etc/cron.d/backup.disabled', text: '0 3 * * * root /usr/bin/true\n' },
      { text: '0 3 * * * root /usr/bin/true\n', files: { '/etc/cron.d/example': { content: '0 3 * * * root /usr/bin/true\n', mode: 0o664 } } },
    ],
    good: [{ path: '/etc/cron.d/backup', text: '0 3 * * * root /usr/bin/true\n' }],
    references: ['cron(8) Debian: "files in /etc/cron.d must … not be group or other writable"', 'Lynis SCHD-7704'],
    remedy: 'Rename, chown or chmod the file, or fix the named line — whatever the cause is; the plan does the first three.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    const jobsPerSource = new Map<string, number>();
    for (const job of ctx.inventory.jobs) jobsPerSource.set(job.source, (jobsPerSource.get(job.source) ?? 0) + 1);
    for (const source of ctx.inventory.sources) {
      if (source.live || !source.notLive || source.kind === 'access') continue;
      const count = jobsPerSource.get(source.path) ?? 0;
      drafts.push({
        path: source.path,
        line: source.notLive.line ?? null,
        message: `${source.notLive.message} — ${plural(count, 'job')} in it will not run`,
        data: { cause: source.notLive.code },
      });
    }
    return drafts;
  },
};
