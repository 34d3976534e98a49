// The whole wizard on the demo host, in-process, by keyboard only: scan → open a root job → turn
// its fixes on → see the diff → review → apply → the files on disk changed exactly as the review's
// diffs said → roll back from the backups screen → the tree is back byte for byte.

import { appendFileSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoHost } from '../../src/demo/demo-host.js';
import { rootHost } from '../../src/host/root-host.js';
import { App } from '../../src/ui/app.js';
import { KEY, press, renderInk, unmount, waitForFrame } from './helpers.js';

/** Wide and tall enough that no diff line wraps and the whole review fits in one frame. */
const SIZE = { columns: 400, rows: 400 };
/** Where apply keeps its backups, journal and lock: the only place allowed to differ afterwards. */
const STATE_DIR = '/var/lib/cronwarden';
/** useradd/userdel (shadow-utils) keep the previous account files as passwd-, group-, shadow-,
 *  gshadow- on every change; the account files themselves must be back exactly. */
const SHADOW_UTILS_BACKUP = /^\/etc\/(passwd|group|shadow|gshadow)-$/;

interface Node {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  content?: string;
}

function snapshot(root: string): Map<string, Node> {
  const out = new Map<string, Node>();
  const walk = (rel: string) => {
    const abs = join(root, rel);
    const st = lstatSync(abs);
    const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
    const node: Node = { type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
    if (type === 'file') node.content = readFileSync(abs).toString('base64');
    if (type === 'symlink') node.content = readlinkSync(abs);
    out.set(rel || '/', node);
    if (type === 'dir') for (const name of readdirSync(abs)) walk(`${rel}/${name}`);
  };
  walk('');
  return out;
}

/** The unified diffs in a review frame, keyed by the path they change ('+++ b/<path>', or the
 *  '--- a/<path>' of a removal). Blank rows inside a hunk are context lines whose trailing space
 *  the terminal frame dropped. */
function patchesIn(frame: string): Map<string, string> {
  const rows = frame.split('\n');
  const patches = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]!.startsWith('--- ') || !rows[i + 1]?.startsWith('+++ ')) continue;
    const minus = rows[i]!.slice(4).trim();
    const plus = rows[i + 1]!.slice(4).trim();
    const path = `/${(plus === '/dev/null' ? minus : plus).replace(/^[ab]\//, '')}`;
    const body = [rows[i]!, rows[i + 1]!];
    let j = i + 2;
    while (j < rows.length && rows[j]!.startsWith('@@')) {
      const m = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(rows[j]!)!;
      let old = m[1] === undefined ? 1 : Number(m[1]);
      let neu = m[2] === undefined ? 1 : Number(m[2]);
      body.push(rows[j++]!);
      while (old > 0 || neu > 0) {
        const row = rows[j++] ?? '';
        const line = row === '' ? ' ' : row;
        body.push(line);
        if (line.startsWith('\\')) continue;
        if (line[0] !== '+') old--;
        if (line[0] !== '-') neu--;
      }
      while (rows[j]?.startsWith('\\')) body.push(rows[j++]!);
    }
    patches.set(path, `${body.join('\n')}\n`);
    i = j - 1;
  }
  return patches;
}

const text = (node: Node | undefined): string => (node?.content === undefined ? '' : Buffer.from(node.content, 'base64').toString('utf8'));
/** The wizard shows a tab as a space (see oneLine); compare in that form. */
const shown = (s: string): string => s.replace(/\t/g, ' ');

