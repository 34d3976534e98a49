// The wizard's one reducer. Screens render this state and dispatch intents; effects (scanning,
// planning, applying, rolling back) run in hooks that watch it and report back with actions.
// Pure: no React, no I/O, tested without rendering (test/ui/state.test.ts).

import { LEDGER_PATH } from '../core/review-ledger.js';
import { hostProposals, proposalsOf, type Proposal, type WizardModel } from './model.js';
import { jobList } from './rows.js';
import { backupsStep } from './state-backups.js';
import { cancelEdit, commitEdit, confirmApply, IDLE_APPLY, setText, startEdit } from './state-edit.js';
import { IDLE_TRY, tryBusy, tryStep, type TryAction, type TryState } from './state-try.js';

export { confirmWord } from './state-edit.js';

export type ScreenName = 'scanning' | 'overview' | 'job' | 'host' | 'review' | 'apply' | 'done' | 'backups' | 'try';

/** Where the wizard works. Only the live host asks for a typed confirmation before writing. */
export interface Target {
  kind: 'live' | 'root' | 'demo';
  root: string;
}

export interface StepView {
  label: string;
  status: 'pending' | 'done' | 'failed';
}

export interface BackupView {
  id: string;
  createdAt: string;
  state: string;
  operations: number;
  summary: string;
  /** Users the apply created (kept by a rollback unless asked to remove them). */
  createdUsers: string[];
}

/** A text field being typed into; at most one at a time. */
export type Editing = null | { field: 'filter' | 'user' | 'confirm'; text: string };

export interface WizardState {
  screen: ScreenName;
  history: ScreenName[];
  target: Target;
  size: { columns: number; rows: number };
  help: boolean;
  quit: boolean;
  /** The user was told that quitting drops the fixes that are on; the next q quits. */
  quitArmed: boolean;
  notice: string | null;
  error: string | null;
  progress: { sources: number; jobs: number; current: string | null };
  model: WizardModel | null;
  editing: Editing;
  overview: { cursor: number; filter: string };
  detail: { job: number; cursor: number; view: 'findings' | 'diff'; scroll: number };
  /** Proposal keys the user turned on. */
  toggles: Record<string, true>;
  /** Prefix of the dedicated users the plan creates (the planner's default when null). */
  userPrefix: string | null;
  /** Job id → the dedicated user's name typed for it (`u`); the planner's name otherwise. */
  userNames: Record<string, string>;
  /** Job id → ISO time it was marked reviewed in this session. */
  reviewed: Record<string, string>;
  review: { scroll: number; confirmed: boolean };
  apply: { status: 'idle' | 'running' | 'done' | 'failed'; steps: StepView[]; backupId: string | null; error: string | null };
  backups: {
    status: 'idle' | 'loading' | 'ready' | 'failed';
    list: BackupView[];
    cursor: number;
    /** Backup whose rollback preview is wanted (the effect fills `preview`). */
    previewId: string | null;
    preview: string | null;
    /** Scroll offset in the preview: while one is shown, ↑↓ scroll it. */
    scroll: number;
    rollback: 'idle' | 'confirming' | 'running' | 'done' | 'failed';
    /** Also remove the users the apply created (rollback --remove-users; refused while in use). */
    removeUsers: boolean;
    message: string | null;
  };
  /** The try-run of the job in detail (state-try.ts). */
  try: TryState;
}

