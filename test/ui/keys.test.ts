import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { actionsFor } from '../../src/ui/hooks/use-keys.js';
import { reducer } from '../../src/ui/state.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { modelOf, stateAfter } from './helpers.js';

const model = modelOf(FIXTURE, FIXTURE_RULES);
const key = (over: Partial<Key> = {}): Key =>
  ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...over }) as Key;

describe('keys', () => {
  it('maps single keys to intents by screen', () => {
    const overview = stateAfter(model, []);
    expect(actionsFor(overview, 'j', key())).toEqual([{ type: 'move', delta: 1 }]);
    expect(actionsFor(overview, '', key({ downArrow: true }))).toEqual([{ type: 'move', delta: 1 }]);
    expect(actionsFor(overview, '', key({ return: true }))).toEqual([{ type: 'open' }]);
    expect(actionsFor(overview, 'q', key())).toEqual([{ type: 'back' }]);
    expect(actionsFor(overview, ' ', key())).toEqual([]);
    const job = reducer(overview, { type: 'open' });
    expect(actionsFor(job, ' ', key())).toEqual([{ type: 'toggle' }]);
    expect(actionsFor(job, 'd', key())).toEqual([{ type: 'toggle-diff' }]);
  });

  it('replays a burst of typed characters key by key: "/alice⏎" filters, then enter opens', () => {
    const overview = stateAfter(model, []);
    const actions = actionsFor(overview, '/alice\r\r', key());
    expect(actions).toEqual([{ type: 'edit', field: 'filter' }, ...[...'alice'].map((text) => ({ type: 'type', text })), { type: 'commit' }, { type: 'open' }]);
    const after = actions.reduce(reducer, overview);
    expect(after.screen).toBe('job');
    expect(after.model?.jobs[after.detail.job].job.id).toBe('var-spool-cron-crontabs-alice:1');
  });

  it('types a pasted word into a field in one go and never types control characters', () => {
    const editing = stateAfter(model, [{ type: 'edit', field: 'filter' }]);
    expect(actionsFor(editing, 'backup', key())).toEqual([{ type: 'type', text: 'backup' }]);
    expect(actionsFor(editing, 'a\u0007b', key())).toEqual([{ type: 'type', text: 'ab' }]);
    expect(actionsFor(editing, 'q', key())).toEqual([{ type: 'type', text: 'q' }]);
    expect(actionsFor(editing, '', key({ escape: true }))).toEqual([{ type: 'cancel' }]);
  });
});