const work = mkdtempSync(join(tmpdir(), 'cronwarden-walk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a full keyboard walk on the demo host', () => {
  it('applies a root job’s fixes as reviewed and rolls them back byte for byte', async () => {
    const root = buildDemoHost(join(work, 'host'));
    const before = snapshot(root);
    const r = await renderInk(<App openHost={() => rootHost(root)} target={{ kind: 'demo', root }} color={false} size={SIZE} />);
    Object.defineProperty(r.stdout, 'columns', { get: () => SIZE.columns });
    r.stdout.emit('resize');

    await waitForFrame(r, (f) => f.includes('host score'));
    // root's own crontab runs the backup script with its output going nowhere (no MTA, no redirect).
    await press(r, '/', 'crontabs-root:6', KEY.enter);
    await waitForFrame(r, (f) => /› \S+ +\d* +root .*\/usr\/local\/bin\/backup-files\.sh/.test(f));
    await press(r, KEY.enter);
    const detail = await waitForFrame(r, (f) => f.includes('cronwarden › job') && f.includes('[ ] root-job'));
    // Turn on the recommended fixes one by one; the suggestions (remove the line…) stay off.
    const fixes = detail.split('\n').filter((row) => /^[› ] \[[ x]\] /.test(row));
    for (const row of fixes) await press(r, ...(row.includes('(recommended)') ? [KEY.space] : []), KEY.down);
    await press(r, 'd');
    const diff = await waitForFrame(r, (f) => f.includes('job · diff') && f.includes('rewritten line'));
    // Moved to a dedicated user (the planner names it), its output sent to syslog.
    expect(diff).toMatch(/rewritten line\n {2}30 2 \* \* \* cw-[\w-]+ .*\/usr\/local\/bin\/backup-files\.sh.*\| \/usr\/bin\/logger -t cronwarden-/);
    const moved = /\+\+\+ b(\/etc\/cron\.d\/cronwarden-[\w-]+)/.exec(diff)?.[1];
    expect(moved, 'the job moves to a cron.d file of its own').toBeDefined();

    await press(r, 'r');
    const review = await waitForFrame(r, (f) => f.includes('cronwarden › review') && / operations? · /.test(f));
    const patches = patchesIn(review);
    expect([...patches.keys()]).toEqual(expect.arrayContaining(['/var/spool/cron/crontabs/root', moved]));

    await press(r, 'a');
    const done = await waitForFrame(r, (f) => f.includes('cronwarden › done') || f.includes('apply stopped'));
    expect(done).toContain('Done:');
    const backupId = /backup {2}(\S+)/.exec(done)![1]!;
    expect(done).toContain(`cronwarden rollback ${backupId} --root ${root}`);

    const after = snapshot(root);
    for (const [path, patch] of patches) {
      const expected = applyPatch(shown(text(before.get(path))), patch);
      expect(expected, `the review's diff for ${path} applies to the file as it was`).not.toBe(false);
      expect(shown(text(after.get(path))), `${path} on disk is what the review showed`).toBe(expected);
    }
    const accountFiles = /^\/etc\/(passwd|group|shadow|gshadow|subuid|subgid)-?$/;
    const changed = [...after.keys()].filter((p) => !p.startsWith(STATE_DIR) && after.get(p)?.content !== before.get(p)?.content && !accountFiles.test(p));
    expect(changed.sort(), 'no file changed that the review did not show').toEqual([...patches.keys()].filter((p) => after.has(p)).sort());

    await press(r, 'b');
    await waitForFrame(r, (f) => f.includes(`› ${backupId}`));
    await press(r, KEY.enter);
    const preview = await waitForFrame(r, (f) => f.includes(`rolling back ${backupId} would:`) && f.includes('# keep the users'));
    expect(preview).toContain(`# remove ${moved}`);
    expect(preview).toMatch(/# change \/var\/spool\/cron\/crontabs\/root .*as before apply/);
    expect(preview).toContain('+30 2 * * * /usr/local/bin/backup-files.sh');
    await press(r, 'u', 'r');
    await waitForFrame(r, (f) => f.includes(`press y to roll back ${backupId}`));
    await press(r, 'y');
    await waitForFrame(r, (f) => f.includes(`rolled back ${backupId}`));

    const restored = snapshot(root);
    const differences = [...new Set([...before.keys(), ...restored.keys()])].filter(
      (p) => !p.startsWith(STATE_DIR) && !SHADOW_UTILS_BACKUP.test(p) && JSON.stringify(before.get(p)) !== JSON.stringify(restored.get(p)),
    );
    expect(differences, 'everything outside the backup store is back byte for byte').toEqual([]);

    await press(r, 'q');
    await waitForFrame(r, (f) => f.includes('cronwarden › overview'));
    await press(r, 'q');
    await unmount(r);
  }, 180_000);

  it('shows apply’s refusal when a file changed after review, and changes nothing', async () => {
    const root = buildDemoHost(join(work, 'changed'));
    const r = await renderInk(<App openHost={() => rootHost(root)} target={{ kind: 'demo', root }} color={false} size={SIZE} />);
    Object.defineProperty(r.stdout, 'columns', { get: () => SIZE.columns });
    r.stdout.emit('resize');
    await waitForFrame(r, (f) => f.includes('host score'));
    await press(r, '/crontabs-root:6', KEY.enter, KEY.enter);
    await waitForFrame(r, (f) => f.includes('cronwarden › job'));
    await press(r, 'a', 'r');
    await waitForFrame(r, (f) => f.includes('cronwarden › review') && / operations? · /.test(f));

    // Someone edits root's crontab while the user reads the review.
    const spool = join(root, 'var/spool/cron/crontabs/root');
    appendFileSync(spool, '0 5 * * * /usr/local/bin/added-after-review.sh\n');
    const edited = snapshot(root);
    await press(r, 'a');
    const refused = await waitForFrame(r, (f) => f.includes('apply stopped') || f.includes('cronwarden › done'));
    expect(refused).toContain('apply stopped');
    expect(refused).toContain('/var/spool/cron/crontabs/root');
    const after = snapshot(root);
    const changed = [...new Set([...edited.keys(), ...after.keys()])].filter((p) => !p.startsWith(STATE_DIR) && JSON.stringify(edited.get(p)) !== JSON.stringify(after.get(p)));
    expect(changed, 'a refused apply changes nothing').toEqual([]);
    await press(r, 'q');
    await waitForFrame(r, (f) => f.includes('cronwarden › review'));
    await unmount(r);
  }, 120_000);
});

describe('marking a job reviewed in the wizard', () => {
  it('saves the mark in the host’s review ledger, and m again takes it back', async () => {
    const root = buildDemoHost(join(work, 'host-review'));
    const r = await renderInk(<App openHost={() => rootHost(root)} target={{ kind: 'demo', root }} color={false} size={SIZE} />);
    await waitForFrame(r, (f) => f.includes('host score'));
    await press(r, '/', 'crontabs-root:6', KEY.enter);
    await waitForFrame(r, (f) => /› \S+ +\d* +root .*\/usr\/local\/bin\/backup-files\.sh/.test(f));
    await press(r, 'm');
    await waitForFrame(r, (f) => f.includes('marked reviewed: saved in the review ledger'));
    const ledger = JSON.parse(readFileSync(join(root, STATE_DIR, 'reviews.json'), 'utf8'));
    expect(ledger.reviews.map((m: { source: string }) => m.source)).toEqual(['/var/spool/cron/crontabs/root']);
    await press(r, 'm');
    await waitForFrame(r, (f) => f.includes('mark taken back: saved in the review ledger'));
    expect(JSON.parse(readFileSync(join(root, STATE_DIR, 'reviews.json'), 'utf8')).reviews).toEqual([]);
    await unmount(r);
  });
});
