// The log file a job writes when the host has no `logger`: /var/log/cronwarden/<name>.log, created
// for the job's user (so a job moved off root can still append), rotated weekly by logrotate.

import type { Operation } from '../core/operations.js';
import type { PlanContext } from './types.js';

export const LOG_DIR = '/var/log/cronwarden';

export function logFileOperations(ctx: PlanContext, file: string, user: string): Operation[] {
  const ops: Operation[] = [];
  const dir = ctx.precondition(LOG_DIR);
  if (dir?.exists === false) ops.push({ op: 'mkdir', path: LOG_DIR, before: dir, mode: 0o755, owner: 'root', group: 'root', why: 'job logs written by cronwarden-wrapped jobs' });
  // Debian lets the adm group read logs; a user of ours reads its own.
  const group = user !== 'root' ? user : ctx.host.groups().some((g) => g.name === 'adm') ? 'adm' : 'root';
  const log = ctx.precondition(file);
  if (log?.exists === false) ops.push({ op: 'write-file', path: file, before: log, content: '', encoding: 'utf8', mode: 0o640, owner: user, group, why: 'the job appends its output here' });
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.log$/, '');
  const rotate = `/etc/logrotate.d/cronwarden-${name}`;
  const rotateBefore = ctx.precondition(rotate);
  if (rotateBefore?.exists === false) {
    ops.push({
      op: 'write-file',
      path: rotate,
      before: rotateBefore,
      content: `${file} {\n\tweekly\n\trotate 8\n\tcompress\n\tdelaycompress\n\tmissingok\n\tnotifempty\n\tcreate 0640 ${user} ${group}\n}\n`,
      encoding: 'utf8',
      mode: 0o644,
      owner: 'root',
      group: 'root',
      why: `rotate ${file}`,
    });
  }
  return ops;
}
