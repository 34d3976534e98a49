// Rendering helpers for the wizard's frame tests: every render and key press inside React's act,
// and waits that resolve on the frame Ink writes, never on a fixed sleep.

import { act, type ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { memoryHost, MEMORY_HOST_NOW } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { buildInventory } from '../../src/core/inventory.js';
import { analyseForWizard } from '../../src/ui/load.js';
import { buildModel, type WizardModel } from '../../src/ui/model.js';
import { initialState, reducer, type Action, type Target, type WizardState } from '../../src/ui/state.js';
import { debianBase } from '../helpers/debian-base.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = ReturnType<typeof render>;

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  space: ' ',
} as const;

export async function renderInk(element: ReactElement): Promise<Rendered> {
  let rendered!: Rendered;
  await act(async () => {
    rendered = render(element);
  });
  return rendered;
}

export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await act(async () => {
      r.stdin.write(key);
    });
  }
}

export async function unmount(r: Rendered): Promise<void> {
  await act(async () => {
    r.unmount();
  });
}

/** Resolves with the first frame (the current one included) that satisfies `predicate`. */
export function waitForFrame(r: Rendered, predicate: (frame: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const current = r.lastFrame() ?? '';
  if (predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const write = r.stdout.write;
    const timer = setTimeout(() => {
      r.stdout.write = write;
      reject(new Error(`no matching frame within ${timeoutMs} ms; last frame:\n${r.lastFrame() ?? ''}`));
    }, timeoutMs);
    r.stdout.write = (frame: string) => {
      write(frame);
      if (predicate(frame)) {
        clearTimeout(timer);
        r.stdout.write = write;
        // Let the act() that produced the frame settle before the test goes on.
        void act(async () => {}).then(() => resolve(frame));
      }
    };
  });
}

export const DEMO_TARGET: Target = { kind: 'demo', root: '/srv/demo' };

/** A stock Debian host plus `extra`, scanned with only `rules` so the frames do not move as the
 *  catalogue grows. */
export function modelOf(extra: TreeSpec, rules: string[]): WizardModel {
  const host = memoryHost({ ...debianBase(), ...extra }, { now: MEMORY_HOST_NOW });
  return buildModel(analyseForWizard(host, buildInventory(host), rules));
}

/** The state after `actions`, starting from a finished scan of `model`. */
export function stateAfter(model: WizardModel, actions: Action[], size = { columns: 80, rows: 24 }, target = DEMO_TARGET): WizardState {
  return actions.reduce(reducer, reducer(initialState(target, size), { type: 'scan-done', model }));
}
