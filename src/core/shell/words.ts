// Word scanning for the shell parser: quoting, escapes and the four expansion kinds, following the
// POSIX token rules (XCU 2.3) as dash's parser.c applies them. Command substitutions are handed back
// to the grammar (parseSubstitution) so their commands land in the same flat analysis.

import type { Dialect, Word } from './types.js';

/** Thrown inside the parser and caught by analyzeShell, never beyond. Deliberately not an Error:
 *  capturing a stack trace for every rejected cron line costs more than parsing it. */
export class ShellSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const table = (chars: string): Uint8Array => {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
};
/** Characters that end an unquoted word (XCU 2.3: blanks, newline and the operator characters). */
const WORD_END = table(' \t\n|&;<>()');
/** Characters that need more than copying: quotes, escapes, expansions and glob characters. */
const SPECIAL = table('\\\'"`$*?[');
const [STAR, QUESTION, BRACKET, TILDE] = ['*', '?', '[', '~'].map((c) => c.charCodeAt(0));
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!']);
/** After `${name`, the operators POSIX knows; anything else (`//`, `:1:2`, `^^`) is bash-only. */
const POSIX_PARAM_OP = /^(?:}|:?[-=?+]|%%?|##?)/;
const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };

interface WordState {
  value: string;
  literal: boolean;
  quoted: boolean;
  glob: boolean;
  expansions: Word['expansions'] | null;
}

/** Shared by every word without expansions (most of them): one array fewer per word in a result
 *  that is memoised for the whole scan. Frozen, as the whole analysis should be treated. */
export const NO_EXPANSIONS = Object.freeze([]) as unknown as Word['expansions'];

function expand(st: WordState, ...kinds: Word['expansions']): void {
  if (kinds.length === 0) return;
  if (st.expansions === null) st.expansions = [];
  st.expansions.push(...kinds);
}

export abstract class WordReader {
  pos = 0;
  /** The first construct the dialect's shell reads differently from bash (parsing goes on). */
  softError: { message: string; offset: number } | null = null;

  constructor(
    readonly src: string,
    readonly dialect: Dialect,
    /** Offset of src inside the text the caller analyses (for backquote bodies parsed apart). */
    readonly base: number,
  ) {}

  /** Parse a command list up to `)` (for `$(`) and consume it; pos is just after the opening paren. */
  protected abstract parseSubstitution(kind: 'command' | 'process'): void;
  /** Parse the body of a backquote substitution, given as its own text. */
  protected abstract parseBackquoted(body: string, base: number): void;

  fail(message: string, at = this.pos): never {
    throw new ShellSyntaxError(message, this.base + at);
  }

  soft(message: string, at: number): void {
    this.softError ??= { message, offset: this.base + at };
  }

  bashOnly(what: string, at: number): void {
    if (this.dialect === 'posix') this.soft(`${what} is bash-only: /bin/sh (dash) does not understand it`, at);
  }

  atWordEnd(): boolean {
    return this.pos >= this.src.length || WORD_END[this.src.charCodeAt(this.pos)] === 1;
  }

  readWord(): Word {
    const start = this.pos;
    const src = this.src;
    const st: WordState = { value: '', literal: src.charCodeAt(start) !== TILDE, quoted: false, glob: false, expansions: null };
    // Runs of plain characters are sliced, not appended one by one: most words are all plain, and
    // their value is then the source text itself (no copy).
    let run = start;
    let plain = true;
    for (let c = src.charCodeAt(this.pos); this.pos < src.length && !WORD_END[c]; c = src.charCodeAt(this.pos)) {
      if (!SPECIAL[c]) {
        this.pos++;
        continue;
      }
      if (c === STAR || c === QUESTION || c === BRACKET) {
        if (c !== BRACKET || this.closesBracket()) st.glob = true;
        this.pos++;
        continue;
      }
      plain = false;
      st.value += src.slice(run, this.pos);
      this.readSpecial(st, src[this.pos]);
      run = this.pos;
    }
    if (this.pos === start) this.fail(`Syntax error: "${src[start] ?? 'end of file'}" unexpected`);
    const text = src.slice(start, this.pos);
    const value = plain ? text : st.value + src.slice(run, this.pos);
    return {
      text,
      value: st.literal ? value : null,
      quoted: st.quoted,
      hasGlob: st.glob,
      expansions: st.expansions ?? NO_EXPANSIONS,
      offset: this.base + start,
    };
  }

  private readSpecial(st: WordState, c: string): void {
    if (c === '\\') {
      const next = this.src[this.pos + 1];
      if (next === '\n') this.pos += 2;
      else if (next === undefined) (st.value += '\\'), this.pos++;
      else (st.value += next), (st.quoted = true), (this.pos += 2);
    } else if (c === "'") {
      st.value += this.readSingle();
      st.quoted = true;
    } else if (c === '"') this.readDouble(st);
    else if (c === '`') this.readBackquote(st);
    else this.readDollar(st, false);
  }

