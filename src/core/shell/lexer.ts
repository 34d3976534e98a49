// Token-level reading for the shell grammar: blanks, comments and line continuations, reserved
// words (only where the grammar expects a command), here-document bodies, redirections, and errors
// in dash's own words ("\"(\" unexpected") so a user can match them with what /bin/sh says.

import type { Dialect, Pipeline, Redirect, SimpleCommand } from './types.js';
import { WordReader } from './words.js';

const RESERVED =
  /(?:if|then|else|elif|fi|do|done|case|esac|while|until|for|in|\{|\}|!|\[\[|function|select|time)(?=[ \t\n;&|()<>]|$)/y;
const RESERVED_FIRST = new Uint8Array(128).map((_, i) => ('iteodcwuf{}![s'.includes(String.fromCharCode(i)) ? 1 : 0));
const REDIRECT_OP = /(\d*)(<<<|<<-|<<|<>|<&|<|>>|>&|>\||>|&>>|&>)/y;
const [LT, GT, AMP, ZERO, NINE] = ['<', '>', '&', '0', '9'].map((c) => c.charCodeAt(0));
const BASH_ONLY_OPS = new Set(['<<<', '&>', '&>>']);

export interface Output {
  commands: SimpleCommand[];
  pipelines: Pipeline[];
  /** Per command, the Context.level it was parsed at. */
  levels: number[];
}

export interface Context {
  inSubstitution: boolean;
  inSubshell: boolean;
  viaShC: boolean;
  /** Function names defined so far in this shell (a subshell's definitions die with it). */
  functions: readonly string[];
  /** The function whose body is being parsed. */
  inFunction: string | null;
  /** Nesting of substitutions and function bodies: a pipeline's or a compound command's own
   *  commands are those at its level (a substitution's output is an argument; a function body
   *  runs where the function is called, not where it is defined). */
  level: number;
}

export abstract class ShellLexer extends WordReader {
  private heredocs: Array<{ delimiter: string; strip: boolean }> = [];

  constructor(
    src: string,
    dialect: Dialect,
    base: number,
    readonly out: Output,
    protected ctx: Context,
  ) {
    super(src, dialect, base);
  }

  protected withContext(change: Partial<Context>, run: () => void): void {
    const saved = this.ctx;
    this.ctx = { ...saved, ...change };
    try {
      run();
    } finally {
      this.ctx = saved;
    }
  }

  protected reservedAt(): string | null {
    if (!RESERVED_FIRST[this.src.charCodeAt(this.pos)]) return null;
    RESERVED.lastIndex = this.pos;
    const m = RESERVED.exec(this.src);
    if (!m) return null;
    if (m[0] === '[[' || m[0] === 'function' || m[0] === 'select' || m[0] === 'time') return this.dialect === 'bash' ? m[0] : null;
    return m[0];
  }

  protected skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** Blanks, comments and newlines (reading any here-document bodies that a newline starts). */
  protected skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] !== '\n') return;
      this.pos++;
      this.readHeredocBodies();
    }
  }

  protected readHeredocBodies(): void {
    for (const { delimiter, strip } of this.heredocs) {
      while (this.pos < this.src.length) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        const line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) break;
      }
    }
    this.heredocs = [];
  }

  protected describe(): string {
    if (this.pos >= this.src.length) return 'end of file';
    const op = /^(?:;;|&&|\|\||[;&|()])/.exec(this.src.slice(this.pos, this.pos + 2));
    return `"${op ? op[0] : (this.reservedAt() ?? this.src[this.pos])}"`;
  }

  protected unexpected(): never {
    this.fail(`Syntax error: ${this.describe()} unexpected`);
  }

  protected expect(word: string): void {
    this.skipLinebreaks();
    if (this.reservedAt() !== word) this.fail(`Syntax error: ${this.describe()} unexpected (expecting "${word}")`);
    this.pos += word.length;
  }

  protected parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const redirect = this.parseRedirect();
      if (!redirect) return redirects;
      redirects.push(redirect);
    }
  }

  protected parseRedirect(): Redirect | null {
    const c = this.src.charCodeAt(this.pos);
    if (c !== LT && c !== GT && c !== AMP && !(c >= ZERO && c <= NINE)) return null;
    REDIRECT_OP.lastIndex = this.pos;
    const m = REDIRECT_OP.exec(this.src);
    if (!m) return null;
    const [, digits, op] = m;
    if (op.startsWith('&') && (digits !== '' || this.dialect === 'posix')) return null;
    if (BASH_ONLY_OPS.has(op) && this.dialect === 'posix') this.fail('Syntax error: redirection unexpected');
    this.pos = REDIRECT_OP.lastIndex;
    this.skipBlanks();
    if (this.atWordEnd()) this.unexpected();
    const target = this.readWord();
    // `>&2>&1`: the shells lex digits before `<`/`>` as the next redirect's descriptor, leaving this one without a target.
    if (/^\d+$/.test(target.text) && (this.src[this.pos] === '<' || this.src[this.pos] === '>')) this.fail('Syntax error: redirection unexpected');
    if ((op === '>&' || op === '<&') && target.value !== null && !/^(?:\d+|-)$/.test(target.value)) {
      const at = target.offset - this.base;
      if (op === '>&' && digits === '') this.bashOnly('`>& file` (stdout and stderr to a file)', at);
      // `2>&1\r` (a CRLF crontab) or `2>&log`: no shell takes that as a descriptor.
      else this.soft(`“${JSON.stringify(target.value).slice(1, -1)}” is not a file descriptor: the shell stops there (dash: “Bad fd number”, bash: “ambiguous redirect”)`, at);
    }
    if (op === '<<' || op === '<<-') this.heredocs.push({ delimiter: target.value ?? target.text, strip: op === '<<-' });
    return { op, fd: digits === '' ? null : Number(digits), target };
  }
}
