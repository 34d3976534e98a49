import { looksBinary } from '../core/crontab.js';
import type { ParsedLine, Source } from '../core/types.js';
import type { FindingDraft, Rule } from './rule.js';
import { cappedLineDrafts, scheduleOfInvalidLine } from './helpers.js';


/** Where a file that is not a crontab can go instead. */
function moveAdvice(source: Source): string {
  const dir = source.path.slice(0, source.path.lastIndexOf('/'));
  if (source.kind === 'system' && dir.endsWith('/cron.d')) return `move it out of ${dir}, where cron reads every file`;
  return 'restore the crontab from a backup (or delete the file)';
}

function fileDrafts(source: Source, bad: ParsedLine[], binary: boolean): FindingDraft[] {
  const path = source.path;
  const [first] = bad;
  if (binary) {
    const more = bad.length > 1 ? `, and ${bad.length - 1} more lines like it (not listed)` : '';
    return [{ path, line: first!.number, message: `${first!.reason}${more}: cron ignores the whole file; ${moveAdvice(source)}`, data: { binary: true, lines: bad.length } }];
  }
  const found = bad.map((line) => ({ line: line.number, message: `cron cannot read this line: ${line.reason ?? 'unrecognised'}` }));
  return cappedLineDrafts(path, found, 'lines cron cannot read');
}

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
    remedy:
      'Fix or delete the line (turn it into a comment with # if unsure), then scan again. A binary file (an archive, ' +
      'an executable) in /etc/cron.d is reported once: move it out of the directory.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const source of ctx.inventory.sources) {
      const parsed = source.parsed;
      if (!parsed) continue;
      const invalid = parsed.lines.filter((line) => line.kind === 'invalid');
      if (invalid.length === 0) continue;
      const binary = looksBinary(parsed);
      // Schedule errors are invalid-schedule's; here: everything else cron cannot read.
      const bad = binary || parsed.flavor === 'anacron' ? invalid : invalid.filter((line) => !scheduleOfInvalidLine(line.text)?.error);
      if (bad.length > 0) drafts.push(...fileDrafts(source, bad, binary));
    }
    return drafts;
  },
};
