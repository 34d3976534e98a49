// The wizard: one reducer, the effects that feed it, and the screen for its state.

import { useApp, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useState, type Dispatch } from 'react';
import type { Host } from '../core/types.js';
import { useTerminalSize, sizeOf } from './hooks/use-terminal-size.js';
import { useWizardKeys } from './hooks/use-keys.js';
import { scanInSlices } from './load.js';
import { buildModel } from './model.js';
import { ApplyScreen } from './screens/apply.js';
import { BackupsScreen } from './screens/backups.js';
import { DoneScreen, type DoneChoice } from './screens/done.js';
import { HelpScreen } from './screens/help.js';
import { HostScreen } from './screens/host.js';
import { JobDetailScreen } from './screens/job-detail.js';
import { OverviewScreen } from './screens/overview.js';
import { ReviewScreen } from './screens/review.js';
import { ScanningScreen } from './screens/scanning.js';
import { TryScreen } from './screens/try.js';
import { useTryRun } from './hooks/use-try.js';
import { useWizardEffects, type Planned } from './hooks/use-effects.js';
import { initialState, reducer, type Action, type Target, type WizardState } from './state.js';
import { ThemeContext, makeTheme } from './theme.js';

export interface AppProps {
  /** Opens the host for a scan. Called again for every rescan: a Host is a snapshot (it caches
   *  passwd and directory lookups), and apply or rollback change what it would say. */
  openHost: () => Host;
  target: Target;
  color: boolean;
  /** A fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** Called with the last state when the user quits (the CLI picks its exit code from it). */
  onQuit?: (state: WizardState) => void;
}

export function App({ openHost, target, color, size, onQuit }: AppProps) {
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(reducer, null, () => initialState(target, size ?? sizeOf(stdout)));
  const { exit } = useApp();
  useTerminalSize(dispatch, size !== undefined);
  useWizardKeys(state, dispatch);
  useScan(openHost, state, dispatch);
  useTryRun(state, dispatch);
  const planned = useWizardEffects(state, dispatch);
  const theme = useMemo(() => makeTheme(color), [color]);

  useEffect(() => {
    if (!state.quit) return;
    onQuit?.(state);
    exit();
  }, [state, onQuit, exit]);

  const handlers = useMemo(
    () => ({
      choose: (choice: DoneChoice) => dispatch(choice === 'quit' ? { type: 'back' } : choice === 'backups' ? { type: 'go', screen: 'backups' } : { type: 'rescan' }),
      clamp: (offset: number) => dispatch({ type: 'scroll-clamped', offset }),
      tryScroll: (offset: number) => dispatch({ type: 'try-scroll-to', offset }),
    }),
    [],
  );
  return <ThemeContext.Provider value={theme}>{screenFor(state, planned, handlers)}</ThemeContext.Provider>;
}

interface Handlers {
  choose: (choice: DoneChoice) => void;
  clamp: (offset: number) => void;
  tryScroll: (offset: number) => void;
}

function screenFor(state: WizardState, planned: Planned, handlers: Handlers) {
  if (state.help) return <HelpScreen state={state} />;
  const model = state.model;
  if (!model || state.screen === 'scanning') return <Scanning state={state} />;
  switch (state.screen) {
    case 'job':
      return <JobDetailScreen state={state} model={model} preview={planned.job} previewError={planned.error} onScrollClamp={handlers.clamp} />;
    case 'host':
      return <HostScreen state={state} model={model} preview={planned.job} previewError={planned.error} onScrollClamp={handlers.clamp} />;
    case 'review':
      return (
        <ReviewScreen
          state={state}
          parts={planned.review?.parts ?? null}
          totals={planned.totals}
          error={planned.error}
          onScrollClamp={handlers.clamp}
        />
      );
    case 'apply':
      return <ApplyScreen state={state} />;
    case 'done':
      return <DoneScreen state={state} onChoose={handlers.choose} />;
    case 'backups':
      return <BackupsScreen state={state} onScrollClamp={handlers.clamp} />;
    case 'try':
      return <TryScreen state={state} model={model} onScroll={handlers.tryScroll} />;
    default:
      return <OverviewScreen state={state} model={model} />;
  }
}

function useScan(openHost: () => Host, state: WizardState, dispatch: Dispatch<Action>): void {
  useEffect(() => {
    if (state.screen !== 'scanning' || state.model) return;
    let cancelled = false;
    scanInSlices(openHost(), (p) => {
      if (!cancelled) dispatch({ type: 'scan-progress', ...p });
    })
      .then((result) => {
        if (!cancelled) dispatch({ type: 'scan-done', model: buildModel(result) });
      })
      .catch((error: unknown) => {
        if (!cancelled) dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [openHost, state.screen, state.model, dispatch]);
}

/** The scanning screen with its spinner's clock. The clock lives here, not in App, so a tick
 *  redraws this screen alone and cannot outlive it: a tick that fired between the scan's end and
 *  the clock's cleanup used to redraw the whole 10k-job overview once more, just as the user
 *  started to type. */
function Scanning({ state }: { state: WizardState }) {
  const tick = useTicker(!state.error);
  return <ScanningScreen state={state} tick={tick} />;
}

function useTicker(active: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), 80);
    return () => clearInterval(timer);
  }, [active]);
  return tick;
}
