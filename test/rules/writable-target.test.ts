import { writableTarget } from '../../src/rules/writable-target.js';
import { testRule } from '../helpers/rule-tester.js';

const script = (mode: number, uid = 0, gid = 0) => ({ content: '#!/bin/sh\n', mode, uid, gid });

testRule(writableTarget, {
  invalid: [
    {
      name: 'world-writable script run by root: critical',
      text: '0 3 * * * root /usr/local/bin/backup.sh\n',
      files: { '/usr/local/bin/backup.sh': script(0o777) },
      errors: [{ line: 1, severity: 'critical', message: 'writable by everyone' }],
    },
    {
      name: 'group-writable by a group with members, non-root job: high',
      text: '0 3 * * * www-data /usr/local/bin/report.sh\n',
      files: { '/usr/local/bin/report.sh': script(0o775, 0, 27) },
      errors: [{ severity: 'high', message: 'writable by group sudo' }],
    },
    {
      name: 'root runs a script its developer owns',
      text: '0 3 * * * root /bin/sh /home/alice/cleanup.sh\n',
      files: { '/home/alice/cleanup.sh': script(0o644, 1000, 1000) },
      errors: [{ severity: 'critical', message: 'owned by alice' }],
    },
    {
      name: 'a sourced file others can write',
      text: '0 3 * * * root . /etc/default/app && /usr/bin/true\n',
      files: { '/etc/default/app': { content: 'X=1\n', mode: 0o666 } },
      errors: [{ severity: 'critical', message: '/etc/default/app' }],
    },
    {
      name: 'through a symlink: the file it points to',
      text: '0 3 * * * root /usr/local/bin/app\n',
      files: { '/usr/local/bin/app': { target: '/opt/app/run.sh' }, '/opt/app/run.sh': script(0o757) },
      errors: [{ severity: 'critical', message: '/usr/local/bin/app (→ /opt/app/run.sh)' }],
    },
  ],
  valid: [
    { name: 'root:root 0755', text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': script(0o755) } },
    { name: 'owned by the job user', text: '0 3 * * * alice /home/alice/cleanup.sh\n', files: { '/home/alice/cleanup.sh': script(0o755, 1000, 1000) } },
    {
      name: "group-writable by the job user's private group",
      text: '0 3 * * * alice /home/alice/cleanup.sh\n',
      files: { '/home/alice/cleanup.sh': script(0o775, 1000, 1000) },
    },
    { name: 'group-writable but the group has no members', text: '0 3 * * * root /usr/local/bin/x.sh\n', files: { '/usr/local/bin/x.sh': script(0o775, 0, 100) } },
    { name: 'missing target is missing-target’s business', text: '0 3 * * * root /usr/local/bin/nothing.sh\n' },
    { name: 'builtins are not files', text: '0 3 * * * root cd /tmp && echo hi > /dev/null\n' },
  ],
});
