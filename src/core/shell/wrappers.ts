// Programs that run another program given as their arguments (`timeout 60 curl …`, `flock -n f cmd`,
// `nice -n 10 cmd`). Rules that ask "is curl bounded by a timeout" or "is this job locked" look
// through them: the shell sees only `timeout`, cron users mean `curl`.

import type { SimpleCommand, Word } from './types.js';

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Options that take a separate value, per wrapper; the wrapped command starts after the options and
 *  the wrapper's own positional arguments (`positional`). */
const WRAPPERS: Record<string, { valued: string[]; positional: number }> = {
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  flock: { valued: ['-w', '--wait', '--timeout', '-E', '--conflict-exit-code'], positional: 1 },
  nice: { valued: ['-n', '--adjustment'], positional: 0 },
  ionice: { valued: ['-c', '--class', '-n', '--classdata', '-p', '--pid'], positional: 0 },
  nohup: { valued: [], positional: 0 },
  setsid: { valued: [], positional: 0 },
  chronic: { valued: [], positional: 0 },
  'run-one': { valued: [], positional: 0 },
  stdbuf: { valued: ['-i', '-o', '-e'], positional: 0 },
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S'], positional: 0 },
  sudo: { valued: ['-u', '--user', '-g', '--group', '-C', '-D', '-h', '-p', '-r', '-t', '-U'], positional: 0 },
  doas: { valued: ['-u', '-C'], positional: 0 },
  exec: { valued: ['-a'], positional: 0 },
  command: { valued: [], positional: 0 },
  time: { valued: ['-f', '--format', '-o', '--output'], positional: 0 },
};

export interface Invocation {
  /** Basename of the program, or null when computed at run time. */
  name: string | null;
  /** The command word as written. */
  word: Word;
  args: Word[];
}

/** The wrapper chain of one simple command, outermost first: `timeout 5 nice curl x` →
 *  [timeout, nice, curl]. The last element is the program that does the work. */
export function invocations(command: SimpleCommand): Invocation[] {
  if (!command.name) return [];
  const chain: Invocation[] = [];
  let word: Word = command.name;
  let args = command.args;
  for (;;) {
    const name = word.value === null ? null : basename(word.value);
    chain.push({ name, word, args });
    const wrapper = name ? WRAPPERS[name] : undefined;
    if (!wrapper) return chain;
    let i = 0;
    let positional = wrapper.positional;
    while (i < args.length) {
      const value = args[i].value ?? '';
      if (value === '--') {
        i++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) i++;
      else if (value.startsWith('-') && value !== '-') i += wrapper.valued.includes(value) ? 2 : 1;
      else if (positional > 0) {
        positional--;
        i++;
      } else break;
    }
    // `flock FILE -c 'cmd'` runs a shell string, already re-parsed by the analysis when literal.
    if (i >= args.length) return chain;
    word = args[i];
    args = args.slice(i + 1);
  }
}

/** The program that does the work, behind any wrappers. */
export function innermost(command: SimpleCommand): Invocation | null {
  return invocations(command).at(-1) ?? null;
}
