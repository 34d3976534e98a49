import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { UsageError } from '../../src/core/errors.js';
import { ScanningScreen } from '../../src/ui/screens/scanning.js';
import { initialState } from '../../src/ui/state.js';
import { placeholder, targetFor } from '../../src/ui/target.js';
import { DEMO_TARGET, renderInk, unmount, type Rendered } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'cronwarden-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(): Io & { errors: string[] } {
  const errors: string[] = [];
  return { out: () => undefined, err: (t) => errors.push(t), color: false, isTTY: false, errors };
}

describe('the wizard target', () => {
  it('treats every spelling of this machine’s / as the live host', async () => {
    const link = join(work, 'slash');
    symlinkSync('/', link);
    for (const root of [undefined, '/', '//', '/..', link]) expect(await targetFor({ root }, io())).toEqual({ kind: 'live', root: '/' });
  });

  it('takes another host tree as a root prefix, and refuses one that does not exist or is no host', async () => {
    const tree = join(work, 'web1');
    mkdirSync(join(tree, 'etc'), { recursive: true });
    writeFileSync(join(tree, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    expect(await targetFor({ root: tree }, io())).toEqual({ kind: 'root', root: tree });
    await expect(targetFor({ root: join(work, 'missing') }, io())).rejects.toThrow(UsageError);
    await expect(targetFor({ root: work }, io())).rejects.toThrow(/has no etc\/ directory/);
  });

  it('builds the demo host in a temp dir and says where', async () => {
    const out = io();
    const target = await targetFor({ demo: true }, out);
    try {
      expect(target.kind).toBe('demo');
      expect(existsSync(join(target.root, 'etc/crontab'))).toBe(true);
      expect(out.errors.join('')).toContain(`demo host built in ${target.root}`);
    } finally {
      rmSync(target.root, { recursive: true, force: true });
    }
  });
});

describe('the rows drawn while Ink loads', () => {
  let r: Rendered | null = null;
  afterEach(async () => {
    if (r) await unmount(r);
    r = null;
  });

  it('are the scanning screen’s first two rows, so its first frame draws over them', async () => {
    for (const target of [DEMO_TARGET, { kind: 'live', root: '/' } as const, { kind: 'root', root: '/srv/hosts/web1' } as const]) {
      const { text, home } = placeholder(target, 80);
      r = await renderInk(<ScanningScreen state={initialState(target, { columns: 80, rows: 24 })} tick={0} />);
      const frame = (r.lastFrame() ?? '').split('\n');
      await unmount(r);
      r = null;
      const rows = text.split('\n');
      expect(rows.slice(2)).toEqual(['']);
      // The title row is one column narrower (so it never wraps): Ink's own row, over it, has one
      // more space before the target.
      expect(rows[0]).toHaveLength(79);
      expect(rows[0]!.replace(/ {2,}/, (gap) => `${gap} `)).toBe(frame[0]);
      expect(rows[1]).toBe(frame[1]!.trimEnd());
      expect(home).toBe('\u001b[2A\r');
    }
  });

  it('never reach the last column nor carry control characters from the root path', () => {
    const { text } = placeholder({ kind: 'root', root: `/srv/\u001b]0;owned\u0007${'x'.repeat(200)}` }, 60);
    for (const row of text.split('\n')) {
      expect(row.length).toBeLessThan(60);
      expect(row).toMatch(/^[\x20-\x7e›⠋]*$/);
    }
    expect(text).toContain('/srv/?]0;owned?xxx');
  });
});
