import { wildcardInjection } from '../../src/rules/wildcard-injection.js';
import { testRule } from '../helpers/rule-tester.js';

const uploads = { '/srv/uploads': { type: 'dir' as const, mode: 0o777 } };

testRule(wildcardInjection, {
  invalid: [
    {
      text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/u.tgz *\n',
      files: uploads,
      errors: [{ line: 1, severity: 'critical', message: '`tar … *` expands in /srv/uploads (writable by everyone): a file named like `--checkpoint-action=exec=sh x.sh` runs a command' }],
    },
    { name: 'sticky /tmp still lets anyone create names', text: '0 2 * * * root cd /tmp && chown root:root *\n', errors: [{ line: 1, message: /in \/tmp \(writable by everyone\).*--reference/ }] },
    { name: 'a directory owned by another user', text: '0 2 * * * root cd /home/alice/www && rsync -a *.html /var/www/\n', files: { '/home/alice/www': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 } }, errors: [{ line: 1, message: /owned by alice/ }] },
    { name: 'HOME is where cron starts', path: '/var/spool/cron/crontabs/bob', text: '0 2 * * * chmod 0644 *\n', files: { '/home/bob': { type: 'dir', mode: 0o777, uid: 1001, gid: 1001 } }, errors: [{ line: 1, severity: 'high', message: /in \/home\/bob/ }] },
    { name: 'cd and glob inside one sh -c script', text: "0 2 * * * root sh -c 'cd /srv/uploads && tar czf /b/u.tgz *'\n", files: uploads, errors: [{ line: 1, message: /in \/srv\/uploads/ }] },
    { name: 'group with other members', text: '0 2 * * * root cd /srv/shared && zip -r /b/s.zip *\n', files: { '/srv/shared': { type: 'dir', mode: 0o775, gid: 27 } }, errors: [{ line: 1, message: /writable by group sudo/ }] },
  ],
  valid: [
    { name: '-- ends the options', text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/u.tgz -- *\n', files: uploads },
    { name: './* cannot start with -', text: '0 2 * * * root cd /srv/uploads && tar czf /var/backups/u.tgz ./*\n', files: uploads },
    { name: 'absolute glob cannot start with -', text: '0 2 * * * root tar czf /var/backups/u.tgz /srv/uploads/*\n', files: uploads },
    { name: 'root-only directory', text: '0 2 * * * root cd /etc && tar czf /var/backups/etc.tgz *\n' },
    { name: 'quoted glob is not expanded', text: "0 2 * * * root cd /srv/uploads && tar czf /var/backups/u.tgz '*'\n", files: uploads },
    { name: 'a program without dangerous options', text: '0 2 * * * root cd /srv/uploads && rm -f *.tmp\n', files: uploads },
    { name: 'the job user’s own directory', path: '/var/spool/cron/crontabs/alice', text: '0 2 * * * cd /home/alice/www && tar czf /home/alice/www.tgz *\n', files: { '/home/alice/www': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 } } },
    { name: 'a cd inside sh -c does not move the outer command', text: "0 2 * * * root sh -c 'cd /srv/uploads'; tar czf /b/x.tgz *\n", files: uploads },
    { name: 'unknown directory', text: '0 2 * * * root cd "$DIR" && tar czf /b/x.tgz *\n' },
  ],
});
