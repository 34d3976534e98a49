// The CLI's one output convention (DESIGN §4): stdout carries results only; progress and warnings
// go to stderr; colour only on a TTY and never with NO_COLOR.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour allowed on stdout. */
  color: boolean;
  isTTY: boolean;
  /** Set by a command whose outcome is not an error but still exits non-zero (findings → 1). */
  exitCode?: number;
}

export function processIo(): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  // `cronwarden scan | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    isTTY,
  };
}
