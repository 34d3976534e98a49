import { credentialsInCommand } from '../../src/rules/credentials-in-command.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(credentialsInCommand, {
  invalid: [
    { text: '0 2 * * * root /usr/bin/mysqldump -uroot -pS3cr3t db > /var/backups/db.sql\n', errors: [{ line: 1, severity: 'high', message: /secret on the command line \(-p…\): every local user can see it in ps while the job runs; this file is readable by every user/ }] },
    { text: '0 2 * * * root mysql --password=S3cr3t -e "FLUSH LOGS"\n', errors: [{ line: 1, message: /--password=…/ }] },
    { text: '0 * * * * root curl -fsS -H "Authorization: Bearer abcd1234efgh" https://api.example.com/\n', errors: [{ line: 1, message: /Authorization: …/ }] },
    { text: '0 * * * * root wget -q --header="X-Api-Key: 0123456789" https://api.example.com/\n', errors: [{ line: 1, message: /X-Api-Key: …/i }] },
    { text: '0 * * * * root curl -u admin:hunter2 https://api.example.com/\n', errors: [{ line: 1, message: /-u user:…/ }] },
    { text: '0 * * * * root /usr/bin/rsync -a /srv/ rsync://backup:hunter2@nas/srv/\n', errors: [{ line: 1, message: /user:password@/ }] },
    { text: '0 * * * * root MYSQL_PWD=S3cr3t /usr/bin/mysqldump db > /var/backups/db.sql\n', errors: [{ line: 1, message: /MYSQL_PWD=…/ }] },
    { text: '0 * * * * root sshpass -p hunter2 ssh backup@nas uptime\n', errors: [{ line: 1, message: /-p …/ }] },
    { name: 'env line', text: 'GITHUB_TOKEN=ghp_abcdefghijklmnop\n0 * * * * root /usr/local/bin/sync-repos\n', errors: [{ line: 1, message: /GITHUB_TOKEN is set to a literal secret: every job below it carries it in its environment, and this file is readable by every user/ }] },
    { name: 'user crontab: not world-readable', path: '/var/spool/cron/crontabs/alice', text: '0 * * * * /usr/bin/mysql -palice123 app < /home/alice/q.sql\n', errors: [{ line: 1, message: /ps while the job runs$/ }] },
  ],
  valid: [
    { name: 'option file', text: '0 2 * * * root /usr/bin/mysqldump --defaults-extra-file=/etc/mysql/backup.cnf db > /var/backups/db.sql\n' },
    { name: 'mysql -p alone prompts', text: '0 2 * * * root /usr/bin/mysql -u root -p db < /srv/q.sql\n' },
    { name: 'pg_dump -p is a port', text: '0 2 * * * root /usr/bin/pg_dump -h db -p 5432 -U app app > /var/backups/app.sql\n' },
    { name: 'secret from a variable', text: '0 2 * * * root curl -H "Authorization: Bearer $(cat /etc/app/token)" https://api.example.com/\n' },
    { name: 'password file option', text: '0 2 * * * root rsync --password-file=/etc/rsync.secret -a /srv/ rsync://backup@nas/srv/\n' },
    { name: 'pointer variables', text: 'TOKEN_FILE=/etc/app/token\nPASSWORD_FILE=/etc/app/pw\n0 2 * * * root /usr/local/bin/app\n' },
    { name: 'PWD is the working directory', text: 'PWD=/srv\n0 2 * * * root /usr/local/bin/app\n' },
    { name: 'URL without password', text: '0 2 * * * root curl -fsS https://user@example.com/ping\n' },
    { name: 'curl -u user only (prompt / netrc)', text: '0 2 * * * root curl --netrc-file /root/.netrc -u admin: https://example.com/\n' },
    { name: 'empty value', text: 'API_KEY=\n0 2 * * * root /usr/local/bin/app\n' },
  ],
});
