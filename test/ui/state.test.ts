import { describe, expect, it } from 'vitest';
import { hostProposals, proposalsOf } from '../../src/ui/model.js';
import { acceptedFindings } from '../../src/ui/services.js';
import { jobList } from '../../src/ui/rows.js';
import { initialState, reducer, type Action, type WizardState } from '../../src/ui/state.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { DEMO_TARGET, modelOf, stateAfter } from './helpers.js';

const model = modelOf(FIXTURE, FIXTURE_RULES);
const run = (state: WizardState, ...actions: Action[]): WizardState => actions.reduce(reducer, state);
const typed = (text: string): Action[] => [...text].map((t) => ({ type: 'type', text: t }));
const jobIndex = (id: string): number => {
  const i = model.byId.get(id);
  if (i === undefined) throw new Error(`no job ${id} in the fixture`);
  return i;
};
/** The overview cursor position of a job (display order). */
const cursorOf = (id: string): number => jobList(model, '').jobs.indexOf(jobIndex(id));
const openJob = (id: string, state = stateAfter(model, [])): WizardState =>
  run(state, { type: 'move', delta: cursorOf(id) - state.overview.cursor }, { type: 'open' });

describe('wizard reducer', () => {
  it('starts scanning, counts progress, and shows the overview when the scan is done', () => {
    let s = initialState(DEMO_TARGET);
    expect(s.screen).toBe('scanning');
    s = run(s, { type: 'scan-progress', sources: 3, jobs: 7, current: '/etc/cron.d/x' });
    expect(s.progress).toEqual({ sources: 3, jobs: 7, current: '/etc/cron.d/x' });
    s = run(s, { type: 'scan-done', model });
    expect(s.screen).toBe('overview');
    expect(s.model).toBe(model);
  });

  it('keeps the overview cursor inside the job list', () => {
    const count = jobList(model, '').jobs.length;
    expect(count).toBe(4);
    expect(run(stateAfter(model, []), { type: 'move', delta: -1 }).overview.cursor).toBe(0);
    expect(run(stateAfter(model, []), { type: 'move', delta: 99 }).overview.cursor).toBe(count - 1);
    expect(run(stateAfter(model, []), { type: 'move-to', position: 'last' }).overview.cursor).toBe(count - 1);
    expect(run(stateAfter(model, [{ type: 'move', delta: 2 }]), { type: 'move-to', position: 'first' }).overview.cursor).toBe(0);
  });

  it('filters as the user types, resets the cursor, and esc clears the filter', () => {
    let s = stateAfter(model, [{ type: 'move', delta: 3 }, { type: 'edit', field: 'filter' }, ...typed('alice')]);
    expect(s.overview).toEqual({ filter: 'alice', cursor: 0 });
    expect(jobList(model, s.overview.filter).jobs).toEqual([jobIndex('var-spool-cron-crontabs-alice:1')]);
    s = run(s, { type: 'erase' });
    expect(s.overview.filter).toBe('alic');
    expect(run(s, { type: 'commit' })).toMatchObject({ editing: null, overview: { filter: 'alic' } });
    expect(run(s, { type: 'cancel' })).toMatchObject({ editing: null, overview: { filter: '' } });
    // q while typing is text, not "back".
    expect(run(s, { type: 'type', text: 'q' }).editing?.text).toBe('alicq');
  });

  it('opens the job under the cursor and goes back to the overview', () => {
    const s = openJob('etc-cron.d-backup:3');
    expect(s.screen).toBe('job');
    expect(s.model?.jobs[s.detail.job].job.id).toBe('etc-cron.d-backup:3');
    const back = run(s, { type: 'back' });
    expect(back.screen).toBe('overview');
    expect(back.quit).toBe(false);
    expect(run(back, { type: 'back' }).quit).toBe(true);
  });

  it('warns once before quitting with fixes on that were never applied', () => {
    const on = run(openJob('etc-cron.d-backup:3'), { type: 'toggle' }, { type: 'back' });
    const warned = run(on, { type: 'back' });
    expect(warned).toMatchObject({ quit: false, quitArmed: true });
    expect(warned.notice).toMatch(/1 fix is on but not applied: q again quits/);
    expect(run(warned, { type: 'back' }).quit).toBe(true);
    expect(run(warned, { type: 'go', screen: 'review' }).quitArmed).toBe(false);
  });

  it('starts every fix off; space toggles the highlighted one, a turns on the recommended ones', () => {
    const s = openJob('etc-cron.d-backup:3');
    const proposals = proposalsOf(model, s.detail.job);
    expect(proposals.map((p) => p.finding.rule)).toEqual(expect.arrayContaining(['output-discarded', 'root-job']));
    expect(s.toggles).toEqual({});
    const on = run(s, { type: 'toggle' });
    expect(on.toggles).toEqual({ [proposals[0].key]: true });
    expect(run(on, { type: 'toggle' }).toggles).toEqual({});
    const all = run(s, { type: 'accept-recommended' });
    expect(Object.keys(all.toggles).sort()).toEqual(proposals.filter((p) => p.recommended).map((p) => p.key).sort());
  });

  it('toggles host-wide fixes on their own screen, and they join the review', () => {
    const host = run(stateAfter(model, [{ type: 'move', delta: 2 }]), { type: 'go', screen: 'host' });
    expect(host).toMatchObject({ screen: 'host', detail: { cursor: 0, view: 'findings' } });
    const proposals = hostProposals(model);
    expect(proposals.map((p) => p.finding.rule)).toEqual(['cron-allow-missing']);
    const on = run(host, { type: 'toggle' });
    expect(on.toggles).toEqual({ [proposals[0]!.key]: true });
    expect(acceptedFindings(on, model, 'all').map((f) => f.rule)).toEqual(['cron-allow-missing']);
    expect(run(on, { type: 'back' }).screen).toBe('overview');
  });

  it('moves between fixes with ↑↓ and scrolls with page keys; d switches to the diff', () => {
    const s = openJob('etc-cron.d-backup:3');
    const count = proposalsOf(model, s.detail.job).length;
    expect(run(s, { type: 'move', delta: 1 }).detail.cursor).toBe(Math.min(1, count - 1));
    expect(run(s, { type: 'move', delta: 10 }).detail).toMatchObject({ cursor: 0, scroll: 10 });
    const diff = run(s, { type: 'move', delta: 10 }, { type: 'toggle-diff' });
    expect(diff.detail).toMatchObject({ view: 'diff', scroll: 0 });
    expect(run(diff, { type: 'toggle-diff' }).detail.view).toBe('findings');
  });

  it('takes the scroll offset the screen clamped to its content', () => {
    const s = run(openJob('etc-cron.d-backup:3'), { type: 'move-to', position: 'last' });
    expect(s.detail.scroll).toBeGreaterThan(1000);
    expect(run(s, { type: 'scroll-clamped', offset: 7 }).detail.scroll).toBe(7);
    expect(run(stateAfter(model, [{ type: 'go', screen: 'review' }]), { type: 'scroll-clamped', offset: 3 }).review.scroll).toBe(3);
  });

  it('marks the job under the cursor reviewed, and unmarks it', () => {
    const at = '2026-11-25T12:00:00.000Z';
    const s = run(stateAfter(model, []), { type: 'mark-reviewed', at });
    const id = model.jobs[jobList(model, '').jobs[0]].job.id;
    expect(s.reviewed).toEqual({ [id]: at });
    expect(run(s, { type: 'mark-reviewed', at }).reviewed).toEqual({});
  });

  it('u names this job’s dedicated user, or with a trailing - sets the prefix, and refuses bad names', () => {
    const s = run(openJob('etc-cron.d-backup:3'), { type: 'edit', field: 'user' });
    expect(s.editing).toEqual({ field: 'user', text: '' });
    const named = run(s, ...typed('nightly-backup'), { type: 'commit' });
    expect(named).toMatchObject({ userNames: { 'etc-cron.d-backup:3': 'nightly-backup' }, editing: null });
    expect(run(named, { type: 'edit', field: 'user' }).editing).toEqual({ field: 'user', text: 'nightly-backup' });
    const cleared = run(named, { type: 'edit', field: 'user' }, ...Array(14).fill({ type: 'erase' }), { type: 'commit' });
    expect(cleared.userNames).toEqual({});
    const prefixed = run(s, ...typed('svc-'), { type: 'commit' });
    expect(prefixed).toMatchObject({ userPrefix: 'svc-', editing: null, userNames: {} });
    const taken = run(s, ...typed('backup'), { type: 'commit' });
    expect(taken.userNames).toEqual({});
    expect(taken.editing?.field).toBe('user');
    expect(taken.notice).toMatch(/already exists/);
    const bad = run(s, ...typed('Bad Name'), { type: 'commit' });
    expect(bad.notice).toMatch(/not a valid user name/);
    const badPrefix = run(s, ...typed('Bad-'), { type: 'commit' });
    expect(badPrefix.userPrefix).toBeNull();
    expect(badPrefix.notice).toMatch(/invalid user names/);
  });

  it('applies at once on a root prefix but asks for the typed word on the live host', () => {
    const review = run(stateAfter(model, []), { type: 'go', screen: 'review' });
    expect(run(review, { type: 'request-apply' }).review.confirmed).toBe(true);

    const live = stateAfter(model, [{ type: 'go', screen: 'review' }], undefined, { kind: 'live', root: '/' });
    const asking = run(live, { type: 'request-apply' });
    expect(asking.review.confirmed).toBe(false);
    expect(asking.editing).toEqual({ field: 'confirm', text: '' });
    const wrong = run(asking, ...typed('yes'), { type: 'commit' });
    expect(wrong.review.confirmed).toBe(false);
    expect(wrong.notice).toMatch(/type apply/);
    expect(run(wrong, ...typed('apply'), { type: 'commit' }).review.confirmed).toBe(true);
    expect(run(asking, { type: 'back' })).toMatchObject({ screen: 'review', editing: null });
  });

  it('walks apply progress to the done screen, from which back quits', () => {
    let s = run(stateAfter(model, [{ type: 'go', screen: 'review' }]), { type: 'request-apply' }, { type: 'apply-start', steps: ['one', 'two'] });
    expect(s.screen).toBe('apply');
    expect(run(s, { type: 'back' }).screen).toBe('apply');
    s = run(s, { type: 'apply-step', index: 0, status: 'done' });
    expect(s.apply.steps).toEqual([
      { label: 'one', status: 'done' },
      { label: 'two', status: 'pending' },
    ]);
    s = run(s, { type: 'apply-done', backupId: '20261125T120000Z-abcdef' });
    expect(s).toMatchObject({ screen: 'done', apply: { status: 'done', backupId: '20261125T120000Z-abcdef' } });
    expect(run(s, { type: 'back' }).quit).toBe(true);
  });

  it('goes back to review after a refused apply and can try again', () => {
    const failed = run(stateAfter(model, [{ type: 'go', screen: 'review' }]), { type: 'request-apply' }, { type: 'apply-start', steps: ['one'] }, { type: 'apply-failed', message: 'refused' });
    expect(failed.apply).toMatchObject({ status: 'failed', error: 'refused' });
    const back = run(failed, { type: 'back' });
    expect(back.screen).toBe('review');
    expect(run(back, { type: 'request-apply' }).apply.status).toBe('idle');
  });

  it('previews, confirms and runs a rollback; leaving afterwards scans again', () => {
    const list = [{ id: '20261125T120000Z-abcdef', createdAt: '2026-11-25T12:00:00Z', state: 'applied', operations: 2, summary: 'x', createdUsers: ['cw-x'] }];
    let s = run(stateAfter(model, []), { type: 'go', screen: 'backups' }, { type: 'backups-loading' }, { type: 'backups-loaded', list });
    expect(run(s, { type: 'rollback-confirm' }).backups.rollback).toBe('idle');
    s = run(s, { type: 'backup-preview-request' });
    expect(s.backups).toMatchObject({ previewId: list[0].id, preview: null });
    s = run(s, { type: 'backup-preview', text: '# remove /etc/cron.d/x\n' }, { type: 'toggle-remove-users' });
    expect(run(s, { type: 'move', delta: 3 }).backups).toMatchObject({ scroll: 3, cursor: 0, previewId: list[0].id });
    expect(s.backups.removeUsers).toBe(true);
    const confirming = run(s, { type: 'rollback-confirm' });
    expect(confirming.backups.rollback).toBe('confirming');
    expect(run(confirming, { type: 'cancel' }).backups.rollback).toBe('idle');
    const running = run(confirming, { type: 'rollback-start' });
    expect(running.backups.rollback).toBe('running');
    expect(run(running, { type: 'back' }).screen).toBe('backups');
    const done = run(running, { type: 'rollback-done', message: 'rolled back' });
    expect(done.backups).toMatchObject({ rollback: 'done', message: 'rolled back', previewId: null });
    const rescanned = run({ ...done, reviewed: { a: 'b' }, userPrefix: 'svc-' }, { type: 'back' });
    expect(rescanned).toMatchObject({ screen: 'scanning', model: null, reviewed: { a: 'b' }, userPrefix: 'svc-', toggles: {} });
  });

  it('says when the backups cannot be read', () => {
    const s = stateAfter(model, [{ type: 'go', screen: 'backups' }, { type: 'backups-loading' }, { type: 'backups-failed', message: 'EACCES' }]);
    expect(s.backups).toMatchObject({ status: 'failed', message: 'EACCES' });
  });

  it('asks for the typed word before a rollback on the live host', () => {
    const list = [{ id: '20261125T120000Z-abcdef', createdAt: '2026-11-25T12:00:00Z', state: 'applied', operations: 1, summary: 'x', createdUsers: [] }];
    const s = stateAfter(
      model,
      [{ type: 'go', screen: 'backups' }, { type: 'backups-loaded', list }, { type: 'backup-preview-request' }, { type: 'backup-preview', text: '' }, { type: 'rollback-confirm' }],
      undefined,
      { kind: 'live', root: '/' },
    );
    expect(s.editing).toEqual({ field: 'confirm', text: '' });
    expect(run(s, ...typed('apply'), { type: 'commit' }).backups.rollback).toBe('idle');
    expect(run(s, ...typed('rollback'), { type: 'commit' }).backups.rollback).toBe('running');
  });

  it('shows help over any screen and closes it with the next key', () => {
    const s = run(stateAfter(model, []), { type: 'help' });
    expect(s.help).toBe(true);
    expect(run(s, { type: 'back' })).toMatchObject({ help: false, quit: false });
  });

  it('follows the terminal size', () => {
    expect(run(initialState(DEMO_TARGET), { type: 'resize', columns: 120, rows: 40 }).size).toEqual({ columns: 120, rows: 40 });
  });
});
