import type { FindingDraft, Rule } from './rule.js';
import { parsedLines, scheduleOfInvalidLine } from './helpers.js';

export const invalidLine: Rule = {
  id: 'invalid-line',
  title: 'Line that is neither a job, an environment setting, a comment nor blank',
  practice: 8,
  severity: 'high',
  fixKind: 'none',
  explainsNotLive: true,
  docs: {
    rationale:
      'Cron cannot read the line. Debian cron then refuses the whole file, so this one stray line (a pasted shell ' +
      'command, a job without its user field, a half-deleted entry) silently disables every job next to it.',
    bad: [
      { text: 'SHELL=/bin/sh\n/usr/local/bin/backup.sh\n' },
      { text: '30 2 * * * /usr/local/bin/backup.sh\n', note: 'a system crontab needs the user field' },
    ],
    good: [{ text: 'SHELL=/bin/sh\n# nightly backup\n30 2 * * * root /usr/local/bin/backup.sh\n' }],
    references: ['crontab(5)', 'chkcrontab: FAIL_INVALID_LINE'],
    remedy: 'Fix or delete the line (turn it into a comment with # if unsure), then scan again.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind !== 'invalid') continue;
      // Schedule errors are invalid-schedule's; here: everything else cron cannot read.
      if (source.parsed?.flavor !== 'anacron' && scheduleOfInvalidLine(line.text)?.error) continue;
      drafts.push({ path: source.path, line: line.number, message: `cron cannot read this line: ${line.reason ?? 'unrecognised'}` });
    }
    return drafts;
  },
};
