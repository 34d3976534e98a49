import type { FindingDraft, Rule } from './rule.js';
import { MAX_INVALID_LINES_PER_FILE, parsedLines, scheduleOfInvalidLine } from './helpers.js';

export const invalidSchedule: Rule = {
  id: 'invalid-schedule',
  title: 'Schedule that cron rejects',
  practice: 8,
  severity: 'high',
  fixKind: 'none',
  explainsNotLive: true,
  docs: {
    rationale:
      'A field out of range, a bad step or an unknown name makes cron reject the line — and Debian cron then ignores the ' +
      'whole file, so every other job in it silently stops running too. Nothing tells you except a line in syslog.',
    bad: [{ text: '61 2 * * * root /usr/local/bin/backup.sh\n' }, { text: '0 2 * * mon-fry root /usr/local/bin/report\n' }],
    good: [{ text: '0-59/15 2 * * mon-fri root /usr/local/bin/report\n' }, { text: '@daily root /usr/local/bin/backup.sh\n' }],
    references: ['crontab(5)', 'chkcrontab: FAIL_INVALID_*'],
    remedy: 'Correct the field named in the message (the allowed range is given); run `cronwarden scan` again.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    // Capped per file like invalid-line: a text file that is no crontab (a README: lines of six words
    // or more read as a schedule and a command) would otherwise bury every other finding.
    const perFile = new Map<string, number[]>();
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind !== 'invalid' || source.parsed?.flavor === 'anacron') continue;
      const found = scheduleOfInvalidLine(line.text);
      if (!found?.error) continue;
      const seen = perFile.get(source.path) ?? [];
      perFile.set(source.path, seen);
      seen.push(line.number);
      if (seen.length <= MAX_INVALID_LINES_PER_FILE) {
        drafts.push({ path: source.path, line: line.number, message: `schedule ‘${found.schedule}’ is rejected by cron: ${found.error}` });
      }
    }
    for (const [path, lines] of perFile) {
      const rest = lines.slice(MAX_INVALID_LINES_PER_FILE);
      if (rest.length === 0) continue;
      drafts.push({
        path,
        line: rest[0]!,
        message: `and ${rest.length} more lines with a schedule cron rejects (lines ${rest[0]}-${rest.at(-1)}), not listed one by one: is this file a crontab at all?`,
        data: { lines: rest },
      });
    }
    return drafts;
  },
};
