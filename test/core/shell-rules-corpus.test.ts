// False-positive guard for the command-shape rules: ordinary jobs as admins write them (package
// cron files, vendor docs, common how-tos) raise nothing from any of them.

import { describe, expect, it } from 'vitest';
import { credentialsInCommand } from '../../src/rules/credentials-in-command.js';
import { evalInput } from '../../src/rules/eval-input.js';
import { insecureTransport } from '../../src/rules/insecure-transport.js';
import { pipelineHidesFailure } from '../../src/rules/pipeline-hides-failure.js';
import { remoteCodeExec } from '../../src/rules/remote-code-exec.js';
import { shellSyntax } from '../../src/rules/shell-syntax.js';
import { sudoInJob } from '../../src/rules/sudo-in-job.js';
import { suspiciousPayload } from '../../src/rules/suspicious-payload.js';
import { tmpPath } from '../../src/rules/tmp-path.js';
import { unescapedPercent } from '../../src/rules/unescaped-percent.js';
import { wildcardInjection } from '../../src/rules/wildcard-injection.js';
import { runRule } from '../helpers/rule-tester.js';

const RULES = [credentialsInCommand, evalInput, insecureTransport, pipelineHidesFailure, remoteCodeExec, shellSyntax, sudoInJob, suspiciousPayload, tmpPath, unescapedPercent, wildcardInjection];

const BENIGN = [
  '17 * * * * root cd / && run-parts --report /etc/cron.hourly',
  '25 6 * * * root test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }',
  '09,39 * * * * root [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi',
  '30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron',
  '5-55/10 * * * * root command -v debian-sa1 > /dev/null && debian-sa1 1 1',
  '59 23 * * * root command -v debian-sa1 > /dev/null && debian-sa1 60 2',
  "0 */12 * * * root test -x /usr/bin/certbot -a \\! -d /run/systemd/system && perl -e 'sleep int(rand(43200))' && certbot -q renew --no-random-sleep-on-renew",
  '57 8 * * 0 root if [ -x /usr/share/mdadm/checkarray ] && [ $(date +\\%d) -le 7 ]; then /usr/share/mdadm/checkarray --cron --all --idle --quiet; fi',
  '* * * * * www-data cd /var/www/app && php artisan schedule:run >> /dev/null 2>&1',
  '*/5 * * * * www-data /usr/bin/php /var/www/nextcloud/cron.php',
  '0 3 * * * root /usr/bin/find /var/log/app -name "*.gz" -mtime +30 -delete',
  '0 2 * * * root /usr/local/bin/backup.sh > /var/log/backup.log 2>&1',
  '0 4 * * * root /usr/bin/flock -n /run/lock/db.lock /usr/bin/timeout 2h /usr/local/bin/db-optimize 2>&1 | /usr/bin/logger -t db',
  '0 1 * * * postgres /usr/bin/pg_dump -Fc app -f /var/backups/app.dump',
  '0 1 * * * root /usr/bin/mysqldump --defaults-extra-file=/etc/mysql/backup.cnf --single-transaction app --result-file=/var/backups/app.sql',
  '*/15 * * * * root /usr/bin/curl -fsS -m 10 --retry 3 https://hc-ping.com/5f1c-4a6b > /dev/null',
  '0 5 * * 1 root /usr/bin/apt-get -qq update && /usr/bin/apt-get -qq -y upgrade > /var/log/apt-cron.log 2>&1',
  '0 0 * * * root /usr/sbin/logrotate /etc/logrotate.conf',
  '@reboot root /usr/bin/docker start app >/dev/null 2>&1',
  '0 6 * * * root /usr/bin/rsync -a --delete -e "ssh -i /root/.ssh/backup_ed25519" /srv/ backup@nas.example.com:/srv/',
  '15 2 * * * root /root/.acme.sh/acme.sh --cron --home /root/.acme.sh > /dev/null',
  '0 0 * * 0 root /usr/bin/tar czf /var/backups/etc-$(date +\\%F).tgz -C / etc',
  '0 3 * * * root /usr/bin/find /srv/uploads -type f -name "*.tmp" -print0 | /usr/bin/xargs -0 rm -f --',
  '*/10 * * * * root /usr/bin/wget -q -O /dev/null http://localhost/cron.php',
  '0 8 * * 1-5 alice /home/alice/.local/bin/standup-reminder',
  '30 2 * * * root /usr/bin/systemctl restart php8.2-fpm',
  '0 * * * * root [ -f /var/run/app.pid ] && kill -0 $(cat /var/run/app.pid) || /usr/local/bin/app-start',
  '0 0 1 * * root echo "monthly report: see https://wiki.example.com/reports" | /usr/bin/mail -s report ops@example.com',
  '0 4 * * * root cd /var/www/site && /usr/bin/git pull -q --ff-only && /usr/bin/npm ci --silent',
  '0 3 * * * root /usr/sbin/ntpdate -s pool.ntp.org',
];

describe('benign cron lines raise nothing from the command-shape rules', () => {
  it.each(BENIGN)('%s', (line) => {
    for (const rule of RULES) {
      const findings = runRule(rule, { text: `${line}\n` });
      expect(findings.map((f) => `${f.rule}: ${f.message}`), rule.id).toEqual([]);
    }
  });
});