  /** `[` starts a bracket pattern only when an unquoted `]` follows in the same word. */
  private closesBracket(): boolean {
    for (let i = this.pos + 1; i < this.src.length && !WORD_END[this.src.charCodeAt(i)]; i++) {
      const c = this.src[i];
      if (c === ']') return true;
      if (c === '\\' || c === "'" || c === '"' || c === '$' || c === '`') return false;
    }
    return false;
  }

  private readSingle(): string {
    const open = this.pos;
    const close = this.src.indexOf("'", open + 1);
    if (close < 0) this.fail('unterminated single quote: the text after it is never closed', open);
    this.pos = close + 1;
    return this.src.slice(open + 1, close);
  }

  private readDouble(st: WordState): void {
    const open = this.pos;
    st.quoted = true;
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated double quote: the text after it is never closed', open);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') (st.value += next), (this.pos += 2);
        else (st.value += '\\'), this.pos++;
      } else if (c === '`') this.readBackquote(st);
      else if (c === '$') this.readDollar(st, true);
      else (st.value += c), this.pos++;
    }
  }

  private readBackquote(st: WordState): void {
    const open = this.pos;
    let body = '';
    let i = open + 1;
    for (;;) {
      const c = this.src[i];
      if (c === undefined) this.fail('unterminated backquote substitution', open);
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.src[i + 1] ?? '')) (body += this.src[i + 1]), (i += 2);
      else (body += c), i++;
    }
    this.pos = i + 1;
    st.literal = false;
    expand(st, 'command');
    this.parseBackquoted(body, this.base + open + 1);
  }

  private readDollar(st: WordState, inDouble: boolean): void {
    const at = this.pos;
    const next = this.src[at + 1];
    if (next === '(' && this.src[at + 2] === '(') return this.readArithmetic(st);
    if (next === '(') {
      this.pos += 2;
      st.literal = false;
      expand(st, 'command');
      this.parseSubstitution('command');
      return;
    }
    if (next === '{') return this.readBraced(st);
    if (next !== undefined && (/[A-Za-z0-9_]/.test(next) || SPECIAL_PARAMS.has(next))) {
      this.pos += 2;
      if (/[A-Za-z_]/.test(next)) while (/[A-Za-z0-9_]/.test(this.src[this.pos] ?? '')) this.pos++;
      st.literal = false;
      expand(st, 'param');
      return;
    }
    if (!inDouble && next === "'") {
      this.bashOnly("`$'…'` quoting", at);
      if (this.dialect === 'bash') return this.readAnsiC(st);
    }
    if (!inDouble && next === '"') this.bashOnly('`$"…"` quoting', at);
    if (!inDouble && next === '"' && this.dialect === 'bash') {
      this.pos++;
      return;
    }
    st.value += '$';
    this.pos++;
  }

  private readArithmetic(st: WordState): void {
    const open = this.pos;
    let depth = 0;
    for (let i = open + 3; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else if (this.src[i + 1] === ')') {
          this.pos = i + 2;
          st.literal = false;
          expand(st, 'arith');
          return;
        } else break;
      }
    }
    this.fail('unterminated arithmetic expansion: missing `))`', open);
  }

  private readBraced(st: WordState): void {
    const open = this.pos;
    this.pos += 2;
    const m = /^(?:[#!]?)(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) this.fail('bad substitution: `${` must be followed by a parameter name', open);
    if (m[0].startsWith('!')) this.bashOnly('indirect expansion `${!…}`', open);
    this.pos += m[0].length;
    if (this.src[this.pos] === '[') this.bashOnly('array subscript `${name[…]}`', open);
    else if (!POSIX_PARAM_OP.test(this.src.slice(this.pos, this.pos + 2))) this.bashOnly('this `${…}` form', open);
    const inner: WordState = { value: '', literal: true, quoted: false, glob: false, expansions: null };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated parameter expansion: missing `}`', open);
      if (c === '}') break;
      if (c === '\\') this.pos += 2;
      else if (c === "'") this.readSingle();
      else if (c === '"') this.readDouble(inner);
      else if (c === '`') this.readBackquote(inner);
      else if (c === '$') this.readDollar(inner, false);
      else this.pos++;
    }
    this.pos++;
    st.literal = false;
    expand(st, 'param', ...(inner.expansions ?? NO_EXPANSIONS));
  }

  private readAnsiC(st: WordState): void {
    const open = this.pos;
    this.pos += 2;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail("unterminated `$'…'` string", open);
      if (c === "'") break;
      if (c === '\\') {
        const e = this.src[this.pos + 1] ?? '';
        st.value += ANSI_C[e] ?? e;
        this.pos += 2;
      } else (st.value += c), this.pos++;
    }
    this.pos++;
    st.quoted = true;
  }
}
