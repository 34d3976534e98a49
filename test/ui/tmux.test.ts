// The built binary in a real terminal: `cronwarden --demo` in a detached 100×30 tmux session,
// driven with send-keys and read with capture-pane, from the overview to the done screen and out.
// tmux runs on its own socket (-L), so no tmux server of the user is touched.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'dist/cli.js');
const SOCKET = `cronwarden-test-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCi = process.env.CRONWARDEN_IN_CI === 'true';

if (!hasTmux && !inCi) console.warn('SKIPPED test/ui/tmux.test.ts: tmux is not installed (apt-get install tmux); the wizard was not tested in a real terminal');

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const pane = (session = 'wizard'): string => tmux('capture-pane', '-p', '-t', session);

/** Polls the pane until `predicate` holds: the binary renders on its own clock. */
async function waitForPane(predicate: (screen: string) => boolean, what: string, timeoutMs = 60_000, session = 'wizard'): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = pane(session);
    if (predicate(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`tmux: no ${what} within ${timeoutMs} ms; the pane shows:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const work = mkdtempSync(join(tmpdir(), 'cronwarden-tmux-'));
const demoDirs: string[] = [];
/** An SGR sequence that sets a foreground colour (30–37, 90–97, 38;…). */
const COLOUR = /\u001b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m/;

describe.skipIf(!hasTmux && !inCi)('the built binary in tmux', () => {
  beforeAll(() => {
    if (!hasTmux) throw new Error('tmux is not installed, and CI must run this test (apt-get install tmux)');
    // Build so the binary matches the source under test (type errors elsewhere do not stop emit).
    spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'ignore' });
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build did not produce it`);
  });

  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    for (const dir of demoDirs) if (dir.startsWith(join(tmpdir(), 'cronwarden-demo-'))) rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the overview, a diff and the done screen, and q exits with status 0', async () => {
    const status = join(work, 'status');
    // The test runner pins FORCE_COLOR=0 and CI=false for its own frames (chalk reads any CI as "no
    // colour"); a user's terminal has neither.
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'wizard', '-c', REPO, `env -u FORCE_COLOR -u NO_COLOR -u CI node ${CLI} --demo; echo $? > ${status}; sleep 60`);

    const overview = await waitForPane((s) => s.includes('cronwarden › overview') && s.includes('host score'), 'overview');
    demoDirs.push(/demo host (\/\S+)/.exec(overview)?.[1] ?? '');
    expect(tmux('capture-pane', '-e', '-p', '-t', 'wizard')).toMatch(COLOUR);
    expect(overview).toMatch(/host score \d+\/100/);
    // Every frame redraws from the same top row (the rows drawn before Ink loaded included): the
    // title on row 0, the summary right under it, nothing left over from the scanning screen.
    const rows = overview.split('\n');
    expect(rows[0]).toMatch(/^cronwarden › overview +demo host \//);
    expect(rows[1]).toMatch(/^host score /);
    expect(overview).not.toContain('reading cron sources');
    // A key redraws in place: one cursor row, the title still on row 0 (ink 6.8's incremental
    // rendering drew every changed row one line too low here).
    tmux('send-keys', '-t', 'wizard', 'j');
    const moved = await waitForPane((s) => /^2\/\d+ /m.test(s), 'cursor on the second job');
    expect(moved.split('\n')[0]).toMatch(/^cronwarden › overview /);
    expect(moved.match(/^› /gm)).toHaveLength(1);
    tmux('send-keys', '-t', 'wizard', 'k');
    await waitForPane((s) => /^1\/\d+ /m.test(s), 'cursor back on the first job');
    expect(overview).toContain('practices');

    tmux('send-keys', '-t', 'wizard', '/', 'crontabs-root:6', 'Enter');
    await waitForPane((s) => /› .*root .*backup-files\.sh/.test(s), 'filtered job');
    tmux('send-keys', '-t', 'wizard', 'Enter');
    await waitForPane((s) => s.includes('cronwarden › job'), 'job detail');
    tmux('send-keys', '-t', 'wizard', 'a', 'd');
    const diff = await waitForPane((s) => s.includes('job · diff') && s.includes('rewritten line') && s.includes('+++ '), 'diff');
    expect(diff).toMatch(/rewritten line\n +30 2 \* \* \* cw-[\w-]+ /);

    tmux('send-keys', '-t', 'wizard', 'r');
    await waitForPane((s) => s.includes('cronwarden › review') && s.includes('a applies these changes'), 'review');
    tmux('send-keys', '-t', 'wizard', 'a');
    const done = await waitForPane((s) => s.includes('cronwarden › done') || s.includes('apply stopped'), 'done screen');
    expect(done).toMatch(/undo {4}cronwarden rollback \S+ --root \/tmp\//);

    tmux('send-keys', '-t', 'wizard', 'q');
    const deadline = Date.now() + 30_000;
    while (!existsSync(status) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(status, 'utf8').trim()).toBe('0');
  }, 240_000);

  it('draws no colour with NO_COLOR set', async () => {
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'plain', '-c', REPO, `env -u FORCE_COLOR -u CI NO_COLOR=1 node ${CLI} --demo; sleep 60`);
    const overview = await waitForPane((s) => s.includes('cronwarden › overview') && s.includes('host score'), 'overview', 60_000, 'plain');
    demoDirs.push(/demo host (\/\S+)/.exec(overview)?.[1] ?? '');
    expect(tmux('capture-pane', '-e', '-p', '-t', 'plain')).not.toMatch(COLOUR);
    tmux('send-keys', '-t', 'plain', 'q');
  }, 120_000);
});
