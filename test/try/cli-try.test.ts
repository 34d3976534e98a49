// `cronwarden try` through the real command tree (in-process main()): the paths that must refuse
// before anything runs. The run itself is covered by runner.test.ts.

import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/cli/io.js';
import { parseDuration } from '../../src/cli/try.js';
import { buildInventory } from '../../src/core/inventory.js';
import { rootHost } from '../../src/host/root-host.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

function io(): Io & { stdout: string; stderr: string } {
  const sink = { stdout: '', stderr: '', color: false, isTTY: false } as Io & { stdout: string; stderr: string };
  sink.out = (t) => void (sink.stdout += t);
  sink.err = (t) => void (sink.stderr += t);
  return sink;
}

describe('cronwarden try', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('refuses any root but the live host, explaining why, with exit 2', async () => {
    const root = tempRoot({ ...debianBase(), '/etc/cron.d/job': '* * * * * root touch /tmp/should-not-exist\n' });
    cleanup = root.cleanup;
    const out = io();
    expect(await main(['try', 'etc-cron.d-job:1', '--root', root.dir, '--yes'], out)).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`try runs jobs on this machine only, and ${root.dir} is another system's tree`);
    expect(out.stderr).toContain("running the job here would run this machine's binaries");
  });

  it('answers an unknown id with how to list ids and the close matches, exit 2', async () => {
    const real = buildInventory(rootHost('/')).jobs;
    const out = io();
    const wanted = real.length ? `${real[0]!.id}0` : 'etc-crontab:999';
    expect(await main(['try', wanted], out)).toBe(2);
    expect(out.stderr).toContain(`no job with id ${wanted} on this host`);
    expect(out.stderr).toContain("cronwarden scan --format json | jq -r '.jobs[].id'");
    if (real.length) expect(out.stderr).toContain(`did you mean ${real[0]!.id}`);
  });

  it('without a terminal and without --yes, shows the preview and refuses (exit 1), running nothing', async (ctx) => {
    const live = rootHost('/');
    const job = buildInventory(live).jobs.find((j) => live.users().some((u) => u.name === j.user));
    if (!job) {
      console.warn('cli-try.test.ts: SKIPPED the confirmation case — this machine has no cron job to preview');
      ctx.skip();
      return;
    }
    const out = io();
    expect(await main(['try', job.id], out)).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`Run job ${job.id} (${job.source} line ${job.line}) now, as cron would:`);
    expect(out.stderr).toContain('refused: there is no terminal to confirm on');
    expect(out.stderr).toContain(`hint: read the preview above, then run again with --yes: cronwarden try ${job.id} --yes`);
  });

  it('rejects a bad --timeout before reading anything', async () => {
    const out = io();
    expect(await main(['try', 'x:1', '--timeout', 'soon'], out)).toBe(2);
    expect(out.stderr).toContain('--timeout soon is not a duration');
  });
});

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['90', 90_000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
  ])('%s → %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['0', '-1s', '10d', '', '1e3'])('rejects %j', (text) => expect(() => parseDuration(text)).toThrow(/is not a duration/));
});
