import { describe, expect, it } from 'vitest';
import { parseCrontab } from '../../src/core/crontab.js';
import type { Job, ParsedLine } from '../../src/core/types.js';
import { composeJobLine } from '../../src/plan/compose-job.js';
import type { LinePatch } from '../../src/plan/types.js';

function jobOf(line: ParsedLine, env: Record<string, string> = {}): Job {
  const j = line.job!;
  return {
    id: `etc-cron.d-x:${line.number}`,
    source: '/etc/cron.d/x',
    sourceKind: 'system',
    line: line.number,
    user: j.user,
    schedule: j.schedule,
    spec: j.spec,
    command: j.command,
    stdin: j.stdin,
    raw: j.raw,
    live: true,
    notLiveReason: null,
    env,
  };
}

function compose(text: string, patch: LinePatch, env: Record<string, string> = {}) {
  const line = parseCrontab(new TextEncoder().encode(`${text}\n`), 'system').lines[0]!;
  return composeJobLine(line, jobOf(line, env), patch);
}

const LOGGER: LinePatch['logging'] = { kind: 'logger', program: '/usr/bin/logger', tag: 'cronwarden-backup' };
const LOCK: LinePatch['lock'] = { program: '/usr/bin/flock', file: '/run/lock/cronwarden-backup.lock' };
const TIMEOUT: LinePatch['timeout'] = { program: '/usr/bin/timeout', duration: '1h' };

describe('composeJobLine', () => {
  it.each<[string, string, LinePatch, string]>([
    ['no patch keeps the line', '30 2 * * *\troot\tbackup.sh  ', {}, '30 2 * * *\troot\tbackup.sh  '],
    ['absolute command word', '30 2 * * * root backup.sh --full', { absolute: { 'backup.sh': '/usr/local/bin/backup.sh' } }, '30 2 * * * root /usr/local/bin/backup.sh --full'],
    ['a call of a function the job defines keeps its name', '0 3 * * * root tar c /a; tar() { echo no; }; tar c /b', { absolute: { tar: '/usr/bin/tar' } }, '0 3 * * * root /usr/bin/tar c /a; tar() { echo no; }; tar c /b'],
    ['absolute words in a list and a pipe', '0 * * * * root cd /srv && tar c . | gzip >/b.tgz', { absolute: { tar: '/usr/bin/tar', gzip: '/usr/bin/gzip' } }, '0 * * * * root cd /srv && /usr/bin/tar c . | /usr/bin/gzip >/b.tgz'],
    ['timeout in front of a simple command', '0 * * * * root FOO=1 /usr/bin/curl -s http://x >/tmp/o', { timeout: TIMEOUT }, '0 * * * * root FOO=1 /usr/bin/timeout 1h /usr/bin/curl -s http://x >/tmp/o'],
    ['flock outside timeout', '*/5 * * * * root /usr/bin/rsync -a /a /b', { timeout: TIMEOUT, lock: LOCK }, '*/5 * * * * root /usr/bin/flock -n /run/lock/cronwarden-backup.lock /usr/bin/timeout 1h /usr/bin/rsync -a /a /b'],
    ['compound command through sh -c', "*/5 * * * * root cd /srv && ./sync 'a b'", { lock: LOCK }, `*/5 * * * * root /usr/bin/flock -n /run/lock/cronwarden-backup.lock /bin/sh -c 'cd /srv && ./sync '\\''a b'\\'''`],
    ['logging outermost, /dev/null dropped', '30 2 * * * root /usr/local/bin/backup.sh >/dev/null 2>&1', { dropDiscard: true, logging: LOGGER }, '30 2 * * * root { /usr/local/bin/backup.sh || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-backup'],
    ['all layers in order', '30 2 * * * root backup.sh > /dev/null 2>&1', { dropDiscard: true, logging: LOGGER, lock: LOCK, timeout: TIMEOUT, absolute: { 'backup.sh': '/usr/local/bin/backup.sh' } }, '30 2 * * * root { /usr/bin/flock -n /run/lock/cronwarden-backup.lock /usr/bin/timeout 1h /usr/local/bin/backup.sh || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-backup'],
    ['log file fallback', '30 2 * * * root /usr/local/bin/backup.sh', { logging: { kind: 'file', file: '/var/log/cronwarden/backup.log' } }, '30 2 * * * root { /usr/local/bin/backup.sh || echo "cronwarden: exit status $?"; } >>/var/log/cronwarden/backup.log 2>&1'],
    ['escape percent', '0 0 * * * root /bin/date +%Y-%m-%d >>/var/log/d', { escapePercent: true }, '0 0 * * * root /bin/date +\\%Y-\\%m-\\%d >>/var/log/d'],
    ['escaped percents and stdin survive wrapping', '0 0 * * * root /usr/bin/mail -s "at \\%H" root%hello%world', { lock: LOCK }, '0 0 * * * root /usr/bin/flock -n /run/lock/cronwarden-backup.lock /usr/bin/mail -s "at \\%H" root%hello%world'],
    ['minute', '* 3 * * * root /bin/true', { minute: '0' }, '0 3 * * * root /bin/true'],
    ['hidden characters', '0 3 * * * root /bin/true\r', { clean: true }, '0 3 * * * root /bin/true'],
    ['trailing semicolon before logging', '0 3 * * * root /bin/true;', { logging: LOGGER }, '0 3 * * * root { /bin/true || echo "cronwarden: exit status $?"; } 2>&1 | /usr/bin/logger -t cronwarden-backup'],
  ])('%s', (_name, input, patch, expected) => {
    expect(compose(input, patch)).toEqual(expect.objectContaining({ ok: true, text: expected }));
  });

  it('uses the job SHELL for -c', () => {
    const result = compose('0 3 * * * root a && b', { timeout: TIMEOUT }, { SHELL: '/bin/bash' });
    expect(result).toEqual(expect.objectContaining({ text: "0 3 * * * root /usr/bin/timeout 1h /bin/bash -c 'a && b'" }));
  });

  it('refuses a background job for logging and a command that does not parse', () => {
    expect(compose('0 3 * * * root /bin/sleep 1 &', { logging: LOGGER })).toEqual({ ok: false, reason: expect.stringMatching(/background/) });
    expect(compose('0 3 * * * root /bin/sleep 1 & /bin/true', { lock: LOCK })).toEqual({ ok: false, reason: expect.stringMatching(/background/) });
    expect(compose('0 3 * * * root echo "unterminated', { lock: LOCK })).toEqual({ ok: false, reason: expect.stringMatching(/does not parse/) });
  });
});
