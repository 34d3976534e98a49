import { remoteCodeExec } from '../../src/rules/remote-code-exec.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(remoteCodeExec, {
  invalid: [
    { text: '*/5 * * * * root curl -fsSL https://x.example/i.sh | sh\n', errors: [{ line: 1, message: /`curl … \| sh` runs whatever the server sends/, severity: 'critical' }] },
    { text: '0 * * * * root wget -q -O - http://x.example/a | sudo bash -s -- --quiet\n', errors: [{ line: 1, message: /wget … \| bash/ }] },
    { text: '0 * * * * root curl -s https://x.example/p.py | python3 -\n', errors: [{ line: 1, message: /python3/ }] },
    { text: '0 * * * * root curl -s https://x.example/p | perl\n', errors: [{ line: 1, message: /perl/ }] },
    { name: 'bash <(wget) under bash', text: 'SHELL=/bin/bash\n0 * * * * root bash <(wget -qO- https://x.example/a)\n', errors: [{ line: 2, message: /`bash` runs the output of `wget`/ }] },
    { name: 'bash <(wget) under /bin/sh is still judged', text: '0 * * * * root bash <(wget -qO- https://x.example/a)\n', errors: [{ line: 1, message: /runs the output of `wget`/ }] },
    { text: '0 4 * * * root bash -c "$(curl -fsSL https://x.example/install.sh)"\n', errors: [{ line: 1, message: /`bash` runs the output of `curl`/ }] },
    { text: '0 4 * * * root eval "$(wget -qO- https://x.example/env)"\n', errors: [{ line: 1, message: /`eval` runs the output of `wget`/ }] },
    { text: "0 4 * * * root sh -c 'curl -s https://x.example/a | sh'\n", errors: [{ line: 1, message: /curl … \| sh/ }] },
    { text: '0 4 * * * root cd /tmp && curl -s https://x.example/a | timeout 60 sh > /dev/null 2>&1\n', errors: [{ line: 1, message: /curl … \| sh/ }] },
    { name: 'into a subshell', text: '*/5 * * * * root curl -fsSL https://x.example/i.sh | (sh)\n', errors: [{ line: 1, message: /`curl … \| sh`/ }] },
    { name: 'into a group', text: '*/5 * * * * root curl -fsSL https://x.example/i.sh | { /bin/bash; }\n', errors: [{ line: 1, message: /`curl … \| bash`/ }] },
    { name: 'from a subshell', text: '*/5 * * * * root (cd /tmp && wget -qO- https://x.example/i.sh) | sh\n', errors: [{ line: 1, message: /`wget … \| sh`/ }] },
    { text: '0 4 * * * alice python3 -c "$(curl -s https://x.example/a.py)"\n', errors: [{ line: 1, message: /python3` runs the output of `curl`/ }] },
    { text: '0 4 * * * root wget -q -O /tmp/i.sh https://x.example/i.sh && sh /tmp/i.sh\n', errors: [{ line: 1, message: '`wget` saves /tmp/i.sh and the job then runs it, unverified' }] },
    { text: '0 4 * * * root curl -fsSo /opt/agent https://x.example/agent; chmod +x /opt/agent; /opt/agent --once\n', errors: [{ line: 1, message: /`curl` saves \/opt\/agent/ }] },
  ],
  valid: [
    { name: 'a downloaded file that is only read', text: '0 4 * * * root curl -fsS -o /var/lib/app/feed.json https://x.example/feed && /usr/local/bin/import /var/lib/app/feed.json\n' },
    { name: 'tee is not an interpreter', text: '0 * * * * root curl -fsS https://x.example/feed | tee /var/lib/app/feed.json\n' },
    { name: 'local script reads the download as data', text: '0 * * * * root curl -fsS https://x.example/d.csv | /usr/bin/python3 /opt/etl/load.py\n' },
    { name: 'sh -c with a literal script reads no stdin code', text: "0 * * * * root curl -fsS https://x.example/d | sh -c 'cat > /var/lib/d'\n" },
    { name: 'download to a file', text: '0 * * * * root curl -fsS -o /var/lib/app/feed.json https://x.example/feed\n' },
    { name: 'URL only mentioned', text: '0 * * * * root echo "curl https://x.example/i.sh | sh" >> /var/log/notes\n' },
    { name: 'grep over a download', text: '0 * * * * root curl -s https://x.example/status | grep -q OK || /usr/local/bin/alert\n' },
    { name: 'interpreter before the download', text: '0 * * * * root sh /opt/build.sh | curl -s -T - https://x.example/upload\n' },
    { name: 'the same element: sh reads the job’s stdin, not curl’s output', text: '0 * * * * root { curl -fsS https://x.example/ping; sh; } | /usr/bin/logger -t x\n' },
    { name: 'substitution as data', text: '0 * * * * root echo "$(curl -s https://x.example/ip)" > /var/lib/ip\n' },
  ],
});
