import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveReviews } from '../../src/apply/review-store.js';
import { buildInventory } from '../../src/core/inventory.js';
import { jobLineHash, LEDGER_PATH } from '../../src/core/review-ledger.js';
import { RefusedError } from '../../src/core/errors.js';
import { rootHost } from '../../src/host/root-host.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function host() {
  const t = tempRoot({ ...debianBase(), '/var/lib': { type: 'dir' }, '/etc/cron.d/backup': '30 2 * * * root /bin/true\n45 2 * * * root /bin/false\n' });
  cleanups.push(t.cleanup);
  const [first, second] = buildInventory(rootHost(t.dir)).jobs;
  return { root: t.dir, first: first!, second: second! };
}

describe('the review ledger writer', () => {
  it('creates the ledger root-only, adds and takes back marks, keeps the others', () => {
    const { root, first, second } = host();
    saveReviews(root, { mark: [{ job: first, by: 'alice', at: '2026-11-25T10:00:00.000Z' }, { job: second, by: 'alice', at: '2026-11-25T10:00:00.000Z' }], unmark: [] });
    const file = join(root, LEDGER_PATH);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, '/var/lib/cronwarden')).mode & 0o777).toBe(0o700);
    saveReviews(root, { mark: [], unmark: [first] });
    const ledger = JSON.parse(readFileSync(file, 'utf8'));
    expect(ledger).toEqual({ version: 1, reviews: [{ source: '/etc/cron.d/backup', lineHash: jobLineHash(second), by: 'alice', at: '2026-11-25T10:00:00.000Z' }] });
  });

  it('refuses to overwrite a ledger it cannot read, and leaves it as it was', () => {
    const { root, first } = host();
    saveReviews(root, { mark: [{ job: first, by: 'alice', at: '2026-11-25T10:00:00.000Z' }], unmark: [] });
    const file = join(root, LEDGER_PATH);
    writeFileSync(file, '{broken');
    expect(() => saveReviews(root, { mark: [{ job: first, by: 'bob', at: '2026-11-25T11:00:00.000Z' }], unmark: [] })).toThrow(RefusedError);
    expect(readFileSync(file, 'utf8')).toBe('{broken');
  });

  it('a scan after marking no longer reports the job as unreviewed', async () => {
    const { root, first } = host();
    saveReviews(root, { mark: [{ job: first, by: 'alice', at: rootHost(root).now().toISOString() }], unmark: [] });
    const { scan } = await import('../../src/scan.js');
    const unreviewed = scan(rootHost(root), { rules: ['unreviewed-job'] }).findings.map((f) => f.job);
    expect(unreviewed).not.toContain(first.id);
    expect(unreviewed.length).toBe(1);
  });
});
