import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import type { Job } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import type { RuleContext } from '../../src/rules/rule.js';
import {
  envLineFor, jobEnvironment, lookupCommand, ownershipChain, resolveCommand, safePathFor, targetsOf, writeRisks,
} from '../../src/core/facts/index.js';
import { debianBase } from '../helpers/debian-base.js';

function context(files: TreeSpec = {}): RuleContext {
  const host = memoryHost({ ...debianBase(), ...files });
  return { host, inventory: buildInventory(host), cache: new Map() };
}

/** The jobs of one cron.d file. */
function jobsOf(text: string, files: TreeSpec = {}, path = '/etc/cron.d/example'): { ctx: RuleContext; jobs: Job[] } {
  const ctx = context({ ...files, [path]: path.startsWith('/var/spool') ? { content: text, mode: 0o600, uid: 1000, gid: 102 } : text });
  return { ctx, jobs: ctx.inventory.jobs.filter((j) => j.source === path) };
}

const targets = (text: string, files: TreeSpec = {}, path?: string) => {
  const { ctx, jobs } = jobsOf(text, files, path);
  return targetsOf(ctx, jobs[0]!).map((t) => ({ kind: t.kind, name: t.name, path: t.lookup.path, status: t.lookup.status, guarded: t.guarded }));
};

describe('jobEnvironment / envLineFor', () => {
  it("uses cron's defaults when the file sets nothing", () => {
    const { jobs } = jobsOf('0 3 * * * alice /usr/bin/true\n');
    expect(jobEnvironment(jobs[0]!)).toMatchObject({ path: '/usr/bin:/bin', pathEntries: ['/usr/bin', '/bin'], shell: '/bin/sh', home: '/home/alice', mailto: null, logname: 'alice' });
  });

  it('reads env lines above the job, and which line set PATH', () => {
    const { ctx, jobs } = jobsOf('PATH=/a:/b\n0 3 * * * root /usr/bin/true\nPATH=/c\nMAILTO=""\n0 4 * * * root /usr/bin/true\n');
    expect(jobEnvironment(jobs[0]!).pathEntries).toEqual(['/a', '/b']);
    expect(envLineFor(ctx, jobs[0]!, 'PATH')?.number).toBe(1);
    expect(envLineFor(ctx, jobs[1]!, 'PATH')?.number).toBe(3);
    expect(jobEnvironment(jobs[1]!).mailto).toBe('');
    expect(envLineFor(ctx, jobs[0]!, 'MAILTO')).toBeNull();
  });

  it('proposes a safe PATH made of directories that exist', () => {
    expect(safePathFor(context())).toBe('/usr/sbin:/usr/bin:/bin');
    expect(safePathFor(context({ '/usr/sbin': { type: 'dir' }, '/usr/local/bin': { type: 'dir' } }))).toBe('/usr/local/bin:/usr/sbin:/usr/bin:/bin');
  });
});

describe('resolveCommand / lookupCommand', () => {
  const ctx = context({ '/opt/bin/tool': { content: '', mode: 0o644 }, '/usr/local/bin/tool': { content: '', mode: 0o755 }, '/root/run.sh': { content: '', mode: 0o700 } });

  it('searches PATH in order and only accepts executable regular files', () => {
    expect(resolveCommand(ctx, 'tool', ['/opt/bin', '/usr/local/bin'])).toBe('/usr/local/bin/tool');
    expect(resolveCommand(ctx, 'tar', ['/usr/bin', '/bin'])).toBe('/usr/bin/tar');
    expect(resolveCommand(ctx, 'nope', ['/usr/bin'])).toBeNull();
    expect(resolveCommand(ctx, 'bin', ['/usr'])).toBeNull();
  });

  it('reports why a path does not run', () => {
    expect(lookupCommand(ctx, '/opt/bin/tool', []).status).toBe('not-executable');
    expect(lookupCommand(ctx, '/opt/bin', []).status).toBe('not-a-file');
    expect(lookupCommand(ctx, '/opt/none', []).status).toBe('missing');
  });

  it('resolves relative paths and empty PATH entries from the working directory', () => {
    expect(resolveCommand(ctx, './run.sh', [], '/root')).toBe('/root/run.sh');
    expect(resolveCommand(ctx, 'run.sh', [''], '/root')).toBe('/root/run.sh');
    expect(lookupCommand(ctx, './run.sh', [], null).status).toBe('unknown');
  });

  it('follows symlinks inside the root only', () => {
    const linked = context({ '/usr/local/bin/php': { target: '/usr/bin/php' }, '/usr/local/bin/out': { target: '../../../../../../usr/bin/php' } });
    expect(resolveCommand(linked, 'php', ['/usr/local/bin'])).toBe('/usr/local/bin/php');
    expect(resolveCommand(linked, '/usr/local/bin/out', [])).toBe('/usr/local/bin/out');
  });
});

