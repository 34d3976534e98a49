// Try-run in the wizard: the try screen's part of the reducer (no rendering), its keys, golden
// frames of the root-prefix refusal and the preview with its typed confirmation, and the App
// driving an injected runner through a run, its live output, esc and the result. Nothing is
// spawned: the runner has its own tests (test/try/); here it hands back real-shaped TryResults.

import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/types.js';
import { memoryHost, MEMORY_HOST_NOW } from '../../src/host/memory-host.js';
import { cronExecution, type CronExecution } from '../../src/try/cron-execution.js';
import type { TryOptions, TryResult } from '../../src/try/result.js';
import { App } from '../../src/ui/app.js';
import { actionsFor } from '../../src/ui/hooks/use-keys.js';
import { TryEngineContext, type TryEngine } from '../../src/ui/hooks/use-try.js';
import { jobList } from '../../src/ui/rows.js';
import { TryScreen } from '../../src/ui/screens/try.js';
import { reducer, type Action, type Target, type WizardState } from '../../src/ui/state.js';
import { TRY_TIMEOUT_MS } from '../../src/ui/state-try.js';
import { debianBase } from '../helpers/debian-base.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { DEMO_TARGET, KEY, modelOf, press, renderInk, stateAfter, unmount, waitForFrame, type Rendered } from './helpers.js';

const LIVE: Target = { kind: 'live', root: '/' };
const model = modelOf(FIXTURE, FIXTURE_RULES);
const BACKUP_ID = 'etc-cron.d-backup:3';
const backupIndex = model.byId.get(BACKUP_ID)!;
const openBackupJob: Action[] = [{ type: 'move', delta: jobList(model, '').jobs.indexOf(backupIndex) }, { type: 'open' }];
const NO_KEY = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };

/** cron's plan for `job` on the memory host (the pure half of prepareTry; its root and setpriv
 *  checks are the runner's, tested in test/try/). */
function planned(job: Job, host = model.scan.host): CronExecution {
  const p = cronExecution(job, host);
  if (!p.ok) throw new Error(p.reason);
  return p.execution;
}

function resultOf(execution: CronExecution, patch: Partial<TryResult>): TryResult {
  return {
    execution,
    ranIn: execution.cwd ?? execution.fallbackCwd,
    cwdNote: null,
    exitCode: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    timeoutMs: TRY_TIMEOUT_MS,
    durationMs: 1234,
    stdout: { text: '', bytes: 0, truncated: false },
    stderr: { text: '', bytes: 0, truncated: false },
    pid: 4242,
    leftRunning: false,
    startError: null,
    ...patch,
  };
}

function liveConfirm(): WizardState {
  const job = model.jobs[backupIndex].job;
  return stateAfter(model, [...openBackupJob, { type: 'try-open' }, { type: 'try-prepared', job: backupIndex, execution: planned(job) }], undefined, LIVE);
}

