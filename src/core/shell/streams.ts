// Where a job's stdout and stderr end up: cron captures whatever reaches the job's own output and
// mails it (or drops it when it cannot mail). Redirections are followed in order, as the shell
// does: `>/dev/null 2>&1` sends both to /dev/null, `2>&1 >/dev/null` keeps stderr.

import { callsFunction } from './index.js';
import { innermost } from './wrappers.js';
import type { Redirect, ShellAnalysis, SimpleCommand } from './types.js';

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
  files: readonly string[];
}

/** Where one command's stdout and stderr end up: its redirects in order, its stdout connected to
 *  a pipe before the redirect at each index of `pipesAt` (ascending; the length: after them all). */
function follow(redirects: readonly Redirect[], pipesAt: readonly number[]): { out: Destination; err: Destination; files: string[] } {
  const fds = new Map<number, Destination>([
    [1, 'cron'],
    [2, 'cron'],
  ]);
  const files: string[] = [];
  let pipe = 0;
  for (let i = 0; i <= redirects.length; i++) {
    for (; pipe < pipesAt.length && pipesAt[pipe] === i; pipe++) fds.set(1, 'pipe');
    const r = redirects[i];
    if (r === undefined) break;
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

/** SimpleCommand.pipes as indexes into its redirects. */
const pipesAt = (command: SimpleCommand): number[] => command.pipes.map((after) => command.redirects.length - after);

/** Its stdout ends up in a pipe (not redirected away from it): `dump > f | gzip` pipes nothing. */
export const writesIntoPipe = (command: SimpleCommand): boolean => command.outputPiped && follow(command.redirects, pipesAt(command)).out === 'pipe';

const outputs = new WeakMap<ShellAnalysis, JobOutput>();

/** Memoised per analysis (so per distinct command text); read-only. */
export function jobOutput(analysis: ShellAnalysis): JobOutput {
  let found = outputs.get(analysis);
  if (!found) outputs.set(analysis, (found = computeOutput(analysis)));
  return found;
}

function computeOutput(analysis: ShellAnalysis): JobOutput {
  let reachesCron = false;
  let everythingDiscarded = true;
  let judged = 0;
  const files: string[] = [];
  const judge = (command: SimpleCommand, redirects: readonly Redirect[], pipes: readonly number[]): void => {
    const { out, err, files: written } = follow(redirects, pipes);
    files.push(...written);
    // A sink's own output is not the job's: what matters is what was piped into it.
    if (SINKS.has(innermost(command)?.name ?? '')) return;
    judged++;
    if (out === 'cron' || err === 'cron') reachesCron = true;
    const kept = (d: Destination) => d !== '/dev/null' && d !== 'closed';
    if (kept(out) || kept(err)) everythingDiscarded = false;
  };
  const { commands, bodies } = analysis;
  const bodyOf = new Map(bodies.map((b) => [b.command, b]));
  /** The commands of one shell (the job's, or a `sh -c` body's: commands[first..end)), their
   *  output going where `redirects`/`pipes` send the output of what runs that shell. */
  const visit = (first: number, end: number, redirects: readonly Redirect[], pipes: readonly number[]): void => {
    const within = (command: SimpleCommand) => ({
      redirects: redirects.length === 0 ? command.redirects : [...redirects, ...command.redirects],
      pipes: pipes.length === 0 ? pipesAt(command) : [...pipes, ...pipesAt(command).map((i) => i + redirects.length)],
    });
    for (let i = first; i < end; i++) {
      const command = commands[i]!;
      // Output of a substitution becomes an argument, not job output; a function body writes
      // where the output of each call of it goes.
      if (command.inSubstitution || command.inFunction !== null) continue;
      const here = within(command);
      const body = bodyOf.get(i);
      // The shell running a `sh -c` body is judged too: its own errors (a redirect it cannot open,
      // `bash: connect: Connection refused`) go to its own stderr.
      if (body) visit(body.first, body.end, here.redirects, here.pipes);
      if (!callsFunction(command)) judge(command, here.redirects, here.pipes);
      else {
        for (let j = first; j < end; j++) {
          const inner = commands[j]!;
          if (inner.inFunction !== command.name?.value || inner.inSubstitution) continue;
          judge(inner, [...here.redirects, ...inner.redirects], [...here.pipes, ...pipesAt(inner).map((k) => k + here.redirects.length)]);
        }
      }
    }
  };
  visit(0, bodies[0]?.first ?? commands.length, [], []);
  return { reachesCron, allDiscarded: judged > 0 && everythingDiscarded, files: Object.freeze([...new Set(files)]) };
}
