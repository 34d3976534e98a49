// The try screen's part of the one reducer (state.ts): `t` in job detail runs the job once, now,
// as cron would (src/try/). The engine decides whether and how it can run; this part only walks
// the steps — prepare, a typed confirmation, the run with its live output, the result — and never
// offers a run on a root prefix: there the programs and accounts belong to another system.

import type { CronExecution } from '../try/cron-execution.js';
import type { TryResult } from '../try/result.js';
import type { WizardState } from './state.js';

/** The timeout the wizard gives a try-run (the CLI's default too). */
export const TRY_TIMEOUT_MS = 60_000;
/** The word typed to start a run on the live host. */
export const TRY_WORD = 'run';
/** Live output kept for the running view: its tail is what is shown; the result keeps the rest. */
const LIVE_OUTPUT_CHARS = 16 * 1024;

export type TryPhase = 'prefix' | 'preparing' | 'refused' | 'confirm' | 'running' | 'cancelling' | 'done' | 'failed';

export interface TryState {
  /** Index into WizardModel.jobs. */
  job: number;
  phase: TryPhase;
  /** Why the engine refused (phase refused) or the run failed (phase failed). */
  reason: string | null;
  execution: CronExecution | null;
  typed: string;
  /** Increments per confirmed run, so a late report of an earlier run is ignored. */
  runId: number;
  output: string;
  result: TryResult | null;
  scroll: number;
}

export type TryAction =
  | { type: 'try-open' }
  | { type: 'try-prepared'; job: number; execution: CronExecution }
  | { type: 'try-refused'; job: number; reason: string }
  | { type: 'try-type'; text: string }
  | { type: 'try-erase' }
  | { type: 'try-confirm' }
  | { type: 'try-output'; runId: number; text: string }
  | { type: 'try-cancel' }
  | { type: 'try-done'; runId: number; result: TryResult }
  | { type: 'try-failed'; runId: number; message: string }
  | { type: 'try-scroll'; delta: number }
  | { type: 'try-scroll-to'; offset: number };

export const IDLE_TRY: TryState = { job: 0, phase: 'prefix', reason: null, execution: null, typed: '', runId: 0, output: '', result: null, scroll: 0 };

/** While the job runs, leaving is not possible: esc stops it first. */
export function tryBusy(state: WizardState): boolean {
  return state.screen === 'try' && (state.try.phase === 'running' || state.try.phase === 'cancelling');
}

export function tryStep(state: WizardState, action: TryAction): WizardState {
  const t = state.try;
  const set = (patch: Partial<TryState>): WizardState => ({ ...state, try: { ...t, ...patch } });
  switch (action.type) {
    case 'try-open': {
      if (state.screen !== 'job' || !state.model) return state;
      const phase: TryPhase = state.target.kind === 'live' ? 'preparing' : 'prefix';
      return {
        ...state,
        screen: 'try',
        history: [...state.history, state.screen],
        notice: null,
        editing: null,
        quitArmed: false,
        try: { ...IDLE_TRY, job: state.detail.job, phase, runId: t.runId },
      };
    }
    case 'try-prepared':
      return t.phase === 'preparing' && action.job === t.job ? set({ phase: 'confirm', execution: action.execution, typed: '' }) : state;
    case 'try-refused':
      return t.phase === 'preparing' && action.job === t.job ? set({ phase: 'refused', reason: action.reason }) : state;
    case 'try-type':
      return t.phase === 'confirm' ? { ...set({ typed: t.typed + action.text }), notice: null } : state;
    case 'try-erase':
      return t.phase === 'confirm' ? set({ typed: t.typed.slice(0, -1) }) : state;
    case 'try-confirm':
      if (t.phase !== 'confirm') return state;
      if (t.typed.trim() !== TRY_WORD) return { ...set({ typed: '' }), notice: `type ${TRY_WORD} to run the job, or esc to go back` };
      return { ...set({ phase: 'running', typed: '', runId: t.runId + 1, output: '', result: null, reason: null, scroll: 0 }), notice: null };
    case 'try-output':
      if (action.runId !== t.runId || (t.phase !== 'running' && t.phase !== 'cancelling')) return state;
      return set({ output: (t.output + action.text).slice(-LIVE_OUTPUT_CHARS) });
    case 'try-cancel':
      return t.phase === 'running' ? set({ phase: 'cancelling' }) : state;
    case 'try-done':
      return action.runId === t.runId ? set({ phase: 'done', result: action.result, scroll: 0 }) : state;
    case 'try-failed':
      return action.runId === t.runId ? set({ phase: 'failed', reason: action.message }) : state;
    case 'try-scroll':
      return set({ scroll: Math.max(0, Math.min(t.scroll, Number.MAX_SAFE_INTEGER - 1) + action.delta) });
    case 'try-scroll-to':
      return set({ scroll: action.offset });
  }
}
