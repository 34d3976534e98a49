import { insecureTransport } from '../../src/rules/insecure-transport.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(insecureTransport, {
  invalid: [
    { text: '0 * * * * root wget -q -O /var/lib/r.json http://rates.example.com/today\n', errors: [{ line: 1, severity: 'medium', message: '`wget` fetches http://rates.example.com without encryption' }] },
    { text: '0 * * * * root curl -fsSk https://internal.example.com/health\n', errors: [{ line: 1, message: '`curl -k` accepts any certificate' }] },
    { text: '0 * * * * root curl --insecure https://internal.example.com/health\n', errors: [{ line: 1, message: /curl -k/ }] },
    { text: '0 * * * * root wget --no-check-certificate -q https://x.example.com/\n', errors: [{ line: 1, message: /no-check-certificate/ }] },
    { text: '0 2 * * * root rsync -a -e "ssh -o StrictHostKeyChecking=no" /srv/ b@nas:/srv/\n', errors: [{ line: 1, message: /host key checking is off/ }] },
    { text: '0 2 * * * root scp -oUserKnownHostsFile=/dev/null /srv/x b@nas:\n', errors: [{ line: 1, message: /host key checking is off/ }] },
    { text: '0 2 * * * root rsync -a /srv/ rsync://nas.example.com/srv/\n', errors: [{ line: 1, message: /rsync daemon, unencrypted/ }] },
    { text: '0 2 * * * root rsync -a /srv/ nas::srv\n', errors: [{ line: 1, message: /rsync daemon/ }] },
    { text: '0 2 * * * root /usr/bin/ftp -n ftp.example.com < /etc/ftp-script\n', errors: [{ line: 1, message: /`ftp` sends everything/ }] },
    { text: '0 2 * * * root curl -T /var/backups/db.gz ftp://ftp.example.com/up/\n', errors: [{ line: 1, message: /ftp:\/\/ftp.example.com/ }] },
    { text: '0 2 * * * root curl -s "http://$HOST/ping"\n', errors: [{ line: 1, message: /http:\/\/… without encryption/ }] },
    { text: '0 2 * * * root cd /srv/app && git pull -q git://git.example.com/app.git main\n', errors: [{ line: 1, message: '`git` fetches git://git.example.com without encryption' }] },
  ],
  valid: [
    { name: 'https', text: '0 * * * * root wget -q -O /var/lib/r.json https://rates.example.com/today\n' },
    { name: 'loopback', text: '0 * * * * root curl -fsS http://localhost/cron.php; wget -q -O- http://127.0.0.1:8080/tick\n' },
    { name: 'URL in quoted echo text', text: '0 * * * * root echo "see http://example.com/docs" >> /var/log/notes\n' },
    { name: 'curl -o k is an output file named k', text: '0 * * * * root curl -fsS -ok https://x.example.com/file\n' },
    { name: 'rsync over ssh', text: '0 2 * * * root rsync -a -e ssh /srv/ backup@nas:/srv/\n' },
    { name: 'ssh with pinned keys', text: '0 2 * * * root ssh -o StrictHostKeyChecking=yes backup@nas uptime\n' },
    { name: 'a URL argument of an unknown program', text: '0 2 * * * root /usr/local/bin/notify --link http://example.com/x\n' },
    { name: 'telnet only mentioned', text: '0 2 * * * root /usr/bin/logger "telnet is disabled"\n' },
  ],
});
