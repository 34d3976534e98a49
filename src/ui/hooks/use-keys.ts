// Keys → intents. Three input hooks, exactly one active at a time (Ink's isActive): the help
// overlay swallows a key to close, a text field takes characters, otherwise keys navigate.

import { useInput, type Key } from 'ink';
import type { Dispatch } from 'react';
import { bodyHeight } from '../components/frame.js';
import type { Action, WizardState } from '../state.js';

export function useWizardKeys(state: WizardState, dispatch: Dispatch<Action>): void {
  useInput(() => dispatch({ type: 'help' }), { isActive: state.help });
  useInput((input, key) => dispatch(textAction(input, key) ?? { type: 'notice', message: null }), { isActive: !state.help && state.editing !== null });
  useInput(
    (input, key) => {
      const action = navigation(state, input, key);
      if (action) dispatch(action);
    },
    { isActive: !state.help && state.editing === null },
  );
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
      return null;
    case 'job':
      if (input === ' ') return { type: 'toggle' };
      if (input === 'a') return { type: 'accept-recommended' };
      if (input === 'd') return { type: 'toggle-diff' };
      if (input === 'u') return { type: 'edit', field: 'user' };
      if (input === 'm') return { type: 'mark-reviewed', at: new Date().toISOString() };
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
