import { pipelineHidesFailure } from '../../src/rules/pipeline-hides-failure.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(pipelineHidesFailure, {
  invalid: [
    { text: '0 2 * * * root /usr/bin/mysqldump app | /bin/gzip > /var/backups/app.sql.gz\n', errors: [{ line: 1, severity: 'low', message: '`mysqldump | gzip`: if mysqldump fails, the pipeline still succeeds and leaves an empty or truncated backup' }] },
    { text: '0 2 * * * postgres pg_dumpall | zstd -q | /usr/bin/aws s3 cp - s3://b/all.zst\n', errors: [{ line: 1, message: /`pg_dumpall \| zstd \| aws`/ }] },
    { text: '0 2 * * * root tar czf - /etc | ssh backup@nas "cat > /b/etc.tgz"\n', errors: [{ line: 1, message: /`tar \| ssh`/ }] },
    { text: '0 2 * * * root tar -c /srv | gzip > /var/backups/srv.tgz\n', errors: [{ line: 1, message: /tar/ }] },
    { name: 'pipefail does not exist in dash', text: '0 2 * * * root set -o pipefail; mysqldump app | gzip > /var/backups/app.gz\n', errors: [{ line: 1 }] },
    { name: 'judged as meant when an unescaped % cuts it', text: '0 2 * * * root mysqldump app | gzip > /var/backups/app-$(date +%F).gz\n', errors: [{ line: 1, message: /mysqldump \| gzip/ }] },
    { name: 'a group as the first element', text: '0 2 * * * root { /usr/bin/mysqldump app; } | /bin/gzip > /var/backups/app.sql.gz\n', errors: [{ line: 1, message: /^`mysqldump \| gzip`/ }] },
    {
      name: 'dumps in a subshell, each hidden once',
      text: '0 2 * * * postgres ( /usr/bin/pg_dump a; /usr/bin/pg_dump b ) | /usr/bin/zstd -q -o /b/all.zst\n',
      errors: [{ line: 1, message: /^`pg_dump \| zstd`/ }],
    },
    { name: 'a pipeline inside a group is reported once, for its own pipe', text: '0 2 * * * root { /usr/bin/mysqldump app | /bin/gzip; } > /var/backups/app.gz\n', errors: [{ line: 1, message: /^`mysqldump \| gzip`/ }] },
    { name: 'behind wrappers', text: '0 2 * * * root nice -n 19 /usr/bin/mysqldump app | gzip > /var/backups/app.gz\n', errors: [{ line: 1, message: /mysqldump/ }] },
  ],
  valid: [
    { name: 'bash with pipefail', text: 'SHELL=/bin/bash\n0 2 * * * root set -o pipefail; /usr/bin/mysqldump app | /bin/gzip > /var/backups/app.sql.gz\n' },
    { name: 'dump to a file first', text: '0 2 * * * root mysqldump --result-file=/var/backups/app.sql app && gzip -f /var/backups/app.sql\n' },
    { name: 'tar to a file', text: '0 2 * * * root tar czf /var/backups/etc.tgz /etc\n' },
    { name: 'not a dump', text: '0 2 * * * root /usr/local/bin/report | mail -s report root\n' },
    { name: 'dump at the end of the pipe', text: '0 2 * * * root gunzip -c /b/app.sql.gz | mysql app\n' },
    { name: 'PIPESTATUS checked in bash', text: 'SHELL=/bin/bash\n0 2 * * * root mysqldump app | gzip > /b/app.gz; exit ${PIPESTATUS[0]}\n' },
    { name: 'the dump goes to a file, not into the pipe', text: '0 2 * * * root { /usr/bin/mysqldump app > /var/backups/app.sql; echo done; } | /usr/bin/logger -t backup\n' },
    { name: 'tar extracting', text: '0 2 * * * root curl -fsS https://x.example/a.tgz -o /var/lib/a.tgz && tar xzf /var/lib/a.tgz -C /srv\n' },
  ],
});
