// The shapes a try-run reports, shared by the runner, the renderers and the wizard.

import type { Host } from '../core/types.js';
import type { CronExecution } from './cron-execution.js';

/** Output kept per stream; the rest is counted, not stored. */
export const MAX_OUTPUT_BYTES = 64 * 1024;

export interface StreamCapture {
  text: string;
  /** All bytes the job wrote to the stream, including those not kept. */
  bytes: number;
  truncated: boolean;
}

export interface TryOptions {
  timeoutMs: number;
  /** Live output, as it arrives (the wizard shows it). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Aborting it stops the job (its whole process group): Ctrl-C in the CLI, a key in the wizard. */
  signal?: AbortSignal;
  /** The live host's view (default rootHost('/')); tests pass one that matches this machine. */
  host?: Host;
}

export interface TryResult {
  execution: CronExecution;
  /** Where the job ran, and why there when it is not $HOME. */
  ranIn: string;
  cwdNote: string | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Stopped through TryOptions.signal. */
  cancelled: boolean;
  timeoutMs: number;
  durationMs: number;
  stdout: StreamCapture;
  stderr: StreamCapture;
  /** The job's pid, which is also its process group and session id (null when it never started). */
  pid: number | null;
  /** Processes the job started were still running in its process group when it ended. */
  leftRunning: boolean;
  /** The job could not be started at all (the message says why). */
  startError: string | null;
}
