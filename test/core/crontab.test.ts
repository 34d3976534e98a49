import { describe, expect, it } from 'vitest';
import {
  isBlankLine,
  isCommentLine,
  looksBinary,
  lineLimitExceededAt,
  MAX_CRONTAB_LINES,
  missingNewlineAt,
  parseCrontab,
  serializeCrontab,
} from '../../src/core/crontab.js';
import type { CrontabFlavor, ParsedLine } from '../../src/core/types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const one = (text: string, flavor: CrontabFlavor): ParsedLine => parseCrontab(enc(`${text}\n`), flavor).lines[0]!;

type Expect =
  | { kind: 'blank' | 'comment' }
  | { kind: 'env'; name: string; value: string }
  | { kind: 'invalid'; reason: RegExp }
  | { kind: 'job'; schedule: string; user?: string | null; command: string; stdin?: string | null; raw?: string };

// Lines as they appear on real hosts and in crontab(5), with what Debian's cron makes of them.
const USER_LINES: [string, Expect][] = [
  ['', { kind: 'blank' }],
  ['   \t  ', { kind: 'blank' }],
  ['# m h  dom mon dow   command', { kind: 'comment' }],
  ['   # indented comment', { kind: 'comment' }],
  ['\t#0 2 * * * disabled job', { kind: 'comment' }],
  ['30 2 * * * /usr/local/bin/backup.sh >/dev/null 2>&1', { kind: 'job', schedule: '30 2 * * *', command: '/usr/local/bin/backup.sh >/dev/null 2>&1' }],
  ['*/5 * * * * php /var/www/app/artisan schedule:run', { kind: 'job', schedule: '*/5 * * * *', command: 'php /var/www/app/artisan schedule:run' }],
  ['0 3 * * * /usr/bin/certbot renew --quiet # renew certs', { kind: 'job', schedule: '0 3 * * *', command: '/usr/bin/certbot renew --quiet # renew certs' }],
  ['  15 4 * * 1 /opt/report.sh', { kind: 'job', schedule: '15 4 * * 1', command: '/opt/report.sh', raw: '/opt/report.sh' }],
  ['0\t0\t*\t*\t*\tcmd\twith tabs', { kind: 'job', schedule: '0\t0\t*\t*\t*', command: 'cmd\twith tabs' }],
  ['0 0 * * * echo hi   ', { kind: 'job', schedule: '0 0 * * *', command: 'echo hi', raw: 'echo hi   ' }],
  ['0 0 * * * echo hi\r', { kind: 'job', schedule: '0 0 * * *', command: 'echo hi\r', raw: 'echo hi\r' }],
  ['@reboot /usr/local/bin/start-worker', { kind: 'job', schedule: '@reboot', command: '/usr/local/bin/start-worker' }],
  ['@daily /usr/bin/find /tmp -mtime +7 -delete', { kind: 'job', schedule: '@daily', command: '/usr/bin/find /tmp -mtime +7 -delete' }],
  ['@hourly\tcurl -fsS https://hc.example/ping', { kind: 'job', schedule: '@hourly', command: 'curl -fsS https://hc.example/ping' }],
  ['@midnight logrotate /etc/logrotate.conf', { kind: 'job', schedule: '@midnight', command: 'logrotate /etc/logrotate.conf' }],
  ['@annually /bin/true', { kind: 'job', schedule: '@annually', command: '/bin/true' }],
  ['@Daily /bin/true', { kind: 'invalid', reason: /^bad time specifier ‘@Daily’: cron only knows it in lower case/ }],
  ['@every5m /bin/true', { kind: 'invalid', reason: /^bad time specifier ‘@every5m’/ }],
  ['0 9 * jan-mar mon-fri /bin/report', { kind: 'job', schedule: '0 9 * jan-mar mon-fri', command: '/bin/report' }],
  ['0 9 * JAN MON /bin/report', { kind: 'job', schedule: '0 9 * JAN MON', command: '/bin/report' }],
  ['0 9 * january * /bin/x', { kind: 'invalid', reason: /^bad month field ‘january’: unknown name ‘january’ \(allowed 1-12 or jan-dec\)/ }],
  ['0 9 * * 7 /bin/sunday', { kind: 'job', schedule: '0 9 * * 7', command: '/bin/sunday' }],
  ['0 0 1,15 * * /bin/twice-a-month', { kind: 'job', schedule: '0 0 1,15 * *', command: '/bin/twice-a-month' }],
  ['0-59/15 * * * * /bin/q', { kind: 'job', schedule: '0-59/15 * * * *', command: '/bin/q' }],
  ['0 8-18/2 * * 1-5 /bin/office', { kind: 'job', schedule: '0 8-18/2 * * 1-5', command: '/bin/office' }],
  ['61 * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘61’: 61 is out of range \(allowed 0-59\)$/ }],
  ['0 25 * * * /bin/x', { kind: 'invalid', reason: /^bad hour field ‘25’: 25 is out of range \(allowed 0-23\)$/ }],
  ['0 0 0 * * /bin/x', { kind: 'invalid', reason: /^bad day-of-month field ‘0’.*\(allowed 1-31\)$/ }],
  ['0 0 32 * * /bin/x', { kind: 'invalid', reason: /^bad day-of-month field ‘32’/ }],
  ['0 0 * 13 * /bin/x', { kind: 'invalid', reason: /^bad month field ‘13’/ }],
  ['0 0 * * 8 /bin/x', { kind: 'invalid', reason: /^bad day-of-week field ‘8’/ }],
  ['5/10 * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘5\/10’: a step needs a range/ }],
  ['*/0 * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘\*\/0’: step 0/ }],
  ['5-64/30 * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘5-64\/30’: 64 is out of range/ }],
  ['0 0 * * mon/2 /bin/x', { kind: 'invalid', reason: /^bad day-of-week field ‘mon\/2’: a step needs a range/ }],
  ['*/jan * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘\*\/jan’: ‘jan’ is not a number/ }],
  ['5x * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘5x’: ‘5x’ is not a number/ }],
  ['0 0 1, * * /bin/x', { kind: 'invalid', reason: /^bad day-of-month field ‘1,’: a number is missing at the end/ }],
  ['0 2 * *', { kind: 'invalid', reason: /^bad day-of-week field: the line ends after 4 of the 5 schedule fields/ }],
  ['L * * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘L’/ }],
  ['0 0 ? * * /bin/x', { kind: 'invalid', reason: /^bad day-of-month field ‘\?’: unexpected ‘\?’/ }],
  // Six fields in a user crontab: the sixth token is the command (cron refuses one starting with '*').
  ['0 */5 * * * * /bin/seconds', { kind: 'invalid', reason: /^bad command: it starts with ‘\*’/ }],
  ['0 0 12 * * 1 /bin/x', { kind: 'job', schedule: '0 0 12 * *', command: '1 /bin/x' }],
  // cron's own leniency: the rest of a field after what it understood is skipped.
  ['5;junk * * * * /bin/x', { kind: 'job', schedule: '5;junk * * * *', command: '/bin/x' }],
  ['*-5 * * * * /bin/x', { kind: 'job', schedule: '*-5 * * * *', command: '/bin/x' }],
  ['0 0 * * 5-1 /bin/never-on-weekdays', { kind: 'job', schedule: '0 0 * * 5-1', command: '/bin/never-on-weekdays' }],
  // No command at all is accepted by Debian's load_entry (empty command).
  ['0 2 * * *', { kind: 'job', schedule: '0 2 * * *', command: '' }],
  // '%' handling.
  ['0 0 * * * mail -s "report" root%line one%line two', { kind: 'job', schedule: '0 0 * * *', command: 'mail -s "report" root', stdin: 'line one\nline two' }],
  ['0 0 * * * tar czf /b/$(date +\\%F).tgz /etc', { kind: 'job', schedule: '0 0 * * *', command: 'tar czf /b/$(date +%F).tgz /etc', stdin: null }],
  ['0 0 * * * date +%Y-%m-%d', { kind: 'job', schedule: '0 0 * * *', command: 'date +', stdin: 'Y-\nm-\nd' }],
  // Environment lines (env.c load_env).
  ['SHELL=/bin/bash', { kind: 'env', name: 'SHELL', value: '/bin/bash' }],
  ['PATH = /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', { kind: 'env', name: 'PATH', value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }],
  ['MAILTO=""', { kind: 'env', name: 'MAILTO', value: '' }],
  ['MAILTO=ops@example.com # on-call', { kind: 'env', name: 'MAILTO', value: 'ops@example.com # on-call' }],
  // Quotes keep leading blanks only: load_env() runs strdtb() on every value, quoted or not.
  ["  GREETING = ' hello '", { kind: 'env', name: 'GREETING', value: ' hello' }],
  ['Q="\'x\'"', { kind: 'env', name: 'Q', value: 'x' }],
  ['"MY VAR"=1', { kind: 'env', name: 'MY VAR', value: '1' }],
  ['=orphan', { kind: 'env', name: '', value: 'orphan' }],
  ['HOME=/srv/app\r', { kind: 'env', name: 'HOME', value: '/srv/app' }],
  ['CRON_TZ=Europe/Paris', { kind: 'env', name: 'CRON_TZ', value: 'Europe/Paris' }],
  ['MAILTO=', { kind: 'invalid', reason: /^bad minute field ‘MAILTO=’/ }],
  ['FOO BAR=baz', { kind: 'invalid', reason: /^bad minute field ‘FOO’/ }],
  ['A="x" y', { kind: 'invalid', reason: /^bad minute field ‘A="x"’/ }],
  ['just some words', { kind: 'invalid', reason: /^bad minute field ‘just’: ‘just’ is not a number/ }],
  // A blank line from a CRLF file is not blank to cron: it is a syntax error.
  ['\r', { kind: 'invalid', reason: /^bad minute field ‘\\r’/ }],
  ['\uFEFF0 2 * * * /bin/x', { kind: 'invalid', reason: /^bad minute field ‘\\ufeff0’/ }],
];

const SYSTEM_LINES: [string, Expect][] = [
  ['17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly', { kind: 'job', schedule: '17 *\t* * *', user: 'root', command: 'cd / && run-parts --report /etc/cron.hourly' }],
  ['25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }', { kind: 'job', schedule: '25 6\t* * *', user: 'root', command: 'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }' }],
  ['*/10 * * * * www-data php /var/www/nextcloud/cron.php', { kind: 'job', schedule: '*/10 * * * *', user: 'www-data', command: 'php /var/www/nextcloud/cron.php' }],
  ['@reboot root /usr/local/sbin/firewall-up', { kind: 'job', schedule: '@reboot', user: 'root', command: '/usr/local/sbin/firewall-up' }],
  ['@weekly backup /usr/local/bin/full-backup', { kind: 'job', schedule: '@weekly', user: 'backup', command: '/usr/local/bin/full-backup' }],
  ['0 2 * * * /usr/local/bin/backup.sh', { kind: 'invalid', reason: /^bad username: nothing follows ‘\/usr\/local\/bin\/backup.sh’/ }],
  ['0 2 * * * root', { kind: 'invalid', reason: /^bad username: nothing follows ‘root’/ }],
  ['0 2 * * *', { kind: 'invalid', reason: /^bad username: the user field is missing/ }],
  ['0 2 * * * root ', { kind: 'job', schedule: '0 2 * * *', user: 'root', command: '' }],
  ['0 */5 * * * * root /bin/x', { kind: 'job', schedule: '0 */5 * * *', user: '*', command: 'root /bin/x' }],
  ['MAILTO=root', { kind: 'env', name: 'MAILTO', value: 'root' }],
  ['0 0 31 2 * root /bin/never', { kind: 'job', schedule: '0 0 31 2 *', user: 'root', command: '/bin/never' }],
];

const ANACRON_LINES: [string, Expect][] = [
  ['# /etc/anacrontab: configuration file for anacron', { kind: 'comment' }],
  ['SHELL=/bin/sh', { kind: 'env', name: 'SHELL', value: '/bin/sh' }],
  ['HOME="/root"', { kind: 'env', name: 'HOME', value: '"/root"' }],
  ['START_HOURS_RANGE=3-22', { kind: 'env', name: 'START_HOURS_RANGE', value: '3-22' }],
  ['START_HOURS_RANGE=22-3', { kind: 'invalid', reason: /^START_HOURS_RANGE must be/ }],
  ['RANDOM_DELAY=abc', { kind: 'invalid', reason: /^RANDOM_DELAY must be a number/ }],
  ['1\t5\tcron.daily\trun-parts --report /etc/cron.daily', { kind: 'job', schedule: '1\t5\tcron.daily', user: null, command: 'run-parts --report /etc/cron.daily' }],
  ['7 10 cron.weekly run-parts --report /etc/cron.weekly', { kind: 'job', schedule: '7 10 cron.weekly', command: 'run-parts --report /etc/cron.weekly' }],
  ['@monthly 15 cron.monthly run-parts --report /etc/cron.monthly', { kind: 'job', schedule: '@monthly 15 cron.monthly', command: 'run-parts --report /etc/cron.monthly' }],
  ['1 5 job date +%F', { kind: 'job', schedule: '1 5 job', command: 'date +%F', stdin: null }],
  ['@hourly 5 x /bin/x', { kind: 'invalid', reason: /^unknown named period ‘@hourly’/ }],
  ['1 5 bad/id /bin/x', { kind: 'invalid', reason: /^Invalid syntax/ }],
  // A cron-style line is valid anacron syntax: period 0, delay 2, identifier '*'.
  ['0 2 * * * /bin/cron-style', { kind: 'job', schedule: '0 2 *', command: '* * /bin/cron-style' }],
  ['daily 5 x /bin/x', { kind: 'invalid', reason: /^Invalid syntax/ }],
];

function check(text: string, flavor: CrontabFlavor, want: Expect): void {
  const line = one(text, flavor);
  expect(line.kind, `${JSON.stringify(text)} → ${line.reason ?? ''}`).toBe(want.kind);
  if (want.kind === 'env') expect(line.env).toEqual({ name: want.name, value: want.value });
  if (want.kind === 'invalid') expect(line.reason).toMatch(want.reason);
  if (want.kind === 'job') {
    const job = line.job!;
    expect(job.schedule).toBe(want.schedule);
    expect(job.command).toBe(want.command);
    if ('user' in want) expect(job.user).toBe(want.user);
    if ('stdin' in want) expect(job.stdin).toBe(want.stdin);
    if (want.raw !== undefined) expect(job.raw).toBe(want.raw);
    expect(text.slice(job.rawOffset)).toBe(job.raw);
  }
}

describe('parseCrontab line kinds (Debian cron semantics)', () => {
  it.each(USER_LINES)('user: %j', (text, want) => check(text, 'user', want));
  it.each(SYSTEM_LINES)('system: %j', (text, want) => check(text, 'system', want));
  it.each(ANACRON_LINES)('anacron: %j', (text, want) => check(text, 'anacron', want));
});

describe('parseCrontab structure', () => {
  it('numbers lines, keeps CR in the text and records a missing final newline', () => {
    const p = parseCrontab(enc('A=1\r\n0 1 * * * x\r\n# end'), 'user');
    expect(p.lines.map((l) => [l.number, l.text, l.eol, l.kind])).toEqual([
      [1, 'A=1\r', '\n', 'env'],
      [2, '0 1 * * * x\r', '\n', 'job'],
      [3, '# end', '', 'comment'],
    ]);
    expect(p.encoding).toBe('utf-8');
    expect(missingNewlineAt(p)).toBeNull();
  });

  it('flags a last entry without newline but not a last comment', () => {
    expect(missingNewlineAt(parseCrontab(enc('# c\n0 1 * * * x'), 'user'))).toBe(2);
    expect(missingNewlineAt(parseCrontab(enc('0 1 * * * x\n'), 'user'))).toBeNull();
    expect(missingNewlineAt(parseCrontab(enc('0 1 * * * x\n   '), 'user'))).toBeNull();
  });

  it('an empty file has one empty line and gives back zero bytes', () => {
    const p = parseCrontab(new Uint8Array(), 'system');
    expect(p.lines).toHaveLength(1);
    expect(serializeCrontab(p)).toEqual(new Uint8Array());
  });

  it('falls back to latin1 for bytes that are not UTF-8, byte for byte', () => {
    const bytes = Uint8Array.from([...enc('0 1 * * * echo '), 0xe9, 0x80, 0x0a]);
    const p = parseCrontab(bytes, 'user');
    expect(p.encoding).toBe('latin1');
    expect(p.lines[0]!.job!.command).toBe('echo \u00e9\u0080');
    expect(serializeCrontab(p)).toEqual(bytes);
  });

  it('refuses to write a character a latin1 file cannot hold', () => {
    const p = parseCrontab(Uint8Array.from([0x23, 0xff, 0x0a]), 'user');
    p.lines[0]!.text = '# €';
    expect(() => serializeCrontab(p)).toThrow(/not UTF-8/);
  });

  it('keeps a BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('# x\n')]);
    expect(serializeCrontab(parseCrontab(bytes, 'user'))).toEqual(bytes);
  });

  it('an edit to one line leaves every other byte alone', () => {
    const src = 'SHELL=/bin/sh \r\n\t# keep\n30 2 * * * root /old.sh   \n0 0 * * * root x';
    const p = parseCrontab(enc(src), 'system');
    p.lines[2]!.text = '30 2 * * * backup /new.sh';
    const out = new TextDecoder().decode(serializeCrontab(p));
    expect(out).toBe('SHELL=/bin/sh \r\n\t# keep\n30 2 * * * backup /new.sh\n0 0 * * * root x');
    expect(parseCrontab(enc(out), 'system').lines[2]!.job!.user).toBe('backup');
  });

  it('rejects a command of 999 bytes or more (Debian: command too long)', () => {
    expect(one(`0 0 * * * ${'x'.repeat(998)}`, 'user').kind).toBe('job');
    expect(one(`0 0 * * * ${'x'.repeat(999)}`, 'user').reason).toMatch(/^command too long/);
    // In a system crontab the blanks after the user name count too.
    expect(one(`0 0 * * * root ${'x'.repeat(998)}`, 'system').kind).toBe('job');
    expect(one(`0 0 * * * root  ${'x'.repeat(998)}`, 'system').reason).toMatch(/^command too long: 999 bytes/);
  });

  it('knows the line limit: an entry at line 10004 or later disables the file', () => {
    expect(MAX_CRONTAB_LINES).toBe(10000);
    const comments = '#\n'.repeat(10003);
    expect(lineLimitExceededAt(parseCrontab(enc(`${comments}#\n#\n`), 'user'))).toBeNull();
    expect(lineLimitExceededAt(parseCrontab(enc(`${'#\n'.repeat(10002)}0 0 * * * x\n`), 'user'))).toBeNull();
    expect(lineLimitExceededAt(parseCrontab(enc(`${comments}0 0 * * * x\n`), 'user'))).toBe(10004);
  });

  it('comment and blank helpers follow skip_comments', () => {
    expect(isCommentLine('  \t# x')).toBe(true);
    expect(isCommentLine('0 0 * * * x # y')).toBe(false);
    expect(isBlankLine(' \t')).toBe(true);
    expect(isBlankLine('\r')).toBe(false);
  });
});

describe('binary files', () => {
  // The start of an ELF executable and of a gzip archive, as they land in /etc/cron.d by mistake.
  const ELF = '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\n' +
    'A=\0\x01\x02\n' +
    '1 2 3 4 5 6 7\0 root /x\n' +
    '# \0 comment\n' +
    '\n' +
    '@\0\0\0\x05GLIBC_2.2.5\n';
  const GZIP = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0a, 0xed, 0xbd, 0x07, 0x60, 0x1c, 0x49, 0x96, 0x0a, 0x25]);

  it('reads every line cron would parse as invalid, saying the file is binary', () => {
    for (const flavor of ['system', 'user'] as const) {
      const p = parseCrontab(enc(ELF), flavor);
      expect(looksBinary(p)).toBe(true);
      expect(p.lines.map((l) => l.kind)).toEqual(['invalid', 'invalid', 'invalid', 'comment', 'blank', 'invalid']);
      for (const line of p.lines.filter((l) => l.kind === 'invalid')) expect(line.reason).toMatch(/binary file.*NUL/);
      expect(serializeCrontab(p)).toEqual(enc(ELF));
    }
    const gz = parseCrontab(GZIP, 'system');
    expect([looksBinary(gz), gz.encoding, gz.lines[0]!.kind]).toEqual([true, 'latin1', 'invalid']);
    expect(serializeCrontab(gz)).toEqual(GZIP);
  });

  it('a crontab cron loads is not binary, even with a NUL in it (cron cuts the command there)', () => {
    const p = parseCrontab(enc('0 1 * * * root /bin/echo a\0b\n'), 'system');
    expect(looksBinary(p)).toBe(false);
    expect(p.lines[0]!.kind).toBe('job');
  });

  it('a text file of bad lines is not binary', () => {
    const p = parseCrontab(enc('hello world\nthis is a readme\n'), 'system');
    expect(looksBinary(p)).toBe(false);
    expect(p.lines[0]!.reason).not.toMatch(/binary/);
  });

  it('anacron skips bad lines and runs the others: its lines are read as they are', () => {
    const p = parseCrontab(enc(ELF), 'anacron');
    expect(looksBinary(p)).toBe(false);
  });
});

describe('binary files: text with a stray NUL', () => {
  it('a typo on a line without NUL does not make a crontab binary', () => {
    const p = parseCrontab(new TextEncoder().encode('0 1 * * * root /bin/echo a\0b\nbad line\n'), 'system');
    expect([looksBinary(p), p.lines[0]!.kind, p.lines[1]!.reason]).toEqual([false, 'job', expect.not.stringMatching(/binary/)]);
  });
});
