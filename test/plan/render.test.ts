import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/core/operations.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { preconditionOf } from '../../src/plan/host-state.js';
import { renderOperation } from '../../src/plan/render.js';
import { debianBase } from '../helpers/debian-base.js';

const host = memoryHost({ ...debianBase(), '/etc/cron.d/x': '# one\n0 3 * * * root /usr/bin/true\r\n', '/etc/cron.d/y': { content: 'a\n', mode: 0o664, uid: 1000, gid: 1000 } });
const before = (path: string) => preconditionOf(host, path)!;

describe('renderOperation', () => {
  it('a changed file is a unified diff against the host, with a/ b/ paths and control characters shown', () => {
    const op: Operation = { op: 'write-file', path: '/etc/cron.d/x', before: before('/etc/cron.d/x'), content: '# one\n0 3 * * * root /usr/bin/true\n', encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'fixes hidden-characters' };
    expect(renderOperation(op, host)).toBe(
      '# change /etc/cron.d/x (0644 root:root): fixes hidden-characters\n' +
        '--- a/etc/cron.d/x\n+++ b/etc/cron.d/x\n@@ -1,2 +1,2 @@\n # one\n-0 3 * * * root /usr/bin/true^M\n+0 3 * * * root /usr/bin/true\n',
    );
  });

  it('a new file comes from /dev/null, a removed one goes to it', () => {
    const created: Operation = { op: 'write-file', path: '/etc/cron.allow', before: { exists: false }, content: 'root\n', encoding: 'utf8', mode: 0o640, owner: 'root', group: 'crontab', why: 'w' };
    expect(renderOperation(created, host)).toBe('# create /etc/cron.allow (0640 root:crontab): w\n--- /dev/null\n+++ b/etc/cron.allow\n@@ -0,0 +1,1 @@\n+root\n');
    const removed: Operation = { op: 'remove-file', path: '/etc/cron.d/y', before: before('/etc/cron.d/y'), why: 'renamed' };
    expect(renderOperation(removed, host)).toBe('# remove /etc/cron.d/y: renamed\n--- a/etc/cron.d/y\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n');
  });

  it('everything else is one line that says what changes from what', () => {
    expect(renderOperation({ op: 'chmod', path: '/etc/cron.d/y', before: before('/etc/cron.d/y'), mode: 0o644, why: 'w' }, host)).toBe('chmod 0644 /etc/cron.d/y (now 0664): w\n');
    expect(renderOperation({ op: 'chown', path: '/etc/cron.d/y', before: before('/etc/cron.d/y'), owner: 'root', group: 'root', why: 'w' }, host)).toBe('chown root:root /etc/cron.d/y (now alice:alice): w\n');
    expect(renderOperation({ op: 'set-shell', user: 'bob', shell: '/usr/sbin/nologin', lockPassword: true, why: 'w' }, host)).toBe('set the shell of bob to /usr/sbin/nologin and lock its password: w\n');
  });

  it('colours only when asked', () => {
    const op: Operation = { op: 'write-file', path: '/etc/cron.allow', before: { exists: false }, content: 'root\n', encoding: 'utf8', mode: 0o640, owner: 'root', group: 'root', why: 'w' };
    expect(renderOperation(op, host, { color: true })).toContain('\u001b[32m+root\u001b[0m');
    expect(renderOperation(op, host)).not.toContain('\u001b[');
  });
});
