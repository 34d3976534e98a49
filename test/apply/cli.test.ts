// The four commands through the real command tree (src/cli.ts main): flags, exit codes, and the
// stdout/stderr split (results on stdout only).

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { serializePlan } from '../../src/plan/plan-file.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';
import { before, collectIo, makePlan, treeDigest } from './helpers.js';

const OLD = '30 2 * * * root /bin/true\n';
const NEW = '30 2 * * * backup /bin/true\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function setup() {
  const t = tempRoot({ ...debianBase(), '/var/lib': { type: 'dir' }, '/etc/cron.d/backup': OLD });
  const dir = mkdtempSync(join(tmpdir(), 'cronwarden-plan-'));
  cleanups.push(t.cleanup, () => rmSync(dir, { recursive: true, force: true }));
  const plan = makePlan(t.dir, [
    { op: 'write-file', path: '/etc/cron.d/backup', before: before(t.dir, '/etc/cron.d/backup'), content: NEW, encoding: 'utf8', mode: 0o644, owner: 'root', group: 'root', why: 'run as backup' },
  ]);
  const file = join(dir, 'plan.json');
  writeFileSync(file, serializePlan(plan));
  return { root: t.dir, file };
}

async function run(args: string[]) {
  const io = collectIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('apply, backups, rollback, recover commands', () => {
  it('refuses without --yes and no terminal (exit 1, hint names --yes), dry-runs, applies, lists, rolls back', async () => {
    const { root, file } = setup();
    const start = treeDigest(root);
    const refused = await run(['apply', file, '--root', root]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('--yes');

    const dry = await run(['apply', file, '--root', root, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('+30 2 * * * backup /bin/true');
    expect(treeDigest(root)).toEqual(start);

    const applied = await run(['apply', file, '--root', root, '--yes']);
    expect(applied.code).toBe(0);
    const id = /backup (\S+)/.exec(applied.out)?.[1] ?? '';
    expect(applied.out).toContain(`to undo: cronwarden rollback ${id} --root ${root}`);
    expect(readFileSync(`${root}/etc/cron.d/backup`, 'utf8')).toBe(NEW);

    const again = await run(['apply', file, '--root', root, '--yes']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('changed since the plan was made');

    const list = await run(['backups', '--root', root]);
    expect(list.out).toMatch(new RegExp(`${id} .* applied +1 change\\(s\\): write-file /etc/cron.d/backup`));

    const rb = await run(['rollback', '--root', root, '--yes']);
    expect(rb.code).toBe(0);
    expect(rb.out).toContain(`restored /etc/cron.d/backup\nrolled back ${id}`);
    expect(treeDigest(root)).toEqual(start);
    expect((await run(['recover', '--root', root])).out).toContain('nothing to recover');
  });

  it('a refused apply leaves the tree as it was: no empty state directory behind', async () => {
    const { root, file } = setup();
    writeFileSync(`${root}/etc/cron.d/backup`, '# edited after the plan\n');
    const start = treeDigest(root);
    const refused = await run(['apply', file, '--root', root, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('changed since the plan was made');
    expect(treeDigest(root)).toEqual(start);
    expect(existsSync(`${root}/var/lib/cronwarden`)).toBe(false);
  });

  it('rejects an edited plan and a plan for another root (exit 2)', async () => {
    const { root, file } = setup();
    writeFileSync(file, readFileSync(file, 'utf8').replace('backup /bin/true', 'root /bin/evil'));
    const edited = await run(['apply', file, '--root', root, '--yes']);
    expect(edited.code).toBe(2);
    expect(edited.err).toContain('changed after it was made');
    const other = setup();
    expect((await run(['apply', other.file, '--root', root, '--yes'])).code).toBe(2);
    expect((await run(['apply', join(root, 'missing.json'), '--root', root])).code).toBe(2);
  });

  it('has help for each command', async () => {
    for (const [command, flag] of [['apply', '--dry-run'], ['backups', '--root'], ['rollback', '--remove-users'], ['recover', '--force']] as const) {
      const help = await run([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(flag);
    }
  });
});