describe('targetsOf', () => {
  it('lists every simple command, resolved on the job PATH', () => {
    expect(targets('0 3 * * * root tar czf /x /etc | gzip > /dev/null\n')).toEqual([
      { kind: 'command', name: 'tar', path: '/usr/bin/tar', status: 'ok', guarded: false },
      { kind: 'command', name: 'gzip', path: '/usr/bin/gzip', status: 'ok', guarded: false },
    ]);
  });

  it('skips builtins but follows cd for relative paths', () => {
    expect(targets('0 3 * * * root cd /opt/app && ./run.sh && echo done\n')).toEqual([{ kind: 'command', name: './run.sh', path: '/opt/app/run.sh', status: 'missing', guarded: false }]);
    expect(targets('0 3 * * * root cd /opt && cd - && ./run.sh\n')).toEqual([{ kind: 'command', name: './run.sh', path: null, status: 'unknown', guarded: false }]);
    expect(targets('0 3 * * * root cd /opt && cd && ./run.sh\n')[0]?.path).toBe('/root/run.sh');
  });

  it('sees through wrappers', () => {
    const found = targets('0 3 * * * root /usr/bin/nice -n 5 /usr/bin/timeout -k 5 60 /usr/bin/flock -n /run/lock/x /usr/bin/env -i LC_ALL=C tar c /etc\n');
    expect(found.map((t) => t.name)).toEqual(['/usr/bin/nice', '/usr/bin/timeout', '/usr/bin/flock', '/usr/bin/env', 'tar']);
    expect(targets('0 3 * * * root /usr/bin/find /tmp -print0 | xargs -0 -n 10 /usr/local/bin/clean\n').map((t) => t.name)).toEqual(['/usr/bin/find', 'xargs', '/usr/local/bin/clean']);
    expect(targets("0 3 * * * root /usr/bin/flock -n /run/lock/x -c 'tar c /etc'\n").map((t) => t.name)).toEqual(['/usr/bin/flock']);
    expect(targets('0 3 * * * alice sudo -n -u www-data /usr/bin/php /var/www/app/artisan\n').map((t) => [t.kind, t.name])).toEqual([
      ['command', 'sudo'],
      ['command', '/usr/bin/php'],
      ['script', '/var/www/app/artisan'],
    ]);
  });

  it('takes interpreter scripts and sourced files as targets', () => {
    expect(targets('0 3 * * * root /usr/bin/php -d memory_limit=1G /var/www/app/artisan schedule:run\n').map((t) => [t.kind, t.name])).toEqual([
      ['command', '/usr/bin/php'],
      ['script', '/var/www/app/artisan'],
    ]);
    expect(targets('0 3 * * * root python3 -m http.server\n').map((t) => t.kind)).toEqual(['command']);
    expect(targets("0 3 * * * root /bin/bash -lc 'cd /opt && ls'\n").map((t) => [t.kind, t.name])).toEqual([
      ['command', '/bin/bash'],
      ['command', 'ls'],
    ]);
    expect(targets('0 3 * * * root /usr/bin/python3 -u /opt/job.py\n').map((t) => [t.kind, t.name])).toEqual([
      ['command', '/usr/bin/python3'],
      ['script', '/opt/job.py'],
    ]);
    expect(targets('0 3 * * * root bash -c "/usr/bin/true"\n').map((t) => [t.kind, t.name])).toEqual([
      ['command', 'bash'],
      ['command', '/usr/bin/true'],
    ]);
    expect(targets('0 3 * * * root . /etc/default/app; /usr/bin/true\n')[0]).toMatchObject({ kind: 'sourced', name: '/etc/default/app', status: 'missing' });
  });

  it('uses an inline PATH for its own command and an exported one afterwards', () => {
    const files: TreeSpec = { '/opt/bin/tool': { content: '', mode: 0o755 } };
    expect(targets('0 3 * * * root PATH=/opt/bin tool\n', files)[0]?.path).toBe('/opt/bin/tool');
    expect(targets('0 3 * * * root export PATH=/opt/bin; tool\n', files)[0]?.path).toBe('/opt/bin/tool');
    expect(targets('0 3 * * * root /usr/bin/env PATH=/opt/bin tool\n', files)[1]?.path).toBe('/opt/bin/tool');
  });

  it('expands ~/ to the job HOME and marks guarded names', () => {
    expect(targets('0 3 * * * ~/bin/x.sh\n', {}, '/var/spool/cron/crontabs/alice')[0]?.path).toBe('/home/alice/bin/x.sh');
    expect(targets('0 3 * * * $HOME/bin/x.sh && "${HOME}"/y\n', {}, '/var/spool/cron/crontabs/alice').map((t) => t.path)).toEqual(['/home/alice/bin/x.sh', '/home/alice/y']);
    expect(targets('0 3 * * * $HOMEDIR/x.sh\n', {}, '/var/spool/cron/crontabs/alice')).toEqual([]);
    expect(targets('0 3 * * * root [ -x /usr/lib/x ] && /usr/lib/x\n')).toEqual([{ kind: 'command', name: '/usr/lib/x', path: '/usr/lib/x', status: 'missing', guarded: true }]);
    expect(targets('0 3 * * * root command -v sa1 >/dev/null && sa1 1 1\n').map((t) => [t.name, t.guarded])).toEqual([['sa1', true]]);
  });
});

