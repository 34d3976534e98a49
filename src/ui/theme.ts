// The wizard's one colour table. Screens name a style ('high', 'added', 'cursor'…); the theme maps
// it to Ink Text props, or to nothing at all without colour (NO_COLOR, TERM=dumb, no TTY), so the
// plain frames are the same text the coloured ones are — the cursor is a ›, never only inverse.

import { createContext, useContext } from 'react';
import type { Severity } from '../core/types.js';

export type StyleName =
  | Severity
  | 'ok'
  | 'title'
  | 'dim'
  | 'accent'
  | 'warn'
  | 'error'
  | 'added'
  | 'removed'
  | 'hunk'
  | 'cursor'
  | 'key';

export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

const COLOURS: Record<StyleName, TextStyle> = {
  critical: { color: 'red', bold: true },
  high: { color: 'red' },
  medium: { color: 'yellow' },
  low: { color: 'cyan' },
  info: { color: 'gray' },
  ok: { color: 'green' },
  title: { bold: true },
  dim: { dimColor: true },
  accent: { color: 'blue', bold: true },
  warn: { color: 'yellow', bold: true },
  error: { color: 'red', bold: true },
  added: { color: 'green' },
  removed: { color: 'red' },
  hunk: { color: 'cyan' },
  cursor: { bold: true, color: 'blue' },
  key: { bold: true },
};

export interface Theme {
  color: boolean;
  style(name: StyleName | undefined): TextStyle;
}

/** One shared object for "no style", so callers can tell equal styles by identity. */
const PLAIN: TextStyle = Object.freeze({});

export function makeTheme(color: boolean): Theme {
  return { color, style: (name) => (color && name ? COLOURS[name] : PLAIN) };
}

/** Colour unless NO_COLOR is set (non-empty, no-color.org), TERM is dumb, or stdout is no TTY. */
export function colourWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

export const ThemeContext = createContext<Theme>(makeTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The style a unified-diff line is shown in. */
export function diffStyle(line: string): StyleName | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'title';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('#')) return 'accent';
  return undefined;
}
