// The effects the wizard's state asks for: the planner's preview of a job and of the whole review,
// apply once confirmed, the backups list, a rollback preview, and the rollback itself. Each
// reports back through the reducer; none of them decides anything the planner or apply does not.

import { useEffect, useMemo, useRef, type Dispatch } from 'react';
import type { JobPreview } from '../screens/job-detail.js';
import { applyPlan, backupsOf, saveReviewMarks, detailPreview, reviewOf, rollbackBackupById, rollbackPreview, type ReviewView } from '../services.js';
import type { Action, WizardState } from '../state.js';

export interface Planned {
  job: JobPreview | null;
  review: ReviewView | null;
  totals: { operations: number; files: number; users: number; fixes: number; unfixed: string[]; checkByHand: string[] };
  error: string | null;
}

/** Ink draws at most about 30 frames a second: wait one frame before blocking work. */
const FRAME_MS = 40;

/** An error as the CLI's handler would print it: the message, then the detail (a diff of what
 *  changed) and the hint of a refusal. */
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { detail, hint } = error as Error & { detail?: string; hint?: string };
  return [error.message, detail, hint ? `hint: ${hint}` : undefined].filter(Boolean).join('\n');
}

export function useWizardEffects(state: WizardState, dispatch: Dispatch<Action>): Planned {
  const { model, screen, toggles, userPrefix, userNames } = state;
  const jobIndex = state.detail.job;
  const wantReview = screen === 'review' || screen === 'apply';

  const job = useMemo((): { preview: JobPreview | null; error: string | null } => {
    if (!model || (screen !== 'job' && screen !== 'host')) return { preview: null, error: null };
    try {
      return { preview: detailPreview(state, model), error: null };
    } catch (error) {
      return { preview: null, error: message(error) };
    }
    // Only the choices that change the plan are dependencies: scrolling must not re-plan.
  }, [model, screen, jobIndex, toggles, userPrefix, userNames]);

  const review = useMemo((): { view: ReviewView | null; error: string | null } => {
    if (!model || !wantReview) return { view: null, error: null };
    try {
      return { view: reviewOf(state, model), error: null };
    } catch (error) {
      return { view: null, error: message(error) };
    }
  }, [model, wantReview, toggles, userPrefix, userNames]);

  // `m` marks: save what changed since the last save to the review ledger, then say how it went.
  const savedMarks = useRef(state.reviewed);
  useEffect(() => {
    const before = savedMarks.current;
    if (before === state.reviewed || !model) return;
    savedMarks.current = state.reviewed;
    const jobOf = (id: string) => model.jobs[model.byId.get(id) ?? -1]?.job;
    const marked = Object.entries(state.reviewed)
      .filter(([id]) => !(id in before))
      .flatMap(([id, at]) => (jobOf(id) ? [{ job: jobOf(id)!, at }] : []));
    const unmarked = Object.keys(before)
      .filter((id) => !(id in state.reviewed))
      .flatMap((id) => (jobOf(id) ? [jobOf(id)!] : []));
    if (marked.length === 0 && unmarked.length === 0) return;
    try {
      saveReviewMarks(state.target.root, { marked, unmarked });
      const what = [...marked.map((m) => `${m.job.id} marked reviewed`), ...unmarked.map((j) => `${j.id} mark taken back`)].join(', ');
      dispatch({ type: 'notice', message: `${what}: saved in the review ledger` });
    } catch (error) {
      dispatch({ type: 'notice', message: `the review mark was not saved: ${message(error)}` });
    }
  }, [state.reviewed, model, state.target.root, dispatch]);

  const plan = review.view?.plan ?? null;
  useEffect(() => {
    if (!state.review.confirmed || state.apply.status !== 'idle' || !plan) return;
    if (plan.operations.length === 0) {
      dispatch({ type: 'notice', message: 'nothing to apply: no accepted fix changes anything' });
      return;
    }
    dispatch({ type: 'apply-start', steps: (review.view?.parts ?? []).map((p) => p.split('\n')[0]!.replace(/^# /, '')) });
  }, [state.review.confirmed, state.apply.status, plan, review.view, dispatch]);

  useEffect(() => {
    if (state.apply.status !== 'running' || !plan) return;
    // apply runs synchronously once started: let Ink draw the "applying" frame first.
    const timer = setTimeout(() => {
      applyPlan(plan, state.target.root).then(
        ({ id }) => {
          plan.operations.forEach((_, index) => dispatch({ type: 'apply-step', index, status: 'done' }));
          dispatch({ type: 'apply-done', backupId: id });
        },
        (error: unknown) => dispatch({ type: 'apply-failed', message: message(error) }),
      );
    }, FRAME_MS);
    return () => clearTimeout(timer);
  }, [state.apply.status, plan, state.target.root, dispatch]);

  useEffect(() => {
    if (screen !== 'backups' || state.backups.status !== 'idle') return;
    dispatch({ type: 'backups-loading' });
    try {
      dispatch({ type: 'backups-loaded', list: backupsOf(state.target.root) });
    } catch (error) {
      dispatch({ type: 'backups-failed', message: message(error) });
    }
  }, [screen, state.backups.status, state.target.root, dispatch]);

  const { previewId, preview, rollback, removeUsers } = state.backups;
  useEffect(() => {
    if (screen !== 'backups' || previewId === null || preview !== null) return;
    try {
      dispatch({ type: 'backup-preview', text: rollbackPreview(state.target.root, previewId) });
    } catch (error) {
      dispatch({ type: 'rollback-failed', message: message(error) });
    }
  }, [screen, previewId, preview, state.target.root, dispatch]);

  useEffect(() => {
    if (rollback !== 'running' || previewId === null) return;
    const timer = setTimeout(() => {
      rollbackBackupById(state.target.root, previewId, removeUsers).then(
        (output) => {
          dispatch({ type: 'rollback-done', message: output.trim() });
          dispatch({ type: 'backups-loading' });
          dispatch({ type: 'backups-loaded', list: backupsOf(state.target.root) });
        },
        (error: unknown) => dispatch({ type: 'rollback-failed', message: message(error) }),
      );
    }, FRAME_MS);
    return () => clearTimeout(timer);
  }, [rollback, previewId, removeUsers, state.target.root, dispatch]);

  const view = review.view;
  return {
    job: job.preview,
    review: view,
    totals: {
      operations: view?.plan.operations.length ?? 0,
      files: view?.files ?? 0,
      users: view?.users ?? 0,
      fixes: view?.plan.fixed.length ?? 0,
      unfixed: view?.plan.unfixed.map((u) => `${u.rule}${u.job ? ` on ${u.job}` : ''}: ${u.reason}`) ?? [],
      checkByHand: view?.plan.checkByHand ?? [],
    },
    error: job.error ?? review.error,
  };
}
