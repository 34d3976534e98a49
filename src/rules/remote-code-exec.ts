import { clueText, commandName, intentOf } from '../core/shell/index.js';
import { codeSource, codeWords, commandsInside, derived, DOWNLOADERS, interpreterName, program, runsAny } from '../core/shell/queries.js';
import type { ShellAnalysis, SimpleCommand, Word } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** A downloader's name must appear somewhere in the text (quotes aside) for any shape below. */
const CLUES = /curl|wget|fetch|aria2c|lynx|links|w3m|GET|http|xh/;

const downloads = (commands: readonly SimpleCommand[]): string | null => {
  for (const c of commands) {
    const name = program(c).name;
    if (name && DOWNLOADERS.has(name)) return name;
  }
  return null;
};

/** Short options that take a value, for reading clusters: in curl's `-fsSo F` the o takes F. */
const VALUED_SHORT: Record<string, string> = { curl: 'bcdeEFHKmoOQrtTuUwxXyYzCDAP', wget: 'oOaeiBtTwQPUhAR' };

/** The file a downloader writes (`curl -o F`, `-fsSoF`, `--output F`, `wget -O F`, `--output-document=F`). */
function outputFile(name: string, args: readonly Word[]): string | null {
  const short = name === 'wget' ? 'O' : 'o';
  const long = name === 'wget' ? '--output-document' : '--output';
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value ?? '';
    if (v === long) return args[i + 1]?.value ?? null;
    if (v.startsWith(`${long}=`)) return v.slice(long.length + 1);
    if (!/^-[^-]/.test(v)) continue;
    for (let k = 1; k < v.length; k++) {
      if (v[k] === short) return v.slice(k + 1) || (args[i + 1]?.value ?? null);
      if ((VALUED_SHORT[name] ?? '').includes(v[k])) break;
    }
  }
  return null;
}

/** The file a command executes: itself, a script given to an interpreter, or one sourced. */
function executedFile(name: string | null, args: readonly Word[], word: Word | null): string | null {
  if (name === '.' || name === 'source') return args[0]?.value ?? null;
  const interpreter = interpreterName(name);
  if (!interpreter) return word?.value ?? null;
  if (codeSource(interpreter, args).kind !== 'file') return null;
  return args.find((w) => !(w.value ?? '-').startsWith('-'))?.value ?? null;
}

/** Every way this job hands downloaded content to something that runs it, described. */
function remoteExecutions(analysis: ShellAnalysis): string[] {
  const found: string[] = [];
  // `curl … | sh`, `curl … | (sh)`: a later element of the same pipeline reads code on stdin (a
  // command beside the download in one `{ …; }` element reads the job's stdin, not the download).
  for (const { commands, elements } of analysis.pipelines) {
    commands.forEach((fetcher, k) => {
      const fetched = program(analysis.commands[fetcher]).name;
      if (!fetched || !DOWNLOADERS.has(fetched)) return;
      for (let j = k + 1; j < commands.length; j++) {
        if (elements[j] === elements[k]) continue;
        const { name, args } = program(analysis.commands[commands[j]]);
        const interpreter = interpreterName(name);
        if (interpreter && codeSource(interpreter, args).kind === 'stdin') found.push(`\`${fetched} … | ${name}\` runs whatever the server sends`);
      }
    });
  }
  // `wget -O /tmp/i.sh URL && sh /tmp/i.sh`: a later command runs the file a download wrote.
  const saved = new Map<string, string>();
  for (const command of analysis.commands) {
    const { name, args } = program(command);
    const file = name && DOWNLOADERS.has(name) ? outputFile(name, args) : null;
    if (file) saved.set(file, name!);
    const ran = executedFile(name, args, program(command).word);
    if (ran && saved.has(ran)) found.push(`\`${saved.get(ran)}\` saves ${ran} and the job then runs it, unverified`);
  }
  for (const command of analysis.commands) {
    const { name, args } = program(command);
    // `bash <(wget …)`, `source <(curl …)`, `bash -c "$(curl …)"`, `eval "$(curl …)"`.
    for (const word of codeWords(name, args)) {
      const fetched = downloads(commandsInside(analysis, word));
      if (fetched) found.push(`\`${commandName(command) ?? name}\` runs the output of \`${fetched}\` (${word.text.length > 40 ? `${word.text.slice(0, 37)}…` : word.text})`);
    }
  }
  return [...new Set(found)];
}

export const remoteCodeExec: Rule = {
  id: 'remote-code-exec',
  title: 'Downloaded code is run directly',
  practice: 4,
  severity: 'critical',
  fixKind: 'none',
  docs: {
    rationale:
      'A job that pipes a download into a shell runs, with the job user’s rights, whatever that server (or anyone who ' +
      'controls DNS, the network path or the site) sends at that moment — on a schedule, unattended. It is also how ' +
      'cron persistence is planted (MITRE ATT&CK T1053.003): one line fetches the real payload each time.',
    bad: [
      { text: '*/10 * * * * root curl -fsSL https://example.com/update.sh | sh\n' },
      { text: 'SHELL=/bin/bash\n0 * * * * root bash <(wget -qO- https://example.com/agent)\n' },
      { text: '0 4 * * * root bash -c "$(curl -fsSL https://example.com/install.sh)"\n' },
    ],
    good: [
      { text: '*/10 * * * * root curl -fsS https://example.com/feed.json | tee /var/lib/app/feed.json >/dev/null\n', note: 'data, not code' },
      { text: '0 4 * * * root /usr/local/sbin/update-agent\n', note: 'a reviewed local script that verifies what it downloads' },
      { text: '0 * * * * root curl -fsS https://example.com/data.csv | /usr/bin/python3 /opt/etl/load.py\n', note: 'the script is local; the download is its input' },
    ],
    references: ['MITRE ATT&CK T1053.003 (Scheduled Task/Job: Cron)', 'MITRE ATT&CK T1105 (Ingress Tool Transfer)', 'CWE-494 (Download of Code Without Integrity Check)'],
    remedy:
      'Download to a file, verify it (a pinned checksum or signature), review it, install it as a root-owned script ' +
      'and schedule that script. Better: install the software from a signed package repository.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!CLUES.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      if (!runsAny(analysis, DOWNLOADERS)) continue;
      for (const description of derived(analysis, 'remote-code-exec', () => remoteExecutions(analysis))) drafts.push({ job, message: description });
    }
    return drafts;
  },
};
