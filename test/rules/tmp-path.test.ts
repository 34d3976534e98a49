import { tmpPath } from '../../src/rules/tmp-path.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(tmpPath, {
  invalid: [
    { text: '0 2 * * * root /usr/bin/mysqldump app > /tmp/app.sql\n', errors: [{ line: 1, message: /fixed path `\/tmp\/app.sql` in a world-writable directory/, severity: 'medium' }] },
    { text: '0 2 * * * root curl -fsS -o /tmp/x https://example.com/x\n', errors: [{ line: 1, message: /`\/tmp\/x`/ }] },
    { text: '0 2 * * * root curl -fsS -o/var/tmp/x https://example.com/x\n', errors: [{ line: 1, message: /`\/var\/tmp\/x`/ }] },
    { text: '0 2 * * * root /usr/local/bin/report --output=/tmp/report.html\n', errors: [{ line: 1, message: /`\/tmp\/report.html`/ }] },
    { text: '*/5 * * * * root /usr/bin/flock -n /tmp/sync.lock /usr/local/bin/sync\n', errors: [{ line: 1, message: /sync.lock/ }] },
    { text: '0 2 * * * root tar czf "/tmp/etc-$(date +\\%F).tgz" /etc\n', errors: [{ line: 1, message: /`\/tmp\/etc-`/ }] },
    { text: '0 2 * * * root /tmp/cleanup.sh; cat /dev/shm/state | /usr/bin/logger\n', errors: [{ line: 1, message: /paths `\/tmp\/cleanup.sh`, `\/dev\/shm\/state`/ }] },
    { name: 'after an unescaped % (judged as it runs once escaped)', text: '0 2 * * * root date +%F > /tmp/stamp\n', errors: [{ line: 1, message: /`\/tmp\/stamp`/ }] },
    { text: '0 2 * * * root LOCKFILE=/tmp/app.lock /usr/local/bin/app\n', errors: [{ line: 1, message: /app.lock/ }] },
  ],
  valid: [
    { name: 'mktemp is the safe way', text: '0 2 * * * root f=$(mktemp /tmp/app.XXXXXX) && /usr/local/bin/dump > "$f"\n' },
    { name: 'the directory itself', text: '0 4 * * * root find /tmp -xdev -type f -mtime +7 -delete\n' },
    { name: 'cd /tmp', text: '0 4 * * * root cd /tmp && /usr/local/bin/job\n' },
    { name: 'private directories', text: '0 2 * * * root /usr/bin/flock -n /run/lock/x.lock /usr/local/bin/x > /var/lib/x/out 2>&1\n' },
    { name: '/tmpfs is not /tmp', text: '0 2 * * * root /usr/local/bin/x --dir /tmpfs/cache\n' },
    { name: 'TMPDIR itself', text: '0 2 * * * root TMPDIR=/tmp /usr/local/bin/x\n' },
    { name: 'name starts with an expansion', text: '0 2 * * * root /usr/local/bin/x > "/tmp/$(/usr/bin/uuidgen)"\n' },
  ],
});