export type Action =
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'scan-progress'; sources: number; jobs: number; current: string | null }
  | { type: 'scan-done'; model: WizardModel }
  | { type: 'failed'; message: string }
  | { type: 'notice'; message: string | null }
  | { type: 'help' }
  | { type: 'back' }
  | { type: 'move'; delta: number }
  | { type: 'move-to'; position: 'first' | 'last' }
  | { type: 'open' }
  | { type: 'toggle' }
  | { type: 'accept-recommended' }
  | { type: 'toggle-diff' }
  | { type: 'scroll-clamped'; offset: number }
  | { type: 'mark-reviewed'; at: string }
  | { type: 'edit'; field: 'filter' | 'user' | 'confirm' }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'request-apply' }
  | { type: 'commit' }
  | { type: 'cancel' }
  | { type: 'go'; screen: 'review' | 'backups' | 'overview' | 'host' }
  | { type: 'apply-start'; steps: string[] }
  | { type: 'apply-step'; index: number; status: StepView['status'] }
  | { type: 'apply-done'; backupId: string }
  | { type: 'apply-failed'; message: string }
  | { type: 'backups-loading' }
  | { type: 'backups-loaded'; list: BackupView[] }
  | { type: 'backups-failed'; message: string }
  | { type: 'backup-preview-request' }
  | { type: 'backup-preview'; text: string }
  | { type: 'rollback-confirm' }
  | { type: 'rollback-start' }
  | { type: 'rollback-done'; message: string }
  | { type: 'rescan' }
  | { type: 'toggle-remove-users' }
  | { type: 'rollback-failed'; message: string }
  | TryAction;

export function initialState(target: Target, size = { columns: 80, rows: 24 }): WizardState {
  return {
    screen: 'scanning',
    history: [],
    target,
    size,
    help: false,
    quit: false,
    quitArmed: false,
    notice: null,
    error: null,
    progress: { sources: 0, jobs: 0, current: null },
    model: null,
    editing: null,
    overview: { cursor: 0, filter: '' },
    detail: { job: 0, cursor: 0, view: 'findings', scroll: 0 },
    toggles: {},
    userPrefix: null,
    userNames: {},
    reviewed: {},
    review: { scroll: 0, confirmed: false },
    apply: { ...IDLE_APPLY },
    backups: { status: 'idle', list: [], cursor: 0, previewId: null, preview: null, scroll: 0, rollback: 'idle', removeUsers: false, message: null },
    try: IDLE_TRY,
  };
}

