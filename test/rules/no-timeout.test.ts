import { noTimeout } from '../../src/rules/no-timeout.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(noTimeout, {
  invalid: [
    { text: '0 * * * * root /usr/bin/curl -fsS https://example.com/ping\n', errors: [{ line: 1, message: 'curl' }] },
    { text: '0 2 * * * root rsync -a /srv/ backup@nas:/backups/\n', errors: [{ line: 1, message: 'rsync' }] },
    { text: '0 1 * * * root mysqldump -h db.internal app > /var/backups/app.sql\n', errors: [{ line: 1, message: 'mysqldump' }] },
    { text: '0 1 * * * root cd /tmp && wget -q https://example.com/x && ssh nas uptime\n', errors: [{ line: 1, message: 'wget, ssh' }] },
  ],
  valid: [
    { text: '0 * * * * root /usr/bin/timeout 60 /usr/bin/curl -fsS https://example.com/ping\n' },
    { text: '0 * * * * root curl -fsS --max-time 30 https://example.com/ping\n' },
    { text: '0 * * * * root curl -m 30 https://example.com/ping\n' },
    { text: '0 1 * * * root mysqldump app > /var/backups/app.sql\n' },
    { text: '0 1 * * * root pg_dump -h localhost app > /var/backups/app.sql\n' },
    { text: '0 2 * * * root rsync --timeout=300 -a /srv/ nas:/b/\n' },
    { text: '0 2 * * * root echo "curl is fun"\n' },
  ],
});
