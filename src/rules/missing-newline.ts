import type { FindingDraft, Rule } from './rule.js';

export const missingNewline: Rule = {
  id: 'missing-newline',
  title: 'Last line without a newline',
  practice: 8,
  severity: 'high',
  fixKind: 'auto',
  explainsNotLive: true,
  docs: {
    rationale:
      'Cron reads a crontab line by line and needs the newline that ends the last one. Debian cron treats a missing ' +
      'final newline as an error and ignores the file — a classic after editing a crontab with a tool that does not add one.',
    bad: [{ text: '0 3 * * * root /usr/local/bin/sync' }],
    good: [{ text: '0 3 * * * root /usr/local/bin/sync\n' }],
    references: ['crontab(5): "cron requires that each entry in a crontab end in a newline character"'],
    remedy: 'Add the newline at the end of the file.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const source of ctx.inventory.sources) {
      const last = source.parsed?.lines.at(-1);
      if (!last || last.eol !== '' || last.text.length === 0) continue;
      drafts.push({ path: source.path, line: last.number, message: 'the last line has no newline: cron ignores it (Debian cron: the whole file)' });
    }
    return drafts;
  },
};
