// The one place colours live. Every styled string goes through paint(), which is a no-op without
// colour (no TTY, NO_COLOR, TERM=dumb), so plain output never carries escape codes.

import { styleText } from 'node:util';
import type { Severity } from '../core/types.js';

type Style = Parameters<typeof styleText>[0];

export const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

export function painter(color: boolean) {
  return (style: Style, text: string): string => (color ? styleText(style, text) : text);
}
