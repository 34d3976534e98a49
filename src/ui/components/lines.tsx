// Renders layout lines: one Ink row per line, truncated at the edge, styled through the theme.
// Ink redraws every row on every keypress, so a row is as few nodes as its styles need: runs of one
// style are merged, and unstyled text is a plain string rather than a nested <Text>.

import { Box, Text } from 'ink';
import type { Line } from '../text.js';
import { useTheme, type Theme } from '../theme.js';

export function Lines({ lines, width }: { lines: Line[]; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((segments, i) => (
        <Text key={i} wrap="truncate-end">
          {row(segments, theme)}
        </Text>
      ))}
    </Box>
  );
}

function row(segments: Line, theme: Theme) {
  const runs: { text: string; props: ReturnType<Theme['style']> }[] = [];
  for (const s of segments) {
    if (s.text === '') continue;
    const props = theme.style(s.style);
    const last = runs[runs.length - 1];
    if (last && last.props === props) last.text += s.text;
    else runs.push({ text: s.text, props });
  }
  if (runs.length === 0) return ' ';
  return runs.map((r, j) =>
    Object.keys(r.props).length === 0 ? (
      r.text
    ) : (
      <Text key={j} {...r.props}>
        {r.text}
      </Text>
    ),
  );
}
