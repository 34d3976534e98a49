// The wizard's bridge to the planner and the apply module. The UI decides nothing here: which
// fixes are safe, what the change is, how it is written and undone are theirs; this file only
// hands them the user's choices and turns their answers into text for the screens.

import type { Io } from '../cli/io.js';
import type { Operation, Plan } from '../core/operations.js';
import type { Finding } from '../core/types.js';
import { apply } from '../apply/apply.js';
import { readBackup, readCopy } from '../apply/backup-store.js';
import { realFs } from '../apply/fs-layer.js';
import { listBackups, rollback } from '../apply/recover.js';
import { crontabFlavorOf } from '../apply/validate-crontab.js';
import { parseLine } from '../core/crontab.js';
import { rootHost } from '../host/root-host.js';
import { decodeContent, encodeContent, groupName, preconditionOf, userName } from '../plan/host-state.js';
import { DEFAULT_USER_PREFIX } from '../plan/defaults.js';
import { buildPlan } from '../plan/planner.js';
import { renderOperation, renderOperations } from '../plan/render.js';
import { findingByKey, hostProposals, proposalsOf, type WizardModel } from './model.js';
import type { JobPreview } from './screens/job-detail.js';
import { isOn, type BackupView, type WizardState } from './state.js';
import { userInfo } from 'node:os';
import { saveReviews } from '../apply/review-store.js';
import type { Job } from '../core/types.js';

/** Every finding the user accepted: the proposals that are on, of one job, of the host-wide
 *  findings, or (`all`) of every job and the host. */
export function acceptedFindings(state: WizardState, model: WizardModel, only: number | 'host' | 'all'): Finding[] {
  // Only keys of offered proposals are ever turned on, so `all` reads them straight from the
  // toggles: walking every job's proposals would ask the planner about every finding of the host.
  // Scan order, as `plan` sees them: names are handed out in the order fixes ask for them.
  if (only === 'all') {
    const order = new Map(model.scan.findings.map((f, i) => [f, i]));
    return Object.keys(state.toggles)
      .flatMap((key) => findingByKey(model, key) ?? [])
      .sort((a, b) => order.get(a)! - order.get(b)!);
  }
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const p of only === 'host' ? hostProposals(model) : proposalsOf(model, only)) {
    if (seen.has(p.key) || !isOn(state, p.key)) continue;
    seen.add(p.key);
    out.push(p.finding);
  }
  return out;
}

/** The planner's plan for exactly these findings (suggestions among them were chosen by the user). */
function planOf(model: WizardModel, findings: Finding[], state: Pick<WizardState, 'userPrefix' | 'userNames'>): Plan {
  return buildPlan({ ...model.scan, findings }, { acceptSuggestions: true, userPrefix: state.userPrefix ?? DEFAULT_USER_PREFIX, userNames: state.userNames });
}

/** The live diff of the detail screen shown: the job's accepted fixes, or the host-wide ones. */
export function detailPreview(state: WizardState, model: WizardModel): JobPreview {
  const accepted = acceptedFindings(state, model, state.screen === 'host' ? 'host' : state.detail.job);
  if (accepted.length === 0) return { diff: '', rewritten: [], unfixed: [], user: null };
  const plan = planOf(model, accepted, state);
  const diff = renderOperations(plan.operations, model.scan.host);
  const created = plan.operations.find((op) => op.op === 'create-user');
  return { diff, rewritten: newJobLines(plan, model), unfixed: plan.unfixed.map((u) => `${u.rule}: ${u.reason}`), user: created?.op === 'create-user' ? created.name : null };
}

/** Job lines the plan writes that the files do not have yet: the job's rewritten line (and any
 *  other job line its fixes touch), as cron will read it. */
function newJobLines(plan: Plan, model: WizardModel): string[] {
  const host = model.scan.host;
  const out: string[] = [];
  for (const op of plan.operations) {
    if (op.op !== 'write-file' && op.op !== 'install-user-crontab') continue;
    const flavor = crontabFlavorOf(op.path);
    if (!flavor) continue;
    const old = new Set(op.before.exists ? new TextDecoder().decode(host.readFile(op.path)).split('\n') : []);
    new TextDecoder()
      .decode(decodeContent(op.content, op.encoding))
      .split('\n')
      .forEach((text, i) => {
        if (!old.has(text) && parseLine(text, '\n', i + 1, flavor).kind === 'job') out.push(text);
      });
  }
  return out;
}

