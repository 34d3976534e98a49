// Where a job's stdout and stderr end up: cron captures whatever reaches the job's own output and
// mails it (or drops it when it cannot mail). Redirections are followed in order, as the shell
// does: `>/dev/null 2>&1` sends both to /dev/null, `2>&1 >/dev/null` keeps stderr.

import { innermost } from './wrappers.js';
import type { Redirect, ShellAnalysis } from './types.js';

/** cron: the job's output as cron captures it; pipe: into the next command; or a file path;
 *  `dynamic` when the target is only known at run time. */
type Destination = 'cron' | 'pipe' | 'closed' | 'dynamic' | string;

/** Programs that consume what is piped into them and print nothing: the output is handled. */
const SINKS = new Set(['logger', 'systemd-cat', 'mail', 'mailx', 'sendmail', 'ts-logger']);

export interface JobOutput {
  /** Some stdout or stderr reaches cron's capture (mailed when possible, else lost). */
  reachesCron: boolean;
  /** Every stream of every command goes to /dev/null or is closed: nothing is ever seen. */
  allDiscarded: boolean;
  /** Files written by redirection (literal targets), e.g. logs. */
  files: string[];
}

function follow(redirects: readonly Redirect[], stdout: Destination): { out: Destination; err: Destination; files: string[] } {
  const fds = new Map<number, Destination>([
    [1, stdout],
    [2, 'cron'],
  ]);
  const files: string[] = [];
  for (const r of redirects) {
    const target = r.target.value;
    if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === null && target !== null && !/^\d+$|^-$/.test(target))) {
      const dest = target ?? 'dynamic';
      fds.set(1, dest);
      fds.set(2, dest);
      if (target && target !== '/dev/null') files.push(target);
    } else if (r.op === '>' || r.op === '>>' || r.op === '>|') {
      const dest = target ?? 'dynamic';
      fds.set(r.fd ?? 1, dest);
      if (target && target !== '/dev/null') files.push(target);
    } else if (r.op === '>&') {
      const fd = r.fd ?? 1;
      if (target === '-') fds.set(fd, 'closed');
      else if (target && /^\d+$/.test(target)) fds.set(fd, fds.get(Number(target)) ?? 'closed');
    }
  }
  return { out: fds.get(1) ?? 'closed', err: fds.get(2) ?? 'closed', files };
}

export function jobOutput(analysis: ShellAnalysis): JobOutput {
  let reachesCron = false;
  let everythingDiscarded = true;
  const files: string[] = [];
  analysis.commands.forEach((command) => {
    // Output of a substitution becomes an argument, not job output.
    if (command.inSubstitution) return;
    const stdout: Destination = command.outputPiped ? 'pipe' : 'cron';
    const { out, err, files: written } = follow(command.redirects, stdout);
    files.push(...written);
    // A sink's own output is not the job's: what matters is what was piped into it.
    if (SINKS.has(innermost(command)?.name ?? '')) return;
    if (out === 'cron' || err === 'cron') reachesCron = true;
    const kept = (d: Destination) => d !== '/dev/null' && d !== 'closed';
    if (kept(out) || kept(err)) everythingDiscarded = false;
  });
  return { reachesCron, allDiscarded: analysis.commands.length > 0 && everythingDiscarded, files: [...new Set(files)] };
}
