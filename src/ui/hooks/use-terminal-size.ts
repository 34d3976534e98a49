// Follows the terminal's size: Ink's stdout emits 'resize'; tests pass a fixed size instead.

import { useStdout } from 'ink';
import { useEffect, type Dispatch } from 'react';
import type { Action } from '../state.js';

export const DEFAULT_SIZE = { columns: 80, rows: 24 };

/** The terminal's size now, for the first frame (drawing it at 80×24 first costs a second full
 *  frame right after); a stream that does not know its size gets 80×24. */
export function sizeOf(stdout: { columns?: number; rows?: number }): { columns: number; rows: number } {
  return { columns: stdout.columns || DEFAULT_SIZE.columns, rows: stdout.rows || DEFAULT_SIZE.rows };
}

export function useTerminalSize(dispatch: Dispatch<Action>, fixed: boolean): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (fixed) return;
    const report = () => dispatch({ type: 'resize', ...sizeOf(stdout) });
    report();
    stdout.on('resize', report);
    return () => {
      stdout.off('resize', report);
    };
  }, [stdout, dispatch, fixed]);
}
