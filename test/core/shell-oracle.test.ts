// Differential test: our parser accepts exactly what the real shells accept (`dash -n`, `bash -n`),
// bash-only constructs that dash parses but misreads aside (those are reported on purpose).

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeShell, SHELL_BUILTINS, type Dialect } from '../../src/core/shell/index.js';

const SHELLS: Array<[Dialect, string]> = [
  ['posix', '/bin/dash'],
  ['bash', '/bin/bash'],
];

const COMMANDS = [
  "cd /x && ./y >/dev/null 2>&1",
  "curl -fsS https://x.io/i | sh",
  "bash <(wget -qO- http://x)",
  "sh -c 'a; b'",
  "tar czf /b/$(date +%F).tgz /etc",
  "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi",
  "[[ -f x ]] && echo y",
  "echo 'unterminated",
  "a=(1 2)",
  "echo $((1+2)) ${x:-y}",
  "foo &> /dev/null",
  "cat <<< hi",
  "a >& f",
  "cat <<EOF",
  "a &&",
  "{ }",
  "( )",
  "echo $( )",
  "a;;",
  "case x in a) b;; esac",
  "case x in (a|b) b;; *) c ;; esac",
  "for i in 1 2; do echo; done",
  "for i; do echo; done",
  "x=1",
  "! a | b",
  "a | ! b",
  "echo ${x:1:2}",
  "f() { a; }",
  "a &; b",
  "a & ; b",
  "a() b",
  "echo a)b",
  "`echo a`",
  "echo `",
  "a | | b",
  "if a; then fi",
  "if a; then b; fi",
  "if a; then b; elif c; then d; else e; fi",
  "while true; do sleep 1; done",
  "until false; do :; done",
  "test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )",
  "[ -x /usr/sbin/e2scrub_all ] && /usr/sbin/e2scrub_all -A -r",
  "command -v debian-sa1 > /dev/null && debian-sa1 1 1",
  "/usr/bin/find /tmp -type f -mtime +7 -delete",
  "echo \"a $(echo \"b $(echo c)\")\"",
  "echo ${x%/*} ${x#*.} ${#x} ${x:=1} ${x?err}",
  "echo \"${x//a/b}\"",
  "echo $'a\\tb'",
  "a |& b",
  "((x++))",
  "function f { a; }",
  "echo \"unterminated",
  "echo ${x",
  "echo $(a",
  "echo $((1+",
  "echo a \\",
  "b",
  "echo # comment ) ; |",
  "a && b || c; d & e",
  "a 2>/dev/null 1>&2 3<&- 4<>f >|g",
  "x=$(a) y=`b` cmd",
  "cd /var/www && php artisan schedule:run >> /dev/null 2>&1",
  "/usr/bin/flock -n /run/lock/x.lock /usr/local/bin/job",
  "echo $HOME/$USER/${HOSTNAME}",
  "echo '$(not a sub)' \"\\$(nor) \\`this\\`\"",
  "a ; ; b",
  ";a",
  "a;",
  "a &",
  "a & b &",
  "echo }",
  "echo {",
  "{ echo a; } | cat",
  "if true; then echo; fi > /dev/null",
  "echo a\"b\"'c'\\d",
  "echo [abc] *.log ?x"
];

/** Soft reports: the shell accepts the text but runs something other than what was meant, or fails
 *  only when it gets there. */
const MISREAD = /bash-only|bash arithmetic|not a file descriptor/;

for (const [dialect, shell] of SHELLS) {
  const available = spawnSync(shell, ['-c', 'exit 0']).status === 0;
  describe(`${dialect} parse agrees with ${shell} -n`, () => {
    if (!available) {
      it(`needs ${shell}`, () => {
        if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error(`${shell} is missing: install it (apt-get install dash bash)`);
        console.warn(`SKIPPED: ${shell} is not installed, so the parser is not compared with the real shell`);
      });
      return;
    }
    it.each(COMMANDS)('%s', (command) => {
      const run = spawnSync(shell, ['-n', '-c', '--', command], { encoding: 'utf8' });
      // bash only warns about a here-document cut by the end of the text; it still accepts it.
      const stderr = run.stderr.replace(/^.*warning: here-document.*$\n?/m, '').trim();
      const shellAccepts = run.status === 0 && stderr === '';
      const error = analyzeShell(command, { dialect }).error;
      const weReject = error !== null && !MISREAD.test(error.message);
      expect(weReject, `${shell}: ${stderr || 'accepted'}; ours: ${error?.message ?? 'accepted'}`).toBe(!shellAccepts);
    });
  });
}

describe('SHELL_BUILTINS are what dash says they are', () => {
  const available = spawnSync('/bin/dash', ['-c', 'exit 0']).status === 0;
  it.runIf(available)('every name but bash’s [[ is a dash builtin', () => {
    for (const name of [...SHELL_BUILTINS].filter((b) => b !== '[[')) {
      const type = spawnSync('/bin/dash', ['-c', `type '${name}'`], { encoding: 'utf8' }).stdout;
      expect(type, name).toMatch(/builtin/);
    }
  });
  it.runIf(!available)('needs /bin/dash', () => {
    if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error('/bin/dash is missing: install it (apt-get install dash)');
    console.warn('SKIPPED: /bin/dash is not installed, so SHELL_BUILTINS is not checked against it');
  });
});

describe('generated well-formed commands: dash and bash accept them, and so do we', () => {
  const available = spawnSync('/bin/dash', ['-c', 'exit 0']).status === 0;
  // A small grammar of what cron lines are made of; every production is valid POSIX sh.
  const word = fc.constantFrom('a', '/usr/bin/x', "'q w'", '"$HOME/x"', '$(id -u)', '`date`', '*.log', 'x\\ y', '${v:-d}', '$((1+2))', '-f', 'k=v');
  const simple = fc.tuple(fc.constantFrom('', 'A=1 '), fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' >/dev/null', ' 2>&1', ' >>/var/log/x 2>&1', ' </dev/null'))
    .map(([assign, words, redirect]) => `${assign}${words.join(' ')}${redirect}`);
  const command: fc.Arbitrary<string> = fc.letrec<{ cmd: string }>((tie) => ({
    cmd: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      simple,
      fc.tuple(tie('cmd'), fc.constantFrom(' | ', ' && ', ' || ', '; ', ' & '), tie('cmd')).map(([a, op, b]) => `${a}${op}${b}`),
      tie('cmd').map((c) => `( ${c} )`),
      tie('cmd').map((c) => `{ ${c}; }`),
      fc.tuple(tie('cmd'), tie('cmd')).map(([a, b]) => `if ${a}; then ${b}; fi`),
      tie('cmd').map((c) => `for f in a b; do ${c}; done`),
      tie('cmd').map((c) => `case $x in a|b) ${c};; *) :;; esac`),
      // The body is checked too (dash -n only sees a quoted string), so keep it simple and valid.
      simple.map((c) => `sh -c '${c.replace(/'/g, '')}'`),
    ),
  })).cmd;

  it.runIf(available)('accepted by all three', () => {
    fc.assert(
      fc.property(command, (text) => {
        for (const [dialect, shell] of SHELLS) {
          const run = spawnSync(shell, ['-n', '-c', '--', text], { encoding: 'utf8' });
          expect(run.status, `${shell} rejects ${text}: ${run.stderr}`).toBe(0);
          expect(analyzeShell(text, { dialect }).error, `${dialect}: ${text}`).toBeNull();
        }
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});
