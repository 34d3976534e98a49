// The parts of a detail screen (a job, or the host-wide findings): the fixes as toggles, the
// findings with why they matter, and the planner's live diff of the accepted fixes.

import type { Finding } from '../../core/types.js';
import { findRule } from '../../rules/registry.js';
import type { Proposal } from '../model.js';
import { isOn, type WizardState } from '../state.js';
import { badge, cut, diffLines, line, seg, wrap, type Line } from '../text.js';
import { diffStyle } from '../theme.js';

/** What the planner makes of the accepted fixes of one job (or of the host-wide findings). */
export interface JobPreview {
  /** Unified diffs and one-line operations, as review shows them. */
  diff: string;
  /** The job's new line(s), as they will read in the file. */
  rewritten: string[];
  /** Fixes the planner could not make, with its reason. */
  unfixed: string[];
  /** The dedicated user the plan creates for the job, if any. */
  user: string | null;
}

/** What to do next, for a first-time user. */
export function nextStepHint(state: WizardState, proposals: Proposal[]): Line | undefined {
  if (proposals.length === 0) return undefined;
  const on = proposals.filter((p) => isOn(state, p.key)).length;
  if (on === 0) return line(seg('space turns the highlighted fix on (a: all recommended), then d shows the change', 'accent'));
  return line(seg(state.detail.view === 'diff' ? `${on} on: r reviews every change before anything is written` : `${on} on: d shows the diff, r reviews every change`, 'accent'));
}

/** The proposals as toggles; `what` says what a fix does (default: its rule's remedy). */
export function fixLines(state: WizardState, proposals: Proposal[], width: number, what: (p: Proposal) => string | null = () => null): Line[] {
  if (proposals.length === 0) return [line(seg('no automatic fix here; the findings below say what to do by hand', 'dim'))];
  const lines: Line[] = [line(seg(`fixes (${proposals.filter((p) => isOn(state, p.key)).length}/${proposals.length} on)`, 'title'))];
  proposals.forEach((p, i) => {
    const selected = i === state.detail.cursor;
    const on = isOn(state, p.key);
    const text = what(p) ?? remedyOf(findRule(p.finding.rule)?.docs.remedy);
    lines.push(
      line(
        seg(selected ? '› ' : '  ', 'cursor'),
        seg(on ? '[x] ' : '[ ] ', on ? 'ok' : 'dim'),
        seg(p.finding.rule, selected ? 'cursor' : 'title'),
        // File- and host-level fixes of one rule differ only by what they fix: name it.
        seg(p.finding.job === null && p.finding.path ? ` ${p.finding.path}` : ''),
        seg(p.recommended ? ' (recommended)' : ' (suggestion: changes behaviour)', 'dim'),
        seg(`  ${text}`.slice(0, Math.max(0, width))),
      ),
    );
  });
  return lines;
}

/** First clause of a remedy: what the fix does, short enough for one row. */
function remedyOf(remedy: string | undefined): string {
  if (!remedy) return '';
  const cut = remedy.search(/[:.](\s|$)|\s\(/);
  return cut > 0 ? remedy.slice(0, cut) : remedy;
}

export function findingBlock(findings: Finding[], width: number, none = 'none: this job follows every practice cronwarden checks'): Line[] {
  const lines: Line[] = [line(seg(`findings (${findings.length})`, 'title'))];
  if (findings.length === 0) lines.push(line(seg(none, 'ok')));
  for (const f of findings) {
    const rule = findRule(f.rule);
    lines.push(line(seg(' '), badge(f.severity), seg(` ${f.rule}`, 'title'), seg(f.job ? '' : ' (file)', 'dim'), seg(f.line ? `  line ${f.line}` : '', 'dim')));
    for (const text of wrap(f.message, width - 6)) lines.push(line(seg(`      ${text}`)));
    if (rule) {
      wrap(`why: ${rule.docs.rationale}`, width - 6).forEach((text) => lines.push(line(seg(`      ${text}`, 'dim'))));
      if (rule.docs.references.length) wrap(`refs: ${rule.docs.references.join(' · ')}`, width - 6).forEach((text) => lines.push(line(seg(`      ${text}`, 'dim'))));
    }
  }
  return lines;
}

export function diffBlock(preview: JobPreview | null, width: number): Line[] {
  if (!preview) return [line(seg('working out the change…', 'dim'))];
  const lines: Line[] = [];
  for (const u of preview.unfixed) for (const text of wrap(`not fixed: ${u}`, width - 2)) lines.push(line(seg(text, 'warn')));
  if (!preview.diff) {
    lines.push(line(seg('no fix is on: nothing would change. space turns a fix on.', 'dim')));
    return lines;
  }
  if (preview.rewritten.length) {
    lines.push(line(seg('rewritten line', 'title')));
    // Cut into rows rather than truncated: this line is what cron will run, all of it matters.
    for (const r of preview.rewritten) for (const part of cut(r, width - 4)) lines.push(line(seg(`  ${part}`, 'added')));
  }
  lines.push(line(seg('diff', 'title')), ...diffLines(preview.diff, diffStyle, width));
  return lines;
}
