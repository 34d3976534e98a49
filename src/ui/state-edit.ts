// The wizard's text fields: the `/` filter, the dedicated-user prefix, and the typed confirmation
// the live host needs before apply or rollback. Part of the one reducer (state.ts).

import { userNameProblem, validateUserPrefix } from '../plan/names.js';
import { DEFAULT_USER_PREFIX } from '../plan/defaults.js';
import { currentJobId, type WizardState } from './state.js';

export const IDLE_APPLY: WizardState['apply'] = { status: 'idle', steps: [], backupId: null, error: null };

/** The word typed before the live host is changed: `apply` on review, `rollback` on backups. */
export function confirmWord(state: WizardState): string {
  return state.screen === 'backups' ? 'rollback' : 'apply';
}

export function startEdit(state: WizardState, field: 'filter' | 'user' | 'confirm'): WizardState {
  if (field === 'filter' && state.screen !== 'overview') return state;
  if (field === 'user' && state.screen !== 'job') return state;
  if (field === 'confirm' && state.screen !== 'review' && state.screen !== 'backups') return state;
  const id = currentJobId(state);
  const text = field === 'filter' ? state.overview.filter : field === 'user' ? ((id && state.userNames[id]) ?? '') : '';
  return { ...state, editing: { field, text } };
}

/** The filter applies as it is typed; the other fields only on enter. */
export function setText(state: WizardState, text: string): WizardState {
  const editing = { ...state.editing!, text };
  if (editing.field === 'filter') return { ...state, editing, overview: { filter: text, cursor: 0 } };
  return { ...state, editing };
}

export function commitEdit(state: WizardState): WizardState {
  const editing = state.editing;
  if (!editing) return state;
  const done = { ...state, editing: null };
  if (editing.field === 'filter') return done;
  if (editing.field === 'user') return commitUserName(state, done, editing.text.trim());
  const word = confirmWord(state);
  if (editing.text.trim() !== word) return { ...state, editing: { ...editing, text: '' }, notice: `type ${word} to confirm, or esc to go back` };
  if (state.screen === 'backups') return { ...done, notice: null, backups: { ...state.backups, rollback: 'running' } };
  return confirmApply({ ...done, notice: null });
}

/** `u` in job detail: a name for this job's dedicated user; empty goes back to the planner's name;
 *  a text ending in `-` is the prefix of every name the planner makes (cw- gives cw-backup). */
function commitUserName(state: WizardState, done: WizardState, text: string): WizardState {
  if (text.endsWith('-')) {
    const problem = validateUserPrefix(text);
    return problem ? { ...state, notice: problem } : { ...done, userPrefix: text === DEFAULT_USER_PREFIX ? null : text, notice: null };
  }
  const id = currentJobId(state);
  if (!id) return done;
  const userNames = { ...state.userNames };
  if (text === '') {
    delete userNames[id];
    return { ...done, userNames, notice: null };
  }
  const problem = state.model ? userNameProblem(state.model.scan.ctx, text) : null;
  if (problem) return { ...state, notice: problem };
  return { ...done, userNames: { ...userNames, [id]: text }, notice: null };
}

/** Confirmed on the review screen: the apply effect starts (again, after a refused attempt). */
export function confirmApply(state: WizardState): WizardState {
  return { ...state, review: { ...state.review, confirmed: true }, apply: { ...IDLE_APPLY } };
}

export function cancelEdit(state: WizardState): WizardState {
  if (!state.editing && state.backups.rollback === 'confirming') return { ...state, backups: { ...state.backups, rollback: 'idle' } };
  if (state.editing?.field === 'filter') return { ...state, editing: null, overview: { filter: '', cursor: 0 } };
  return { ...state, editing: null };
}
