import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { UsageError } from '../../src/core/errors.js';
import { targetFor } from '../../src/ui/run.js';

const work = mkdtempSync(join(tmpdir(), 'cronwarden-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(): Io & { errors: string[] } {
  const errors: string[] = [];
  return { out: () => undefined, err: (t) => errors.push(t), color: false, isTTY: false, errors };
}

describe('the wizard target', () => {
  it('treats every spelling of this machine’s / as the live host', () => {
    const link = join(work, 'slash');
    symlinkSync('/', link);
    for (const root of [undefined, '/', '//', '/..', link]) expect(targetFor({ root }, io())).toEqual({ kind: 'live', root: '/' });
  });

  it('takes another host tree as a root prefix, and refuses one that does not exist or is no host', () => {
    const tree = join(work, 'web1');
    mkdirSync(join(tree, 'etc'), { recursive: true });
    writeFileSync(join(tree, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    expect(targetFor({ root: tree }, io())).toEqual({ kind: 'root', root: tree });
    expect(() => targetFor({ root: join(work, 'missing') }, io())).toThrow(UsageError);
    expect(() => targetFor({ root: work }, io())).toThrow(/has no etc\/ directory/);
  });

  it('builds the demo host in a temp dir and says where', () => {
    const out = io();
    const target = targetFor({ demo: true }, out);
    try {
      expect(target.kind).toBe('demo');
      expect(existsSync(join(target.root, 'etc/crontab'))).toBe(true);
      expect(out.errors.join('')).toContain(`demo host built in ${target.root}`);
    } finally {
      rmSync(target.root, { recursive: true, force: true });
    }
  });
});
