import { cronDirPerms } from '../../src/rules/cron-dir-perms.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';
const DIRS = ['/etc/cron.d', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly'];
const tight = (over: TreeSpec = {}): TreeSpec => ({ ...Object.fromEntries(DIRS.map((d) => [d, { type: 'dir' as const, mode: 0o700 }])), ...over });

testRule(cronDirPerms, {
  invalid: [
    {
      name: 'stock Debian 0755 dirs: low each',
      text: JOB,
      errors: DIRS.slice().sort().map((path) => ({ path, severity: 'low' as const, line: null })),
    },
    {
      name: 'world-writable cron.daily: high',
      text: JOB,
      files: tight({ '/etc/cron.daily': { type: 'dir', mode: 0o777 } }),
      errors: [{ path: '/etc/cron.daily', severity: 'high', message: 'run-parts runs as root' }],
    },
    {
      name: 'cron.d owned by a user',
      text: JOB,
      files: tight({ '/etc/cron.d': { type: 'dir', mode: 0o700, uid: 1000 } }),
      errors: [{ path: '/etc/cron.d', severity: 'high', message: 'owned by alice' }],
    },
    { name: 'cron.weekly in group adm', text: JOB, files: tight({ '/etc/cron.weekly': { type: 'dir', mode: 0o750, gid: 4 } }), errors: [{ path: '/etc/cron.weekly', severity: 'low' }] },
  ],
  valid: [
    { name: 'all 0700 root:root', text: JOB, files: tight() },
    { name: 'cron.yearly present and 0700 too', text: JOB, files: tight({ '/etc/cron.yearly': { type: 'dir', mode: 0o700 } }) },
    { name: 'a file named like a cron dir is not judged here', text: JOB, files: tight({ '/etc/cron.yearly': { content: 'x\n', mode: 0o666 } }) },
  ],
});
