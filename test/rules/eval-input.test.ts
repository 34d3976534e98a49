import { evalInput } from '../../src/rules/eval-input.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(evalInput, {
  invalid: [
    { text: '0 * * * * root eval "$(/usr/local/bin/settings --export)"\n', errors: [{ line: 1, severity: 'high', message: /^`eval` of a variable or command output/ }] },
    { text: '0 * * * * root eval $NEXT_STEP\n', errors: [{ line: 1, message: /`eval`/ }] },
    { text: '0 * * * * root sh -c "$JOB_COMMAND"\n', errors: [{ line: 1, message: /^`sh -c` of a variable/ }] },
    { text: '0 * * * * root bash -c "$(cat /srv/queue/next)"\n', errors: [{ line: 1, message: /`bash -c`/ }] },
    { text: '0 * * * * root find /srv/uploads -name "*.tmp" | xargs rm -f\n', errors: [{ line: 1, message: /find \| xargs` without `-0`/ }] },
    { text: '0 * * * * root find /home -mtime +30 -type f | sort | xargs -n 50 rm\n', errors: [{ line: 1, message: /xargs/ }] },
    { text: "0 * * * * root find /srv -name '*.jpg' -exec sh -c 'convert {} {}.png' \\;\n", errors: [{ line: 1, message: /find -exec sh -c/ }] },
  ],
  valid: [
    { name: 'find and xargs in one group are not piped into each other', text: '0 3 * * * root { find /srv -name x > /tmp/l; xargs -a /tmp/l rm; } | logger\n' },
    { name: 'find -print0 | xargs -0', text: '0 * * * * root find /srv/uploads -name "*.tmp" -print0 | xargs -0 rm -f --\n' },
    { name: 'xargs -d newline', text: "0 * * * * root find /srv -type f | xargs -d '\\n' chmod 0644\n" },
    { name: 'xargs not fed by find', text: '0 * * * * root cat /etc/app/hosts | xargs -n1 /usr/local/bin/ping-host\n' },
    { name: 'literal sh -c', text: "0 * * * * root sh -c 'cd /srv && ./run'\n" },
    { name: 'find -exec with $1', text: "0 * * * * root find /srv -name '*.jpg' -exec sh -c 'convert \"$1\" \"$1.png\"' sh {} \\;\n" },
    { name: 'eval of a literal', text: "0 * * * * root eval 'echo hi' >/dev/null\n" },
    { name: 'download into eval is remote-code-exec, not this rule', text: '0 * * * * root eval "$(curl -fsS https://x.example/env)"\n' },
    { name: 'variable as argument, not code', text: '0 * * * * root /usr/local/bin/process "$(cat /srv/queue/next)"\n' },
  ],
});
