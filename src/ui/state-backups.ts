// The backups screen's part of the one reducer (state.ts): the list, a rollback preview, the
// confirmation and the outcome.

import { startEdit } from './state-edit.js';
import type { Action, WizardState } from './state.js';

export function backupsStep(state: WizardState, action: Action): WizardState {
  switch (action.type) {
    case 'backups-loading':
      return { ...state, backups: { ...state.backups, status: 'loading' } };
    case 'backups-loaded':
      return {
        ...state,
        backups: { ...state.backups, status: 'ready', list: action.list, cursor: Math.min(state.backups.cursor, Math.max(0, action.list.length - 1)) },
      };
    case 'backups-failed':
      return { ...state, backups: { ...state.backups, status: 'failed', message: action.message } };
    case 'backup-preview-request': {
      const chosen = state.backups.list[state.backups.cursor];
      return chosen ? { ...state, backups: { ...state.backups, previewId: chosen.id, preview: null, scroll: 0, rollback: 'idle', message: null } } : state;
    }
    case 'backup-preview':
      return { ...state, backups: { ...state.backups, preview: action.text } };
    case 'rollback-confirm':
      if (state.screen !== 'backups' || state.backups.preview === null || state.backups.rollback === 'running') return state;
      return state.target.kind === 'live' ? startEdit(state, 'confirm') : { ...state, backups: { ...state.backups, rollback: 'confirming' } };
    case 'rollback-start':
      return state.backups.rollback === 'confirming' ? { ...state, backups: { ...state.backups, rollback: 'running' } } : state;
    case 'toggle-remove-users':
      return state.screen === 'backups' && state.backups.rollback !== 'running' ? { ...state, backups: { ...state.backups, removeUsers: !state.backups.removeUsers } } : state;
    case 'rollback-done':
      return { ...state, backups: { ...state.backups, rollback: 'done', message: action.message, previewId: null, preview: null } };
    case 'rollback-failed':
      return { ...state, backups: { ...state.backups, rollback: 'failed', message: action.message } };
    default:
      return state;
  }
}
