import type { FindingDraft, Rule } from './rule.js';

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
    for (const source of ctx.inventory.sources) {
      if (source.live || !source.notLive || source.kind === 'access') continue;
      // The liveness message already names the cause, the line and how many jobs it silences.
      drafts.push({ path: source.path, line: source.notLive.line ?? null, message: source.notLive.message, data: { cause: source.notLive.code } });
    }
    return drafts;
  },
};