export function reducer(state: WizardState, action: Action): WizardState {
  switch (action.type) {
    case 'resize':
      // Reported once on mount with the size the first frame already has: not a change.
      if (action.columns === state.size.columns && action.rows === state.size.rows) return state;
      return { ...state, size: { columns: action.columns, rows: action.rows } };
    case 'scan-progress':
      return { ...state, progress: { sources: action.sources, jobs: action.jobs, current: action.current } };
    case 'scan-done':
      return { ...state, model: action.model, screen: 'overview', history: [] };
    case 'failed':
      return { ...state, error: action.message };
    case 'notice':
      return { ...state, notice: action.message };
    case 'help':
      return { ...state, help: !state.help };
    case 'back':
      return back(state);
    case 'move':
      return move(state.notice && !state.editing ? { ...state, notice: null } : state, action.delta);
    case 'move-to':
      return move(state, action.position === 'first' ? -Infinity : Infinity);
    case 'open':
      return open(state);
    case 'toggle':
      return toggle(state);
    case 'accept-recommended':
      return acceptRecommended(state);
    case 'toggle-diff':
      return isDetail(state)
        ? { ...state, detail: { ...state.detail, view: state.detail.view === 'diff' ? 'findings' : 'diff', scroll: 0 } }
        : state;
    case 'scroll-clamped':
      // The screen knows how long its content is: past the end, scrolling stops there, so the
      // next key up moves at once.
      if (isDetail(state)) return { ...state, detail: { ...state.detail, scroll: action.offset } };
      if (state.screen === 'review') return { ...state, review: { ...state.review, scroll: action.offset } };
      if (state.screen === 'backups') return { ...state, backups: { ...state.backups, scroll: action.offset } };
      return state;
    case 'mark-reviewed': {
      const id = currentJobId(state);
      if (!id) return state;
      const reviewed = { ...state.reviewed };
      if (reviewed[id]) delete reviewed[id];
      else reviewed[id] = action.at;
      // The effect saves the change to the ledger and replaces this notice with the outcome.
      return { ...state, reviewed, notice: `${id} ${reviewed[id] ? 'marked reviewed' : 'mark taken back'}: saving to ${LEDGER_PATH}…` };
    }
    case 'edit':
      return startEdit(state, action.field);
    case 'type':
      return state.editing ? setText(state, state.editing.text + action.text) : state;
    case 'erase':
      return state.editing ? setText(state, state.editing.text.slice(0, -1)) : state;
    case 'request-apply':
      if (state.screen !== 'review') return state;
      return state.target.kind === 'live' ? startEdit(state, 'confirm') : confirmApply(state);
    case 'commit':
      return commitEdit(state);
    case 'cancel':
      return cancelEdit(state);
    case 'go':
      return action.screen === 'host'
        ? { ...navigate(state, 'host'), detail: { job: state.detail.job, cursor: 0, view: 'findings', scroll: 0 } }
        : navigate(state, action.screen);
    case 'apply-start':
      return {
        ...navigate(state, 'apply'),
        apply: { status: 'running', steps: action.steps.map((label) => ({ label, status: 'pending' })), backupId: null, error: null },
      };
    case 'apply-step':
      return {
        ...state,
        apply: { ...state.apply, steps: state.apply.steps.map((s, i) => (i === action.index ? { ...s, status: action.status } : s)) },
      };
    case 'apply-done':
      // The host changed under the scan: from here on, back means quit (or rescan from done).
      return { ...state, screen: 'done', history: [], apply: { ...state.apply, status: 'done', backupId: action.backupId } };
    case 'apply-failed':
      return { ...state, apply: { ...state.apply, status: 'failed', error: action.message } };
    case 'backups-loading':
    case 'backups-loaded':
    case 'backups-failed':
    case 'backup-preview-request':
    case 'backup-preview':
    case 'rollback-confirm':
    case 'rollback-start':
    case 'toggle-remove-users':
    case 'rollback-done':
    case 'rollback-failed':
      return backupsStep(state, action);
    case 'try-open':
    case 'try-prepared':
    case 'try-refused':
    case 'try-type':
    case 'try-erase':
    case 'try-confirm':
    case 'try-output':
    case 'try-cancel':
    case 'try-done':
    case 'try-failed':
    case 'try-scroll':
    case 'try-scroll-to':
      return tryStep(state, action);
    case 'rescan':
      return {
        ...initialState(state.target, state.size),
        reviewed: state.reviewed,
        userPrefix: state.userPrefix,
        userNames: state.userNames,
      };
  }
}

function navigate(state: WizardState, screen: ScreenName): WizardState {
  if (state.screen === screen) return state;
  const extra =
    screen === 'review' ? { review: { scroll: 0, confirmed: false } } : screen === 'backups' ? { backups: { ...state.backups, status: 'idle' as const, previewId: null, preview: null, rollback: 'idle' as const, message: null } } : {};
  const history = screen === 'overview' ? [] : [...state.history, state.screen];
  // An error about one screen's action (backups unreadable…) does not follow to the next; a failed
  // scan (no model) stays.
  return { ...state, ...extra, screen, history, notice: null, editing: null, quitArmed: false, error: state.model ? null : state.error };
}

function back(state: WizardState): WizardState {
  if (state.help) return { ...state, help: false };
  if (state.editing) return cancelEdit(state);
  if (state.screen === 'apply' && state.apply.status === 'running') return state;
  if (tryBusy(state)) return state;
  if (state.screen === 'backups' && state.backups.rollback === 'running') return state;
  // A rollback changed the host under the scan: leaving the backups screen scans again.
  if (state.screen === 'backups' && state.backups.rollback === 'done') return reducer(state, { type: 'rescan' });
  if (state.screen === 'backups' && state.backups.previewId !== null) {
    return { ...state, backups: { ...state.backups, previewId: null, preview: null, rollback: 'idle' } };
  }
  if (state.screen === 'overview' || state.screen === 'scanning' || state.history.length === 0) {
    // Fixes turned on but never applied would be lost without a word: say so once.
    const pending = state.apply.status === 'done' ? 0 : Object.keys(state.toggles).length;
    if (pending > 0 && !state.quitArmed) {
      return { ...state, quitArmed: true, notice: `${pending} fix${pending === 1 ? ' is' : 'es are'} on but not applied: q again quits without them, r reviews them` };
    }
    return { ...state, quit: true };
  }
  const history = state.history.slice(0, -1);
  return { ...state, screen: state.history[state.history.length - 1], history, notice: null };
}

