import { writableTargetDir } from '../../src/rules/writable-target-dir.js';
import { testRule } from '../helpers/rule-tester.js';

const script = { content: '#!/bin/sh\n', mode: 0o755 };

testRule(writableTargetDir, {
  invalid: [
    {
      name: 'world-writable parent, root job',
      text: '0 3 * * * root /opt/app/bin/report.sh\n',
      files: { '/opt/app/bin': { type: 'dir', mode: 0o777 }, '/opt/app/bin/report.sh': script },
      errors: [{ severity: 'critical', message: 'directory /opt/app/bin is writable by everyone' }],
    },
    {
      name: 'a parent owned by another user',
      text: '0 3 * * * www-data /opt/app/bin/report.sh\n',
      files: { '/opt/app': { type: 'dir', mode: 0o755, uid: 1001, gid: 1001 }, '/opt/app/bin/report.sh': script },
      errors: [{ severity: 'high', message: 'owned by bob' }],
    },
    {
      name: 'root runs a root-owned script in a user’s home',
      text: '0 3 * * * root /home/alice/bin/job.sh\n',
      files: { '/home/alice/bin': { type: 'dir', mode: 0o755 }, '/home/alice/bin/job.sh': script },
      errors: [{ severity: 'critical', message: '/home/alice is owned by alice' }],
    },
    {
      name: 'a directory reached through a symlink',
      text: '0 3 * * * root /usr/local/bin/app\n',
      files: { '/usr/local/bin/app': { target: '/srv/shared/app' }, '/srv/shared': { type: 'dir', mode: 0o775, gid: 27 }, '/srv/shared/app': script },
      errors: [{ message: '/srv/shared is writable by group sudo' }],
    },
  ],
  valid: [
    { name: 'root-owned tree', text: '0 3 * * * root /opt/app/bin/report.sh\n', files: { '/opt/app/bin/report.sh': script } },
    { name: 'sticky /tmp does not let others replace root’s file', text: '0 3 * * * root /tmp/keep.sh\n', files: { '/tmp/keep.sh': script } },
    {
      name: 'the job user’s own directories',
      text: '0 3 * * * alice /home/alice/bin/job.sh\n',
      files: { '/home/alice/bin': { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 }, '/home/alice/bin/job.sh': script },
    },
    { name: 'plain system program', text: '0 3 * * * root /usr/bin/find /var/log -mtime +30 -delete\n' },
  ],
});
