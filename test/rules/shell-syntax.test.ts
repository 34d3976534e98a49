import { shellSyntax } from '../../src/rules/shell-syntax.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(shellSyntax, {
  invalid: [
    { text: '0 3 * * * root [[ -d /srv ]] && /usr/local/bin/backup\n', errors: [{ line: 1, message: /^\/bin\/sh \(dash\): `\[\[ … \]\]` is bash-only.*column 1/, severity: 'high' }] },
    { text: '0 3 * * * root /usr/local/bin/backup &>/dev/null\n', errors: [{ line: 1, message: /`&>` is bash-only: \/bin\/sh \(dash\) runs the command in the background/ }] },
    { text: '0 3 * * * root /usr/local/bin/report "daily\n', errors: [{ line: 1, message: /unterminated double quote.*\(column 23,/ }] },
    { text: '0 3 * * * root diff <(ls /a) <(ls /b) > /tmp/d\n', errors: [{ line: 1, message: /Syntax error: "\(" unexpected/ }] },
    { text: '0 3 * * * root if [ -f /x ]; then /usr/local/bin/y\n', errors: [{ line: 1, message: /end of file unexpected \(expecting "fi"\)/ }] },
    { text: "0 3 * * * root sh -c 'for f in /a/*; do gzip $f'\n", errors: [{ line: 1, message: /in the sh -c script: Syntax error/ }] },
    { name: 'SHELL=/bin/sh set explicitly', text: 'SHELL=/bin/sh\n0 3 * * * root cat <<< "x" | /usr/bin/logger\n', errors: [{ line: 2, message: /redirection unexpected/ }] },
    { name: 'bash has its own errors', text: 'SHELL=/bin/bash\n0 3 * * * root echo $(( 1 + \n', errors: [{ line: 2, message: /^\/bin\/bash: unterminated arithmetic/ }] },
    { name: 'a cut at % leaves a broken substitution', text: '0 3 * * * root tar czf /b/$(date +%F).tgz /etc\n', errors: [{ line: 1, message: /missing|unexpected/ }] },
  ],
  valid: [
    { text: '0 3 * * * root [ -d /srv ] && /usr/local/bin/backup >/dev/null 2>&1\n' },
    { text: 'SHELL=/bin/bash\n0 3 * * * root [[ -d /srv ]] && diff <(ls /a) <(ls /b) &>/dev/null\n' },
    { name: 'test and cd are fine', text: '0 3 * * * root test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )\n' },
    { name: 'escaped %', text: '0 3 * * * root tar czf /b/$(date +\\%F).tgz /etc\n' },
    { name: 'stock php line', text: '09,39 * * * * root [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi\n' },
    { name: 'a shell we do not judge', text: 'SHELL=/bin/ksh\n0 3 * * * root [[ -d /srv ]] && /usr/local/bin/backup\n' },
    { name: 'quotes and substitutions', text: `0 3 * * * root echo "it's $(hostname)" 'a"b' | /usr/bin/logger -t x\n` },
    { name: 'sh -c with a good script', text: "0 3 * * * root sh -c 'for f in /a/*; do gzip \"$f\"; done'\n" },
  ],
});
