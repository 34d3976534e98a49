// Renders layout lines: one Ink row per line, truncated at the edge, styled through the theme.

import { Box, Text } from 'ink';
import type { Line } from '../text.js';
import { useTheme } from '../theme.js';

export function Lines({ lines, width }: { lines: Line[]; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((segments, i) => (
        <Text key={i} wrap="truncate-end">
          {segments.length === 0 || segments.every((s) => s.text === '') ? ' ' : segments.map((s, j) => (
            <Text key={j} {...theme.style(s.style)}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
