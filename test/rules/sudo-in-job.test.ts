import { sudoInJob } from '../../src/rules/sudo-in-job.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(sudoInJob, {
  invalid: [
    { path: '/var/spool/cron/crontabs/alice', text: '0 2 * * * sudo /usr/sbin/service nginx reload\n', errors: [{ line: 1, severity: 'high', message: /job of alice runs `sudo`/ }] },
    { text: '0 2 * * * www-data /usr/bin/sudo -n /usr/local/bin/rotate\n', errors: [{ line: 1, severity: 'high', message: /www-data runs `sudo`/ }] },
    { text: '0 2 * * * backup nice -n 10 doas /usr/local/bin/snap\n', errors: [{ line: 1, message: /`doas`/ }] },
    { text: '0 2 * * * alice cd /srv && pkexec /usr/bin/systemctl restart app\n', errors: [{ line: 1, message: /`pkexec`/ }] },
    { text: "0 2 * * * alice sh -c 'sudo /usr/bin/apt-get -qq update'\n", errors: [{ line: 1, message: /`sudo`/ }] },
    { text: "0 2 * * * root su - postgres -c 'vacuumdb --all'\n", errors: [{ line: 1, severity: 'medium', message: /root job runs `su`/ }] },
    { text: '0 2 * * * root /usr/bin/sudo -u www-data /usr/bin/php /var/www/cron.php\n', errors: [{ line: 1, severity: 'medium' }] },
  ],
  valid: [
    { text: '0 2 * * * postgres /usr/bin/vacuumdb --all --quiet\n' },
    { text: '0 2 * * * root echo "sudo is not run here" >> /var/log/x\n' },
    { text: '0 2 * * * root /usr/local/bin/sudoers-audit --check\n' },
    { text: '0 2 * * * root grep -c sudo /var/log/auth.log > /var/lib/sudo-count\n' },
    { text: "0 2 * * * alice sh -c 'echo su'\n" },
    { text: '0 2 * * * root /usr/bin/visudo -c -q\n' },
  ],
});
