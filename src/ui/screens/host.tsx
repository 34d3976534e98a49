// Host-wide findings: the ones about no job and no crontab (who may use crontab, the update
// policy…), with their fixes as toggles and the planner's live diff, like a job's detail.

import { Frame, bodyHeight } from '../components/frame.js';
import { diffBlock, findingBlock, fixLines, nextStepHint, type JobPreview } from '../components/detail-blocks.js';
import { Lines } from '../components/lines.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import { hostProposals, type WizardModel } from '../model.js';
import type { WizardState } from '../state.js';
import { line, scrolled, seg, wrap, type Line } from '../text.js';

const KEYS = 'space toggle  a all recommended  d diff  r review  pgdn scroll  q back';

export interface HostScreenProps {
  state: WizardState;
  model: WizardModel;
  preview: JobPreview | null;
  previewError?: string | null;
  onScrollClamp?: (offset: number) => void;
}

export function HostScreen({ state, model, preview, previewError, onScrollClamp }: HostScreenProps) {
  const width = state.size.columns;
  const head: Line[] = [line(seg('host-wide findings', 'title'), seg(`  about ${model.scan.inventory.root}, not one job`, 'dim'))];
  const proposals = hostProposals(model);
  const fixes = fixLines(state, proposals, width);
  const rest =
    state.detail.view !== 'diff'
      ? findingBlock(model.hostFindings, width, 'none: nothing host-wide to report')
      : previewError
        ? wrap(`the planner could not make this change: ${previewError}`, width - 2).map((text) => line(seg(text, 'error')))
        : diffBlock(preview, width);
  const shown = scrolled(rest, state.detail.scroll, Math.max(1, bodyHeight(state) - head.length - fixes.length));
  useClampedScroll(state.detail.scroll, shown.offset, onScrollClamp);
  return (
    <Frame state={state} title={state.detail.view === 'diff' ? 'host · diff' : 'host'} keys={KEYS} status={nextStepHint(state, proposals)}>
      <Lines lines={[...head, ...fixes, ...shown.lines]} width={width} />
    </Frame>
  );
}
