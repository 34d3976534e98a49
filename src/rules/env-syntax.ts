import type { FindingDraft, Rule } from './rule.js';
import { parsedLines } from './helpers.js';

/** Ways cron's env.c reads `NAME=value` differently from a shell, each with what cron does instead. */
function shellMisreadings(text: string, value: string): string[] {
  const problems: string[] = [];
  if (/\$\{?[A-Za-z_]|`|\$\(/.test(value)) problems.push('cron does not expand variables or commands: the value is taken literally');
  if (/\s#/.test(value)) problems.push('a trailing “# comment” stays part of the value');
  if (/["']/.test(value)) problems.push('quotes inside the value are kept literally');
  if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s+=|=\s+\S/.test(text)) problems.push('spaces around “=” are accepted by cron but a shell would run a command instead');
  if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*~/.test(text)) problems.push('“~” is not expanded');
  return problems;
}

export const envSyntax: Rule = {
  id: 'env-syntax',
  title: 'Environment line cron reads differently from a shell',
  practice: 8,
  severity: 'medium',
  fixKind: 'none',
  docs: {
    rationale:
      'Crontab environment lines look like shell assignments but are not: cron does no expansion, keeps trailing ' +
      'comments and inner quotes in the value. `PATH=$PATH:/opt/bin` sets PATH to the literal text “$PATH:/opt/bin”, ' +
      'so every job below it runs with a broken PATH.',
    bad: [
      { text: 'PATH=$PATH:/opt/bin\n0 3 * * * root /usr/local/bin/sync\n' },
      { text: 'MAILTO=ops@example.com # team list\n0 3 * * * root /usr/local/bin/sync\n' },
      { text: 'HOME=~/work\n0 3 * * * root /usr/local/bin/sync\n' },
    ],
    good: [
      { text: 'PATH=/usr/local/bin:/usr/bin:/bin\n0 3 * * * root /usr/local/bin/sync\n' },
      { text: 'MAILTO="ops@example.com"\n0 3 * * * root /usr/local/bin/sync\n' },
      { text: 'MAILTO=""\n0 3 * * * root /usr/local/bin/sync\n' },
    ],
    references: ['crontab(5): "the value string is not parsed for environmental substitutions"'],
    remedy: 'Write the value out in full, without $VARIABLES, ~, inner quotes or trailing comments.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const { source, line } of parsedLines(ctx)) {
      if (line.kind !== 'env' || !line.env) continue;
      const problems = shellMisreadings(line.text, line.env.value);
      if (problems.length === 0) continue;
      drafts.push({ path: source.path, line: line.number, message: `${line.env.name}: ${problems.join('; ')}` });
    }
    return drafts;
  },
};
