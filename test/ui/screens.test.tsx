// Golden frames of every screen state at 80×24 (plain text), rendered from real scans and plans
// of the fixture host. Read the snapshots/ui-*.txt files when they change.

import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { ApplyScreen } from '../../src/ui/screens/apply.js';
import { BackupsScreen } from '../../src/ui/screens/backups.js';
import { DoneScreen } from '../../src/ui/screens/done.js';
import { HelpScreen } from '../../src/ui/screens/help.js';
import { HostScreen } from '../../src/ui/screens/host.js';
import { JobDetailScreen } from '../../src/ui/screens/job-detail.js';
import { ReviewScreen } from '../../src/ui/screens/review.js';
import { ScanningScreen } from '../../src/ui/screens/scanning.js';
import { proposalsOf } from '../../src/ui/model.js';
import { jobList } from '../../src/ui/rows.js';
import { detailPreview, reviewOf } from '../../src/ui/services.js';
import { initialState, reducer, type Action, type BackupView } from '../../src/ui/state.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { DEMO_TARGET, modelOf, renderInk, stateAfter, unmount, type Rendered } from './helpers.js';

const model = modelOf(FIXTURE, FIXTURE_RULES);
let r: Rendered | null = null;
afterEach(async () => {
  if (r) await unmount(r);
  r = null;
});

async function frameOf(element: ReactElement): Promise<string> {
  r = await renderInk(element);
  const frame = r.lastFrame() ?? '';
  expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  return frame;
}

const openBackupJob: Action[] = [
  { type: 'move', delta: jobList(model, '').jobs.indexOf(model.byId.get('etc-cron.d-backup:3')!) },
  { type: 'open' },
];
const BACKUP: BackupView = {
  id: '20261125T120000Z-0a1b2c',
  createdAt: '2026-11-25T12:00:00.000Z',
  state: 'applied',
  operations: 3,
  summary: 'create-user cw-backup, write-file /etc/cron.d/cronwarden-backup, write-file /etc/cron.d/backup',
  createdUsers: ['cw-backup'],
};

