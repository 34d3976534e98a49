// The frame every screen shares: a title row, the body, a status row (notice, prompt or error) and
// the keys. It is one row shorter than the terminal: Ink redraws a full-height frame by clearing
// the screen, which flickers.

import { Box } from 'ink';
import type { ReactNode } from 'react';
import { confirmWord, type WizardState } from '../state.js';
import { fit, line, seg, type Line } from '../text.js';
import { titleRow } from '../target.js';
import { Lines } from './lines.js';

export interface FrameProps {
  state: WizardState;
  title: string;
  keys: string;
  /** Shown in the status row when nothing more urgent is. */
  status?: Line;
  children: ReactNode;
}

/** Rows available to a screen's body. */
export function bodyHeight(state: WizardState): number {
  return Math.max(3, state.size.rows - 4);
}

export function Frame({ state, title, keys, status, children }: FrameProps) {
  const width = state.size.columns;
  const { left, gap, right } = titleRow(title, state.target, width);
  const head: Line = line(seg(left, 'title'), seg(gap), seg(right, state.target.kind === 'live' ? 'warn' : 'dim'));
  const statusLine: Line = state.error
    ? line(seg(`error: ${state.error}`, 'error'))
    : state.editing
      ? line(seg(promptOf(state), 'accent'), seg(`${state.editing.text}█`))
      : state.notice
        ? line(seg(state.notice, 'warn'))
        : (status ?? []);
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={[head]} width={width} />
      {/* Rows arrive truncated to the width (Lines), so only the height is clipped: Ink's
          horizontal clip re-measures and re-slices every row of every frame. */}
      <Box height={bodyHeight(state)} flexDirection="column" overflowY="hidden">
        {children}
      </Box>
      <Lines lines={[statusLine, line(seg(fit(keys, width), 'dim'))]} width={width} />
    </Box>
  );
}

function promptOf(state: WizardState): string {
  const field = state.editing?.field;
  if (field === 'filter') return 'filter: ';
  if (field === 'user') return 'prefix of dedicated user names: ';
  return `type ${confirmWord(state)} and enter to change the LIVE host (esc cancels): `;
}