function move(state: WizardState, delta: number): WizardState {
  const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));
  switch (state.screen) {
    case 'overview': {
      if (!state.model) return state;
      const count = jobList(state.model, state.overview.filter).jobs.length;
      return { ...state, overview: { ...state.overview, cursor: clamp(state.overview.cursor + delta, count) } };
    }
    case 'job':
    case 'host': {
      if (!state.model) return state;
      // ↑↓ walk the fixes (the diff follows); page keys, or ↑↓ where there is no fix, scroll.
      const count = detailProposals(state).length;
      if (Math.abs(delta) > 1 || count === 0) {
        return { ...state, detail: { ...state.detail, scroll: Math.max(0, scrollBy(state.detail.scroll, delta)) } };
      }
      return { ...state, detail: { ...state.detail, cursor: clamp(state.detail.cursor + delta, count) } };
    }
    case 'review':
      return { ...state, review: { ...state.review, scroll: Math.max(0, scrollBy(state.review.scroll, delta)) } };
    case 'backups':
      if (state.backups.previewId !== null) return { ...state, backups: { ...state.backups, scroll: Math.max(0, scrollBy(state.backups.scroll, delta)) } };
      return { ...state, backups: { ...state.backups, cursor: clamp(state.backups.cursor + delta, Math.max(1, state.backups.list.length)) } };
    default:
      return state;
  }
}

/** Scrolling by ±Infinity (home/end) lands on 0 or a large offset the screen clamps to its content. */
function scrollBy(offset: number, delta: number): number {
  if (delta === Infinity) return Number.MAX_SAFE_INTEGER;
  if (delta === -Infinity) return 0;
  return Math.min(offset, Number.MAX_SAFE_INTEGER - 1) + delta;
}

function open(state: WizardState): WizardState {
  if (state.screen !== 'overview' || !state.model) return state;
  const job = jobList(state.model, state.overview.filter).jobs[state.overview.cursor];
  if (job === undefined) return state;
  return { ...navigate(state, 'job'), detail: { job, cursor: 0, view: 'findings', scroll: 0 } };
}

function isDetail(state: WizardState): boolean {
  return state.screen === 'job' || state.screen === 'host';
}

/** The fixes on the detail screen shown: the job's, or the host-wide ones. */
function detailProposals(state: WizardState): Proposal[] {
  if (!state.model || !isDetail(state)) return [];
  return state.screen === 'host' ? hostProposals(state.model) : proposalsOf(state.model, state.detail.job);
}

function toggle(state: WizardState): WizardState {
  const proposal = detailProposals(state)[state.detail.cursor];
  if (!proposal) return state;
  const toggles = { ...state.toggles };
  if (toggles[proposal.key]) delete toggles[proposal.key];
  else toggles[proposal.key] = true;
  return { ...state, toggles };
}

/** `a` in a job: turn on every fix the planner recommends for it (suggestions stay as they are). */
function acceptRecommended(state: WizardState): WizardState {
  const toggles = { ...state.toggles };
  for (const p of detailProposals(state)) if (p.recommended) toggles[p.key] = true;
  return { ...state, toggles };
}

export function currentJobId(state: WizardState): string | null {
  if (!state.model) return null;
  if (state.screen === 'job') return state.model.jobs[state.detail.job]?.job.id ?? null;
  if (state.screen === 'overview') {
    const j = jobList(state.model, state.overview.filter).jobs[state.overview.cursor];
    return j === undefined ? null : state.model.jobs[j].job.id;
  }
  return null;
}

export function isOn(state: WizardState, key: string): boolean {
  return state.toggles[key] === true;
}
