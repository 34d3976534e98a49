import { clueText, intentOf } from '../core/shell/index.js';
import { derived, literalPrefix, program, runsAny } from '../core/shell/queries.js';
import type { SimpleCommand, Word } from '../core/shell/types.js';
import type { FindingDraft, Rule } from './rule.js';

/** Programs that transfer what their URL arguments name (a URL given to `echo` is only text). */
const CLIENTS = new Set(['curl', 'wget', 'lftp', 'aria2c', 'rsync', 'git', 'svn', 'http', 'https', 'xh', 'fetch', 'lynx', 'links', 'w3m', 'pip', 'pip3']);
/** Protocols with no encryption at all. */
const CLEARTEXT_PROGRAMS = new Set(['telnet', 'ftp', 'tftp', 'rsh', 'rlogin', 'rcp', 'rexec']);
const SSH_FAMILY = new Set(['ssh', 'scp', 'sftp', 'autossh', 'rsync', 'git', 'sshfs', 'mosh']);
const RELEVANT = new Set([...CLIENTS, ...CLEARTEXT_PROGRAMS, ...SSH_FAMILY]);
const CLUES = /curl|wget|ftp|aria2c|rsync|git|svn|http|xh|fetch|lynx|links|w3m|pip|telnet|rsh|rlogin|rcp|rexec|ssh|scp|mosh/;
const PLAIN_URL = /^(?:--?[\w-]+=)?((?:http|ftp|telnet|tftp|gopher|git|svn):\/\/)([^/:\s?#]*)/i;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|ip6-localhost)$/i;
const NO_HOST_KEY_CHECK = /StrictHostKeyChecking\s*[= ]\s*no\b|UserKnownHostsFile\s*[= ]\s*\/dev\/null/i;
/** curl short options that take a value: in `-ok` the k is -o's file name, not --insecure. */
const CURL_VALUED = 'bcdeEFHKmoOQrtTuUwxXyYzCDAP';

function curlInsecure(args: readonly Word[]): boolean {
  for (const word of args) {
    const v = word.value ?? '';
    if (v === '--insecure' || v === '--proxy-insecure') return true;
    if (!/^-[A-Za-z0-9#:]+$/.test(v)) continue;
    for (const c of v.slice(1)) {
      if (c === 'k') return true;
      if (CURL_VALUED.includes(c)) break;
    }
  }
  return false;
}

function problemsIn(command: SimpleCommand): string[] {
  const problems: string[] = [];
  const { name, args } = program(command);
  if (!name) return problems;
  if (CLEARTEXT_PROGRAMS.has(name)) problems.push(`\`${name}\` sends everything, passwords included, in clear text`);
  if (CLIENTS.has(name)) {
    for (const word of args) {
      const m = PLAIN_URL.exec(literalPrefix(word));
      if (m && !LOOPBACK.test(m[2])) problems.push(`\`${name}\` fetches ${m[1]}${m[2] || '…'} without encryption`);
    }
  }
  if (name === 'curl' && curlInsecure(args)) problems.push('`curl -k` accepts any certificate');
  if (name === 'wget' && args.some((w) => w.value === '--no-check-certificate')) problems.push('`wget --no-check-certificate` accepts any certificate');
  if (name === 'lftp' && args.some((w) => /ssl:verify-certificate\s+(?:no|false|off)/i.test(w.value ?? ''))) problems.push('`lftp` told not to verify certificates');
  if (name === 'rsync' && !args.some((w) => /^(?:-e|--rsh(?:=.*)?)$/.test(w.value ?? ''))) {
    if (args.some((w) => /^rsync:\/\/|^[^/\s:]+::/.test(literalPrefix(w)))) problems.push('`rsync` talks to an rsync daemon, unencrypted');
  }
  const sshWords = SSH_FAMILY.has(name) ? args : [];
  const sshVars = command.assignments.filter((a) => a.name === 'GIT_SSH_COMMAND' || a.name === 'RSYNC_RSH').map((a) => a.value);
  if ([...sshWords, ...sshVars].some((w) => NO_HOST_KEY_CHECK.test(w.value ?? w.text))) problems.push('ssh host key checking is off: anyone on the path can impersonate the server');
  return problems;
}

export const insecureTransport: Rule = {
  id: 'insecure-transport',
  title: 'Network transfer without encryption or verification',
  practice: 4,
  severity: 'medium',
  fixKind: 'none',
  docs: {
    rationale:
      'A scheduled job that fetches or sends data over http://, ftp:// or telnet, or with certificate or host-key ' +
      'checks turned off, trusts whoever sits on the network path — every run, unattended. What it downloads can be ' +
      'swapped and what it uploads (backups, credentials) can be read.',
    bad: [
      { text: '0 * * * * root wget -q -O /var/lib/app/rates.json http://rates.example.com/today\n' },
      { text: '0 * * * * root curl -fsSk https://internal.example.com/health\n' },
      { text: '0 2 * * * root rsync -a -e "ssh -o StrictHostKeyChecking=no" /srv/ backup@nas:/srv/\n' },
    ],
    good: [
      { text: '0 * * * * root wget -q -O /var/lib/app/rates.json https://rates.example.com/today\n' },
      { text: '0 * * * * root curl -fsS http://localhost/cron.php\n', note: 'loopback never leaves the host' },
      { text: '0 * * * * root echo "see http://example.com/docs" >> /var/log/notes\n', note: 'a URL in text is not a transfer' },
    ],
    references: ['CWE-319 (Cleartext Transmission of Sensitive Information)', 'CWE-295 (Improper Certificate Validation)', 'CIS Debian 12 2.2 (telnet/ftp clients)'],
    remedy:
      'Use https://, sftp/scp or rsync over ssh; keep certificate checks on (add the internal CA to the trust store ' +
      'instead of `-k`); pin the server’s host key in known_hosts instead of disabling the check.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (!CLUES.test(clueText(ctx, job))) continue;
      const analysis = intentOf(ctx, job);
      if (!runsAny(analysis, RELEVANT) && !analysis.commands.some((c) => c.assignments.some((a) => a.name === 'GIT_SSH_COMMAND' || a.name === 'RSYNC_RSH'))) continue;
      const problems = derived(analysis, 'insecure-transport', () => [...new Set(analysis.commands.flatMap(problemsIn))]);
      if (problems.length > 0) drafts.push({ job, message: problems.join('; ') });
    }
    return drafts;
  },
};