describe('the try sub-reducer', () => {
  it('on a root prefix opens a refusal only, and q goes back to the job', () => {
    const s = stateAfter(model, [...openBackupJob, { type: 'try-open' }]);
    expect(s.screen).toBe('try');
    expect(s.try.phase).toBe('prefix');
    expect(reducer(s, { type: 'try-prepared', job: backupIndex, execution: planned(model.jobs[backupIndex].job) }).try.phase).toBe('prefix');
    expect(reducer(s, { type: 'try-type', text: 'run' }).try.typed).toBe('');
    expect(reducer(s, { type: 'back' }).screen).toBe('job');
  });

  it('is opened from job detail only', () => {
    const overview = stateAfter(model, [{ type: 'try-open' }], undefined, LIVE);
    expect(overview.screen).toBe('overview');
  });

  it('on the live host: prepare, a wrong word is refused, run starts a run that cannot be left until it ends', () => {
    let s = stateAfter(model, [...openBackupJob, { type: 'try-open' }], undefined, LIVE);
    expect(s.try.phase).toBe('preparing');
    s = reducer(s, { type: 'try-prepared', job: backupIndex, execution: planned(model.jobs[backupIndex].job) });
    expect(s.try.phase).toBe('confirm');
    s = ([{ type: 'try-type', text: 'yes' }, { type: 'try-confirm' }] as Action[]).reduce(reducer, s);
    expect(s.try.phase).toBe('confirm');
    expect(s.try.typed).toBe('');
    expect(s.notice).toContain('type run');
    s = ([{ type: 'try-type', text: 'ru' }, { type: 'try-type', text: 'x' }, { type: 'try-erase' }, { type: 'try-type', text: 'n' }, { type: 'try-confirm' }] as Action[]).reduce(reducer, s);
    expect(s.try.phase).toBe('running');
    expect(s.try.runId).toBe(1);
    expect(s.notice).toBeNull();
    s = reducer(s, { type: 'try-output', runId: 1, text: 'hello\n' });
    expect(s.try.output).toBe('hello\n');
    expect(reducer(s, { type: 'back' })).toBe(s);
    s = reducer(s, { type: 'try-cancel' });
    expect(s.try.phase).toBe('cancelling');
    expect(reducer(s, { type: 'back' })).toBe(s);
    const result = resultOf(s.try.execution!, { cancelled: true, signal: 'SIGTERM', exitCode: null });
    expect(reducer(s, { type: 'try-done', runId: 0, result })).toBe(s);
    s = reducer(s, { type: 'try-done', runId: 1, result });
    expect(s.try.phase).toBe('done');
    expect(s.try.result).toBe(result);
    expect(reducer(s, { type: 'back' }).screen).toBe('job');
  });

  it('shows why the engine refused, and a run that failed to start', () => {
    let s = stateAfter(model, [...openBackupJob, { type: 'try-open' }, { type: 'try-refused', job: backupIndex, reason: 'needs root' }], undefined, LIVE);
    expect(s.try).toMatchObject({ phase: 'refused', reason: 'needs root' });
    s = stateAfter(model, [...openBackupJob, { type: 'try-open' }, { type: 'try-prepared', job: backupIndex, execution: planned(model.jobs[backupIndex].job) }, { type: 'try-type', text: 'run' }, { type: 'try-confirm' }, { type: 'try-failed', runId: 1, message: 'boom' }], undefined, LIVE);
    expect(s.try).toMatchObject({ phase: 'failed', reason: 'boom' });
  });
});

describe('try keys', () => {
  it('t in job detail opens it; a typed burst with enter confirms; esc stops a running job', () => {
    const detail = stateAfter(model, openBackupJob, undefined, LIVE);
    expect(actionsFor(detail, 't', NO_KEY)).toEqual([{ type: 'try-open' }]);
    const confirm = liveConfirm();
    const burst = actionsFor(confirm, 'run\r', NO_KEY);
    expect(burst.map((a) => a.type)).toEqual(['try-type', 'try-type', 'try-type', 'try-confirm']);
    const running = burst.reduce(reducer, confirm);
    expect(running.try.phase).toBe('running');
    expect(actionsFor(running, '', { ...NO_KEY, escape: true })).toEqual([{ type: 'try-cancel' }]);
    expect(actionsFor(confirm, 'q', NO_KEY)).toEqual([{ type: 'try-type', text: 'q' }]);
    expect(actionsFor(confirm, '', { ...NO_KEY, escape: true })).toEqual([{ type: 'back' }]);
  });
});

let r: Rendered | null = null;
afterEach(async () => {
  if (r) await unmount(r);
  r = null;
});

