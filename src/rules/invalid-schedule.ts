import type { Rule } from './rule.js';
import { cappedLineDrafts, parsedLines, scheduleOfInvalidLine } from './helpers.js';

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
    // Capped per file like invalid-line: a text file that is no crontab (a README: lines of six words
    // or more read as a schedule and a command) would otherwise bury every other finding.
    const perFile = new Map<string, Array<{ line: number; message: string }>>();
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind !== 'invalid' || source.parsed?.flavor === 'anacron') continue;
      const found = scheduleOfInvalidLine(line.text);
      if (!found?.error) continue;
      const inFile = perFile.get(source.path) ?? [];
      perFile.set(source.path, inFile);
      inFile.push({ line: line.number, message: `schedule ‘${found.schedule}’ is rejected by cron: ${found.error}` });
    }
    return [...perFile].flatMap(([path, found]) => cappedLineDrafts(path, found, 'lines with a schedule cron rejects'));
  },
};