describe('screens at 80×24', () => {
  it('scanning: spinner and counts', async () => {
    const state = [{ type: 'scan-progress', sources: 12, jobs: 40, current: '/etc/cron.d/backup' } as Action].reduce(reducer, initialState(DEMO_TARGET));
    const f = await frameOf(<ScanningScreen state={state} tick={0} />);
    expect(f).toMatch(/sources read\s+12/);
    expect(f).toMatch(/jobs found\s+40/);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-scanning-progress.txt');
  });

  it('job detail: schedule in words, next runs, findings with why and references, fixes off', async () => {
    const state = stateAfter(model, openBackupJob);
    const f = await frameOf(<JobDetailScreen state={state} model={model} preview={null} />);
    expect(f).toContain('At 02:30 AM');
    expect(f).toMatch(/next runs Thu 26 Nov 02:30/);
    expect(f).toContain('[ ] output-discarded');
    expect(f).toContain('why:');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-job-findings.txt');
  });

  it('job detail: the live diff follows the toggled fixes', async () => {
    const noFix = stateAfter(model, [...openBackupJob, { type: 'toggle-diff' }]);
    const empty = await frameOf(<JobDetailScreen state={noFix} model={model} preview={detailPreview(noFix, model)} />);
    expect(empty).toContain('no fix is on: nothing would change');
    await unmount(r!);
    // Walk the fix list as the keys would: down to each wanted fix, space.
    const actions: Action[] = [];
    let cursor = 0;
    proposalsOf(model, noFix.detail.job).forEach((p, i) => {
      if (p.finding.rule !== 'output-discarded' && p.finding.rule !== 'root-job') return;
      actions.push({ type: 'move', delta: i - cursor }, { type: 'toggle' });
      cursor = i;
    });
    const on = [...actions].reduce(reducer, noFix);
    const preview = detailPreview(on, model);
    expect(preview.diff).toContain('+++ b/etc/cron.d/cronwarden-backup');
    const f = await frameOf(<JobDetailScreen state={on} model={model} preview={preview} />);
    expect(f).toContain('[x] output-discarded');
    expect(f).toContain('[x] root-job');
    expect(f).toContain('rewritten line');
    expect(f).toMatch(/rewritten line\n {2}30 2 \* \* \* cw-backup \{ \/usr\/local\/bin\/backup\.sh/);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-job-diff.txt');
  });

  it('review: totals and every accepted change as a diff', async () => {
    const state = stateAfter(model, [...openBackupJob, { type: 'accept-recommended' }, { type: 'go', screen: 'review' }]);
    const view = reviewOf(state, model);
    const totals = { operations: view.plan.operations.length, files: view.files, users: view.users, fixes: view.plan.fixed.length, unfixed: [], checkByHand: view.plan.checkByHand };
    const f = await frameOf(<ReviewScreen state={state} parts={view.parts} totals={totals} error={null} />);
    expect(f).toMatch(/\d+ operations · \d+ files · 1 new user/);
    expect(f).toContain('a applies these changes to /srv/demo');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-review-changes.txt');
  });

  it('review: the live host asks for the typed word', async () => {
    const state = stateAfter(model, [...openBackupJob, { type: 'accept-recommended' }, { type: 'go', screen: 'review' }, { type: 'request-apply' }, { type: 'type', text: 'app' }], undefined, { kind: 'live', root: '/' });
    const view = reviewOf(state, model);
    const totals = { operations: view.plan.operations.length, files: view.files, users: view.users, fixes: view.plan.fixed.length, unfixed: [], checkByHand: [] };
    const f = await frameOf(<ReviewScreen state={state} parts={view.parts} totals={totals} error={null} />);
    expect(f).toContain('type apply and enter to change the LIVE host');
    expect(f).toContain('LIVE HOST /');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-review-live-confirm.txt');
  });

  it('review: nothing accepted yet', async () => {
    const state = stateAfter(model, [{ type: 'go', screen: 'review' }]);
    const f = await frameOf(<ReviewScreen state={state} parts={[]} totals={{ operations: 0, files: 0, users: 0, fixes: 0, unfixed: [], checkByHand: [] }} error={null} />);
    expect(f).toContain('No change accepted');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-review-empty.txt');
  });

  it('apply: progress per operation, and a refusal', async () => {
    const running = stateAfter(model, [{ type: 'go', screen: 'review' }, { type: 'request-apply' }, { type: 'apply-start', steps: ['create system user cw-backup', 'create /etc/cron.d/cronwarden-backup', 'change /etc/cron.d/backup'] }, { type: 'apply-step', index: 0, status: 'done' }]);
    const f = await frameOf(<ApplyScreen state={running} />);
    expect(f).toContain('✓ create system user cw-backup');
    expect(f).toContain('… change /etc/cron.d/backup');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-apply-running.txt');
    await unmount(r!);
    const failed = reducer(running, { type: 'apply-failed', message: '/etc/cron.d/backup changed since the plan was made (sha256 differs); nothing was changed' });
    const g = await frameOf(<ApplyScreen state={failed} />);
    expect(g).toContain('apply stopped');
    await expect(g).toMatchFileSnapshot('../../snapshots/ui-apply-failed.txt');
  });

  it('done: what changed and the rollback command', async () => {
    const state = stateAfter(model, [{ type: 'go', screen: 'review' }, { type: 'request-apply' }, { type: 'apply-start', steps: ['create system user cw-backup', 'change /etc/cron.d/backup'] }, { type: 'apply-step', index: 0, status: 'done' }, { type: 'apply-step', index: 1, status: 'done' }, { type: 'apply-done', backupId: BACKUP.id }]);
    const f = await frameOf(<DoneScreen state={state} onChoose={() => undefined} />);
    expect(f).toContain(`cronwarden rollback ${BACKUP.id} --root /srv/demo`);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-done-applied.txt');
  });

  it('backups: the list, then a rollback preview', async () => {
    const listed = stateAfter(model, [{ type: 'go', screen: 'backups' }, { type: 'backups-loading' }, { type: 'backups-loaded', list: [BACKUP] }]);
    const f = await frameOf(<BackupsScreen state={listed} />);
    expect(f).toContain(`› ${BACKUP.id}`);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-backups-list.txt');
    await unmount(r!);
    const preview = '# remove /etc/cron.d/cronwarden-backup\n--- a/etc/cron.d/cronwarden-backup\n+++ /dev/null\n@@ -1 +0,0 @@\n-30 2 * * * cw-backup /usr/local/bin/backup.sh\n';
    const previewing = [{ type: 'backup-preview-request' } as Action, { type: 'backup-preview', text: preview } as Action].reduce(reducer, listed);
    const g = await frameOf(<BackupsScreen state={previewing} />);
    expect(g).toContain('rolling back 20261125T120000Z-0a1b2c would:');
    expect(g).toContain('keep the users the apply created: cw-backup');
    await expect(g).toMatchFileSnapshot('../../snapshots/ui-backups-preview.txt');
  });

  it('host: host-wide findings, then their fix as a live diff', async () => {
    const state = stateAfter(model, [{ type: 'go', screen: 'host' }]);
    const f = await frameOf(<HostScreen state={state} model={model} preview={null} />);
    expect(f).toContain('cron-allow-missing');
    expect(f).toContain('[ ] cron-allow-missing /etc/cron.allow (recommended)');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-host-findings.txt');
    await unmount(r!);
    const on = [{ type: 'toggle' } as Action, { type: 'toggle-diff' } as Action].reduce(reducer, state);
    const preview = detailPreview(on, model);
    expect(preview.diff).toContain('/etc/cron.allow');
    const g = await frameOf(<HostScreen state={on} model={model} preview={preview} />);
    expect(g).toContain('+++ b/etc/cron.allow');
    await expect(g).toMatchFileSnapshot('../../snapshots/ui-host-diff.txt');
  });

  it('help: every key', async () => {
    const f = await frameOf(<HelpScreen state={stateAfter(model, [{ type: 'help' }])} />);
    expect(f).toContain('space');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-help-keys.txt');
  });
});