describe('try frames at 80×24', () => {
  it('root prefix: explains why it cannot run there, offers nothing else', async () => {
    const state = stateAfter(model, [...openBackupJob, { type: 'try-open' }], undefined, DEMO_TARGET);
    r = await renderInk(<TryScreen state={state} model={model} />);
    const f = r.lastFrame() ?? '';
    expect(f).toContain('live host only');
    expect(f).not.toContain('type run');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-try-prefix.txt');
  });

  it('live host: the preview and the typed confirmation naming the user', async () => {
    const state = [{ type: 'try-type', text: 'ru' } as Action].reduce(reducer, liveConfirm());
    r = await renderInk(<TryScreen state={state} model={model} />);
    const f = r.lastFrame() ?? '';
    expect(f).toContain('user     root (uid 0');
    expect(f).toContain('timeout  60s');
    expect(f).toMatch(/type run and enter to run it as root on the LIVE host now: ru█/);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-try-confirm.txt');
  });
});

describe('the App runs the job through the injected runner', () => {
  const host = memoryHost({ ...debianBase(), ...FIXTURE }, { now: MEMORY_HOST_NOW });
  const prepare: TryEngine['prepare'] = (job, h) => planned(job, h);

  async function openTry(run: TryEngine['run']): Promise<Rendered> {
    const rendered = await renderInk(
      <TryEngineContext.Provider value={{ prepare, run }}>
        <App openHost={() => host} target={LIVE} color={false} size={{ columns: 80, rows: 24 }} />
      </TryEngineContext.Provider>,
    );
    await waitForFrame(rendered, (f) => f.includes('host score'));
    await press(rendered, '/', 'backup.sh', KEY.enter, KEY.enter);
    await waitForFrame(rendered, (f) => f.includes('cronwarden › job') && f.includes('t try'));
    await press(rendered, 't');
    await waitForFrame(rendered, (f) => f.includes('type run and enter'));
    return rendered;
  }

  it('streams output, esc aborts through the signal, the result shows the outcome; q goes back', async () => {
    const calls: TryOptions[] = [];
    const run = (job: Job, options: TryOptions) => {
      calls.push(options);
      options.onOutput?.('stdout', 'starting backup\n');
      return new Promise<TryResult>((resolve) => {
        options.signal?.addEventListener('abort', () =>
          resolve(resultOf(planned(job, options.host), { cancelled: true, exitCode: null, signal: 'SIGTERM', stdout: { text: 'starting backup\n', bytes: 16, truncated: false } })),
        );
      });
    };
    r = await openTry(run);
    await press(r, 'run', KEY.enter);
    await waitForFrame(r, (f) => f.includes('starting backup') && f.includes('esc stop'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ timeoutMs: TRY_TIMEOUT_MS, host });
    expect(calls[0]!.signal?.aborted).toBe(false);
    await press(r, KEY.escape);
    const done = await waitForFrame(r, (f) => f.includes('cancelled: its process group was killed (SIGTERM)'));
    expect(calls[0]!.signal?.aborted).toBe(true);
    expect(done).toContain('── stdout (16 bytes) ──');
    await press(r, 'q');
    await waitForFrame(r, (f) => f.includes('m reviewed  t try') && !f.includes('job · try'));
  });

  it('a finished run: exit status, duration, output and the environment differences', async () => {
    const run = async (job: Job, options: TryOptions) => {
      options.onOutput?.('stderr', 'tar: removing leading /\n');
      return resultOf(planned(job, options.host), { exitCode: 2, durationMs: 2500, stderr: { text: 'tar: removing leading /\n', bytes: 24, truncated: false } });
    };
    r = await openTry(run);
    await press(r, 'run', KEY.enter);
    const f = await waitForFrame(r, (frame) => frame.includes('outcome   exit status 2'));
    expect(f).toContain('── stderr (24 bytes) ──\ntar: removing leading /');
    expect(f).toContain('duration  2.50s');
    expect(f).toContain('── environment differences (your shell → the cron job) ──');
    await press(r, KEY.pageDown);
    const later = await waitForFrame(r, (frame) => !frame.includes('── stdout'));
    expect(later).toMatch(/exit status 2\n.*q back/);
  });
});