export interface ReviewView {
  plan: Plan;
  /** Each operation rendered (a diff, or one line). */
  parts: string[];
  files: number;
  users: number;
}

export function reviewOf(state: WizardState, model: WizardModel): ReviewView {
  const plan = planOf(model, acceptedFindings(state, model, 'all'), state);
  const parts = plan.operations.map((op) => renderOperation(op, model.scan.host));
  const files = new Set(plan.operations.flatMap((op) => ('path' in op ? [op.path] : []))).size;
  const users = plan.operations.filter((op) => op.op === 'create-user').length;
  return { plan, parts, files, users };
}

/** Collects what apply and rollback print, for the done and backups screens. */
function captureIo(): { io: Io; text: () => string } {
  const chunks: string[] = [];
  const io: Io = { out: (t) => chunks.push(t), err: (t) => chunks.push(t), color: false, isTTY: false };
  return { io, text: () => chunks.join('') };
}

/** Saves the review marks added and taken back since the last save (the apply module's writer). */
export function saveReviewMarks(root: string, jobs: { marked: Array<{ job: Job; at: string }>; unmarked: Job[] }): void {
  const by = process.env.SUDO_USER || userInfo().username;
  saveReviews(root, { mark: jobs.marked.map(({ job, at }) => ({ job, by, at })), unmark: jobs.unmarked });
}

/** Applies a reviewed plan. The confirmation was asked on the review screen, so `yes`. */
export async function applyPlan(plan: Plan, root: string): Promise<{ id: string; output: string }> {
  const { io, text } = captureIo();
  const { id } = await apply(plan, { root, io, yes: true });
  if (!id) throw new Error(`apply made no backup: ${text().trim()}`);
  return { id, output: text() };
}

export function backupsOf(root: string): BackupView[] {
  const fs = realFs();
  return listBackups(fs, root)
    .reverse()
    .map((b) => ({
      id: b.id,
      createdAt: b.createdAt,
      state: b.state,
      operations: b.changes.length,
      summary: b.changes.join(', '),
      createdUsers: readBackup(fs, root, b.id).manifest.accounts.filter((a) => !a.existed).map((a) => a.user),
    }));
}

/** What rolling `id` back would do to each path it recorded (now → as before the apply), drawn by
 *  the planner's own renderer as the operations that would restore it. Reads only. */
export function rollbackPreview(root: string, id: string): string {
  const fs = realFs();
  const host = rootHost(root);
  const backup = readBackup(fs, root, id);
  const why = `as before apply ${id}`;
  const ops: Operation[] = [];
  const notes: string[] = [];
  for (const entry of backup.manifest.paths) {
    const now = host.lstat(entry.path);
    const before = preconditionOf(host, entry.path) ?? { exists: false as const };
    if (!entry.existed) {
      if (now?.type === 'file') ops.push({ op: 'remove-file', path: entry.path, before, why: `created by apply ${id}` });
      else if (now) notes.push(`# remove ${entry.path} (a ${now.type} the apply created), if nothing else is in it\n`);
      continue;
    }
    if (now && now.type !== entry.type) {
      notes.push(`# ${entry.path} is now a ${now.type}: the rollback will refuse it unless forced\n`);
      continue;
    }
    const owner = { owner: userName(host, entry.uid ?? 0) ?? String(entry.uid), group: groupName(host, entry.gid ?? 0) ?? String(entry.gid) };
    const current = before.exists && before.type === 'file' ? before.sha256 : null;
    if (entry.type === 'file' && entry.copy && current !== entry.sha256) {
      ops.push({ op: 'write-file', path: entry.path, before, ...encodeContent(readCopy(fs, root, id, entry.copy)), mode: entry.mode ?? 0o644, ...owner, why });
      continue;
    }
    if (now && entry.mode !== null && now.mode !== entry.mode) ops.push({ op: 'chmod', path: entry.path, before, mode: entry.mode, why });
    if (now && (now.uid !== entry.uid || now.gid !== entry.gid)) ops.push({ op: 'chown', path: entry.path, before, ...owner, why });
  }
  return renderOperations(ops, host) + notes.join('');
}

export async function rollbackBackupById(root: string, id: string, removeUsers: boolean): Promise<string> {
  const { io, text } = captureIo();
  await rollback({ root, io, id, yes: true, removeUsers });
  return text();
}
