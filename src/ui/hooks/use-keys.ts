// Keys → intents. Three input hooks, exactly one active at a time (Ink's isActive): the help
// overlay swallows a key to close, a text field takes characters, otherwise keys navigate.
// Ink hands over a burst of typed or pasted characters as one string ("/backup\r"), so a burst is
// replayed key by key against the state each key leaves behind.

import { useInput, type Key } from 'ink';
import type { Dispatch } from 'react';
import { bodyHeight } from '../components/frame.js';
import { reducer, type Action, type WizardState } from '../state.js';
import { tryKey } from './use-try.js';

export function useWizardKeys(state: WizardState, dispatch: Dispatch<Action>): void {
  const handle = (input: string, key: Key) => {
    for (const action of actionsFor(state, input, key)) dispatch(action);
  };
  useInput(() => dispatch({ type: 'help' }), { isActive: state.help });
  useInput(handle, { isActive: !state.help && state.editing !== null });
  useInput(handle, { isActive: !state.help && state.editing === null });
}

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** The actions one input event means; a burst of plain characters is split into single keys. */
export function actionsFor(state: WizardState, input: string, key: Key): Action[] {
  const burst = input.length > 1 && !key.ctrl && !key.meta && !key.escape && !(state.editing && !/[\r\n\u007f\b]/.test(input));
  if (!burst) {
    const action = state.editing ? textAction(input, key) : navigation(state, input, key);
    return action ? [action] : [];
  }
  const actions: Action[] = [];
  let current = state;
  for (const ch of input) {
    const single: Key = { ...NO_KEY, return: ch === '\r' || ch === '\n', backspace: ch === '\u007f' || ch === '\b' };
    const action = current.editing ? textAction(single.return || single.backspace ? '' : ch, single) : navigation(current, single.return ? '' : ch, single);
    if (!action) continue;
    actions.push(action);
    current = reducer(current, action);
  }
  return actions;
}

function textAction(input: string, key: Key): Action | null {
  if (key.return) return { type: 'commit' };
  if (key.escape) return { type: 'cancel' };
  if (key.backspace || key.delete) return { type: 'erase' };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return null;
  // A pasted newline or control character never ends up in a user name or the filter.
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
  return text ? { type: 'type', text } : null;
}

function navigation(state: WizardState, input: string, key: Key): Action | null {
  if (state.screen === 'backups' && state.backups.rollback === 'confirming') return input === 'y' ? { type: 'rollback-start' } : { type: 'cancel' };
  if (state.screen === 'try') return tryKey(state, input, key);
  const page = Math.max(1, bodyHeight(state) - 4);
  if (key.escape || input === 'q') return { type: 'back' };
  if (input === '?') return { type: 'help' };
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'move', delta: -page };
  if (key.pageDown) return { type: 'move', delta: page };
  if (key.home || input === 'g') return { type: 'move-to', position: 'first' };
  if (key.end || input === 'G') return { type: 'move-to', position: 'last' };
  switch (state.screen) {
    case 'overview':
      if (key.return) return { type: 'open' };
      if (input === '/') return { type: 'edit', field: 'filter' };
      if (input === 'm') return { type: 'mark-reviewed', at: new Date().toISOString() };
      if (input === 'r') return { type: 'go', screen: 'review' };
      if (input === 'b') return { type: 'go', screen: 'backups' };
      if (input === 'h') return { type: 'go', screen: 'host' };
      return null;
    case 'host':
      if (input === ' ') return { type: 'toggle' };
      if (input === 'a') return { type: 'accept-recommended' };
      if (input === 'd') return { type: 'toggle-diff' };
      if (input === 'r') return { type: 'go', screen: 'review' };
      return null;
    case 'job':
      if (input === ' ') return { type: 'toggle' };
      if (input === 'a') return { type: 'accept-recommended' };
      if (input === 'd') return { type: 'toggle-diff' };
      if (input === 'u') return { type: 'edit', field: 'user' };
      if (input === 'm') return { type: 'mark-reviewed', at: new Date().toISOString() };
      if (input === 't') return { type: 'try-open' };
      if (input === 'r') return { type: 'go', screen: 'review' };
      return null;
    case 'review':
      if (input === 'a' || key.return) return { type: 'request-apply' };
      return null;
    case 'backups':
      if (key.return) return { type: 'backup-preview-request' };
      if (input === 'r') return { type: 'rollback-confirm' };
      if (input === 'u') return { type: 'toggle-remove-users' };
      return null;
    case 'done':
      if (input === 'b') return { type: 'go', screen: 'backups' };
      return null;
    default:
      return null;
  }
}
