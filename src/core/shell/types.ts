// The shape of a shell command as the rules see it: a flat list of simple commands with where each
// one sits (pipeline, substitution, subshell, a re-parsed `sh -c` body), so a rule asks "is there a
// `curl` whose output feeds an `sh`" without walking a tree.

export type Dialect = 'posix' | 'bash';

export interface Word {
  /** Source text, quotes included. */
  text: string;
  /** Literal value after quote removal; null when the word has an expansion (its value is only known at run time). */
  value: string | null;
  /** Some part was quoted or backslash-escaped. */
  quoted: boolean;
  /** Has an unquoted `*`, `?` or `[…]`: the shell replaces it with matching file names. */
  hasGlob: boolean;
  expansions: Array<'param' | 'command' | 'arith' | 'process'>;
  /** Offset in the analysed command text. Inside a re-parsed `sh -c` body it is exact when the body
   *  is a plain single-quoted word, and approximate (counted from the body word) otherwise. */
  offset: number;
}

export interface Redirect {
  /** '>', '>>', '<', '>&', '<&', '<>', '>|', '<<', '<<-', and bash's '<<<', '&>', '&>>'. */
  op: string;
  /** The explicit descriptor (`2>`), or null for the operator's default. */
  fd: number | null;
  /** The file, descriptor number or here-document delimiter. */
  target: Word;
}

export interface SimpleCommand {
  /** The command word; null for a command that only assigns or redirects. */
  name: Word | null;
  args: Word[];
  assignments: Array<{ name: string; value: Word }>;
  /** Its redirects in the order the shell applies them: those of the compound commands around it,
   *  outermost first (`{ a; b; } >/dev/null`: the redirect receives a's and b's output, so both
   *  carry it), then its own. */
  redirects: Redirect[];
  /** Where its stdout is connected to a pipe: one entry per pipeline it writes into, outermost
   *  first, each the number of `redirects` (at the end) applied after the pipe is set up.
   *  `{ a | b; } >/dev/null`: a still writes into b, the pipe being set up after the group's redirect. */
  pipes: readonly number[];
  /** Index into ShellAnalysis.pipelines. */
  pipeline: number;
  /** Element index in that pipeline (compound elements such as `( … ) | x` count as one element).
   *  `pipeline` is the innermost pipeline: `(a | b) | c` puts a and b in their own. */
  position: number;
  /** Inside `$( … )`, backquotes or bash's `<( … )` / `>( … )`. */
  inSubstitution: boolean;
  /** Inside `( … )`. */
  inSubshell: boolean;
  /** Inside a re-parsed literal `sh -c '…'` / `bash -c "…"` / `su -c '…'` body. */
  viaShC: boolean;
  /** Its stdout goes into a pipe: it is a pipeline element before the last, or inside a compound
   *  command that is one (`{ a || b; } | logger`: a and b write into logger). */
  outputPiped: boolean;
  /** Names defined as shell functions where it runs: earlier in its shell (a definition in a
   *  subshell, a pipeline element or a background list is not seen outside it; one inside a
   *  function body counts from that function's definition); for a command in a function body, every
   *  function the job defines (the body runs when called, later). A definition that may not run
   *  (`false && f() …`) counts. A command named by one of them calls the function: POSIX looks
   *  functions up before PATH. Checked against dash and bash in shell-functions-oracle.test.ts. */
  functions: readonly string[];
  /** The function whose body it is in: it runs when that function is called, not where it stands. */
  inFunction: string | null;
  /** Its and-or list ends with `&`. */
  background: boolean;
  offset: number;
}

export interface Pipeline {
  /** Indexes into ShellAnalysis.commands of the simple commands that run as this pipeline's
   *  elements, in order: a simple element, and every command of a compound element (`(a; b) | c`
   *  → a, b, c; those also belong to pipelines of their own). Not the commands of substitutions or
   *  function bodies. */
  commands: number[];
  /** The element each entry of `commands` belongs to: `(a; b) | c` → 0, 0, 1 (shared and frozen
   *  when it is 0, 1, …). */
  elements: number[];
  negated: boolean;
}

/** Memoised by command text and shared by every caller: treat it as read-only (empty lists are
 *  shared frozen arrays, so an accidental push throws rather than corrupting other jobs). */
export interface ShellAnalysis {
  /** False when the dialect's shell rejects the text, or (posix) reads a bash construct differently
   *  from what the writer meant (`[[`, `&>`, `${x//a/b}`, `$'…'`). */
  ok: boolean;
  error: { message: string; offset: number } | null;
  /** Every simple command in source order, including those in substitutions and `sh -c` bodies.
   *  After an error: the commands parsed before it. */
  commands: SimpleCommand[];
  pipelines: Pipeline[];
  /** Each literal `sh -c` body read: the command that runs it (`commands[command]`, e.g. `su -c
   *  '…'`) and its own commands, `commands[first..end)`. Its output is that command's output. */
  bodies: ReadonlyArray<{ command: number; first: number; end: number }>;
}