describe('ownershipChain / writeRisks', () => {
  const files: TreeSpec = {
    '/usr/local/bin/app': { target: '/opt/app/current/run' },
    '/opt/app/releases/1': { type: 'dir', mode: 0o775, uid: 0, gid: 27 },
    '/opt/app/current': { target: 'releases/1' },
    '/opt/app/releases/1/run': { content: '', mode: 0o755 },
  };

  it('walks every directory and link the kernel resolves', () => {
    const chain = ownershipChain(context(files), '/usr/local/bin/app');
    expect(chain.resolved).toBe('/opt/app/releases/1/run');
    expect(chain.links.map((l) => `${l.role}:${l.path}`)).toEqual([
      'dir:/', 'dir:/usr', 'dir:/usr/local', 'dir:/usr/local/bin', 'symlink:/usr/local/bin/app', 'dir:/opt', 'dir:/opt/app',
      'symlink:/opt/app/current', 'dir:/opt/app/releases', 'dir:/opt/app/releases/1', 'target:/opt/app/releases/1/run',
    ]);
  });

  it('ends early at a missing component', () => {
    const chain = ownershipChain(context(), '/opt/none/x');
    expect(chain.resolved).toBeNull();
    expect(chain.links.at(-1)?.path).toBe('/');
  });

  it('judges group writes by who is in the group, and trusts the job user', () => {
    const ctx = context(files);
    const dir = ownershipChain(ctx, '/usr/local/bin/app').links.find((l) => l.path === '/opt/app/releases/1')!;
    expect(writeRisks(ctx, dir, 'root')).toEqual([{ kind: 'group', who: 'sudo' }]);
    expect(writeRisks(ctx, dir, 'alice')).toEqual([]);
    const home = ownershipChain(ctx, '/home/alice').links.at(-1)!;
    expect(writeRisks(ctx, home, 'root')).toEqual([{ kind: 'owner', who: 'alice' }]);
    expect(writeRisks(ctx, home, 'alice')).toEqual([]);
    const tmp = ownershipChain(ctx, '/tmp').links.at(-1)!;
    expect(writeRisks(ctx, tmp, 'root')).toEqual([]);
  });
});
