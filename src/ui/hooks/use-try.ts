// The try screen's effects and keys. The engine (src/try/) prepares and runs the job; it is taken
// from a context so frame tests can hand the screen a real-shaped result without spawning anything.
// Leaving the wizard while a job runs (Ctrl-C, unmount) aborts it: the runner kills its process group.

import type { Key } from 'ink';
import { createContext, useContext, useEffect, type Dispatch } from 'react';
import type { Host, Job } from '../../core/types.js';
import type { CronExecution } from '../../try/cron-execution.js';
import { prepareTry, tryRun } from '../../try/runner.js';
import type { TryOptions, TryResult } from '../../try/result.js';
import type { Action, WizardState } from '../state.js';
import { TRY_TIMEOUT_MS } from '../state-try.js';

export interface TryEngine {
  /** cron's plan for the job on this machine; throws (RefusedError) when it cannot run here. */
  prepare: (job: Job, host: Host) => CronExecution;
  run: (job: Job, options: TryOptions) => Promise<TryResult>;
}

export const TryEngineContext = createContext<TryEngine>({ prepare: prepareTry, run: tryRun });

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useTryRun(state: WizardState, dispatch: Dispatch<Action>): void {
  const engine = useContext(TryEngineContext);
  const { phase, job: index, runId } = state.try;
  const active = state.screen === 'try';
  // The host the scan read: the preview shown and the run confirmed are computed from the same one.
  const host = state.model?.scan.host;
  const job = state.model?.jobs[index]?.job;

  useEffect(() => {
    if (!active || phase !== 'preparing' || !job || !host) return;
    try {
      dispatch({ type: 'try-prepared', job: index, execution: engine.prepare(job, host) });
    } catch (error) {
      dispatch({ type: 'try-refused', job: index, reason: message(error) });
    }
  }, [active, phase, job, host, index, engine, dispatch]);

  // Leaving the running phase — esc (cancelling), the result, or unmount — aborts: the runner then
  // kills the job's process group; after the job has ended the abort does nothing.
  const running = active && phase === 'running';
  useEffect(() => {
    if (!running || !job || !host) return;
    const abort = new AbortController();
    engine
      .run(job, {
        timeoutMs: TRY_TIMEOUT_MS,
        host,
        signal: abort.signal,
        onOutput: (_stream, text) => dispatch({ type: 'try-output', runId, text }),
      })
      .then((result) => dispatch({ type: 'try-done', runId, result }))
      .catch((error: unknown) => dispatch({ type: 'try-failed', runId, message: message(error) }));
    return () => abort.abort();
  }, [running, runId, job, host, engine, dispatch]);
}

/** Keys on the try screen: a text field while confirming; esc stops a running job. */
export function tryKey(state: WizardState, input: string, key: Key): Action | null {
  const phase = state.try.phase;
  if (key.upArrow) return { type: 'try-scroll', delta: -1 };
  if (key.downArrow) return { type: 'try-scroll', delta: 1 };
  if (key.pageUp) return { type: 'try-scroll', delta: -10 };
  if (key.pageDown) return { type: 'try-scroll', delta: 10 };
  if (phase === 'running' || phase === 'cancelling') return key.escape || input === 'q' ? { type: 'try-cancel' } : null;
  if (phase === 'confirm') {
    if (key.escape) return { type: 'back' };
    if (key.return) return { type: 'try-confirm' };
    if (key.backspace || key.delete) return { type: 'try-erase' };
    if (key.ctrl || key.meta || key.tab || key.leftArrow || key.rightArrow) return null;
    const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
    return text ? { type: 'try-type', text } : null;
  }
  if (key.escape || input === 'q') return { type: 'back' };
  if (input === '?') return { type: 'help' };
  if (input === 'k') return { type: 'try-scroll', delta: -1 };
  if (input === 'j') return { type: 'try-scroll', delta: 1 };
  return null;
}
