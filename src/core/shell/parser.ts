// The shell grammar (XCU 2.10, as dash's parser.c reads it, plus the bash constructs cron jobs use),
// by recursive descent straight into the flat analysis. Errors carry dash's wording where it has one
// ("\"(\" unexpected") so a user can match them with what /bin/sh says.

import type { Dialect, Pipeline, Redirect, SimpleCommand } from './types.js';
import { NO_EXPANSIONS, ShellSyntaxError, WordReader } from './words.js';

/** Shared by every command without assignments or redirects (replaced on the first one). */
const NONE = Object.freeze([]) as unknown as never[];

const RESERVED =
  /(?:if|then|else|elif|fi|do|done|case|esac|while|until|for|in|\{|\}|!|\[\[|function|select|time)(?=[ \t\n;&|()<>]|$)/y;
const RESERVED_FIRST = new Uint8Array(128).map((_, i) => ('iteodcwuf{}![s'.includes(String.fromCharCode(i)) ? 1 : 0));
const FUNCTION_DEF = /[A-Za-z_][A-Za-z0-9_.:-]*[ \t]*\([ \t]*\)/y;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const REDIRECT_OP = /(\d*)(<<<|<<-|<<|<>|<&|<|>>|>&|>\||>|&>>|&>)/y;
const [LT, GT, AMP, ZERO, NINE] = ['<', '>', '&', '0', '9'].map((c) => c.charCodeAt(0));
const BASH_ONLY_OPS = new Set(['<<<', '&>', '&>>']);

export interface Output {
  commands: SimpleCommand[];
  pipelines: Pipeline[];
}

interface Context {
  inSubstitution: boolean;
  inSubshell: boolean;
  viaShC: boolean;
}

type ListEnd = 'eof' | ')' | string[];

export class ShellParser extends WordReader {
  private heredocs: Array<{ delimiter: string; strip: boolean }> = [];

  constructor(
    src: string,
    dialect: Dialect,
    base: number,
    readonly out: Output,
    private ctx: Context,
  ) {
    super(src, dialect, base);
  }

  parseProgram(): void {
    this.parseList('eof', false);
  }

  protected parseSubstitution(): void {
    this.withContext({ inSubstitution: true }, () => this.parseList(')', false));
    this.pos++;
  }

  protected parseBackquoted(body: string, base: number): void {
    const inner = new ShellParser(body, this.dialect, base, this.out, { ...this.ctx, inSubstitution: true });
    inner.parseProgram();
    if (inner.softError) this.softError ??= inner.softError;
  }

  private withContext(change: Partial<Context>, run: () => void): void {
    const saved = this.ctx;
    this.ctx = { ...saved, ...change };
    try {
      run();
    } finally {
      this.ctx = saved;
    }
  }

  private reservedAt(): string | null {
    if (!RESERVED_FIRST[this.src.charCodeAt(this.pos)]) return null;
    RESERVED.lastIndex = this.pos;
    const m = RESERVED.exec(this.src);
    if (!m) return null;
    if (m[0] === '[[' || m[0] === 'function' || m[0] === 'select' || m[0] === 'time') return this.dialect === 'bash' ? m[0] : null;
    return m[0];
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** Blanks, comments and newlines (reading any here-document bodies that a newline starts). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] !== '\n') return;
      this.pos++;
      this.readHeredocBodies();
    }
  }

  private readHeredocBodies(): void {
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

  private describe(): string {
    if (this.pos >= this.src.length) return 'end of file';
    const op = /^(?:;;|&&|\|\||[;&|()])/.exec(this.src.slice(this.pos, this.pos + 2));
    return `"${op ? op[0] : (this.reservedAt() ?? this.src[this.pos])}"`;
  }

  private unexpected(): never {
    this.fail(`Syntax error: ${this.describe()} unexpected`);
  }

  private atListEnd(end: ListEnd): boolean {
    if (this.pos >= this.src.length) {
      if (end === 'eof') return true;
      this.fail(`Syntax error: end of file unexpected (expecting ${end === ')' ? '")"' : `"${end.at(-1)}"`})`);
    }
    if (this.src[this.pos] === ')') return end === ')';
    if (Array.isArray(end)) {
      if (end.includes(';;') && this.src.startsWith(';;', this.pos)) return true;
      const word = this.reservedAt();
      return word !== null && end.includes(word);
    }
    return false;
  }

  private parseList(end: ListEnd, required: boolean): void {
    let empty = true;
    for (;;) {
      this.skipLinebreaks();
      if (this.atListEnd(end)) break;
      const first = this.out.commands.length;
      this.parseAndOr();
      empty = false;
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === ';' && this.src[this.pos + 1] !== ';') this.pos++;
      else if (c === '&' && this.src[this.pos + 1] !== '&' && !this.bashAmpRedirect()) {
        for (let i = first; i < this.out.commands.length; i++) this.out.commands[i].background = true;
        this.pos++;
      } else if (c !== '\n' && !this.atListEnd(end)) this.unexpected();
    }
    if (empty && required) this.unexpected();
  }

  private bashAmpRedirect(): boolean {
    if (this.src[this.pos + 1] !== '>') return false;
    if (this.dialect === 'bash') return true;
    this.soft('`&>` is bash-only: /bin/sh (dash) runs the command in the background and applies the redirect to nothing', this.pos);
    return false;
  }

  private parseAndOr(): void {
    this.parsePipeline();
    for (;;) {
      this.skipBlanks();
      const op = this.src.slice(this.pos, this.pos + 2);
      if (op !== '&&' && op !== '||') return;
      this.pos += 2;
      this.skipLinebreaks();
      this.parsePipeline();
    }
  }

  private parsePipeline(): void {
    const pipeline: Pipeline = { commands: [], negated: false };
    const index = this.out.pipelines.push(pipeline) - 1;
    this.skipBlanks();
    if (this.reservedAt() === 'time') {
      this.pos += 4;
      this.skipBlanks();
      if (/^-p(?=[ \t])/.test(this.src.slice(this.pos, this.pos + 3))) this.pos += 2;
      this.skipBlanks();
    }
    if (this.reservedAt() === '!') {
      pipeline.negated = true;
      this.pos++;
    }
    for (let position = 0; ; position++) {
      const first = this.out.commands.length;
      const simple = this.parseCommand(index, position);
      if (simple !== null) pipeline.commands.push(simple);
      this.skipBlanks();
      if (this.src[this.pos] !== '|' || this.src[this.pos + 1] === '|') return;
      for (let i = first; i < this.out.commands.length; i++) {
        const command = this.out.commands[i];
        if (command.inSubstitution === this.ctx.inSubstitution) command.outputPiped = true;
      }
      this.pos++;
      if (this.src[this.pos] === '&' && this.dialect === 'bash') this.pos++;
      this.skipLinebreaks();
    }
  }

  /** Returns the index of the simple command parsed, or null for a compound command. */
  private parseCommand(pipeline: number, position: number): number | null {
    this.skipBlanks();
    const c = this.src[this.pos];
    if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') this.unexpected();
    const first = this.out.commands.length;
    const word = this.reservedAt();
    if (word === '[[') return this.parseConditional(pipeline, position);
    if (word !== null || c === '(') {
      this.parseCompound(word);
      this.applyCompoundRedirects(first, this.parseRedirects());
      return null;
    }
    FUNCTION_DEF.lastIndex = this.pos;
    if (/[A-Za-z_]/.test(c) && FUNCTION_DEF.test(this.src)) {
      this.pos = FUNCTION_DEF.lastIndex;
      this.skipLinebreaks();
      // dash takes any command as a function body; bash only a compound one.
      if (this.dialect === 'bash' && this.reservedAt() === null && this.src[this.pos] !== '(') this.unexpected();
      return this.parseCommand(pipeline, position);
    }
    return this.parseSimple(pipeline, position);
  }

  private parseCompound(word: string | null): void {
    const start = this.pos;
    if (word === null) {
      if (this.src[this.pos + 1] === '(') {
        if (this.dialect === 'bash') return this.skipArithmeticCommand();
        this.soft('`(( … ))` is bash arithmetic: /bin/sh (dash) runs it as nested subshells', start);
      }
      this.pos++;
      this.withContext({ inSubshell: true }, () => this.parseList(')', true));
      this.pos++;
      return;
    }
    this.pos += word.length;
    switch (word) {
      case '{':
        this.parseList(['}'], true);
        return this.expect('}');
      case 'if':
        this.parseList(['then'], true);
        this.expect('then');
        this.parseList(['elif', 'else', 'fi'], true);
        while (this.reservedAt() === 'elif') {
          this.pos += 4;
          this.parseList(['then'], true);
          this.expect('then');
          this.parseList(['elif', 'else', 'fi'], true);
        }
        if (this.reservedAt() === 'else') {
          this.pos += 4;
          this.parseList(['fi'], true);
        }
        return this.expect('fi');
      case 'while':
      case 'until':
        this.parseList(['do'], true);
        return this.parseDoGroup();
      case 'for':
      case 'select':
        return this.parseFor();
      case 'case':
        return this.parseCase();
      case 'function':
        this.skipBlanks();
        this.readWord();
        this.skipBlanks();
        if (this.src.startsWith('()', this.pos)) this.pos += 2;
        this.skipLinebreaks();
        this.parseCompound(this.reservedAt());
        return;
      default:
        this.pos = start;
        this.unexpected();
    }
  }

  private expect(word: string): void {
    this.skipLinebreaks();
    if (this.reservedAt() !== word) this.fail(`Syntax error: ${this.describe()} unexpected (expecting "${word}")`);
    this.pos += word.length;
  }

  private parseDoGroup(): void {
    this.expect('do');
    this.parseList(['done'], true);
    this.expect('done');
  }

  private parseFor(): void {
    this.skipBlanks();
    const name = this.readWord();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) this.fail(`Syntax error: Bad for loop variable`, name.offset - this.base);
    this.skipLinebreaks();
    if (this.reservedAt() === 'in') {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        if (this.atWordEnd()) break;
        this.readWord();
      }
      if (this.src[this.pos] === ';') this.pos++;
      else if (this.src[this.pos] !== '\n') this.unexpected();
    } else if (this.src[this.pos] === ';') this.pos++;
    this.parseDoGroup();
  }

  private parseCase(): void {
    this.skipBlanks();
    this.readWord();
    this.expect('in');
    for (;;) {
      this.skipLinebreaks();
      if (this.reservedAt() === 'esac') break;
      if (this.src[this.pos] === '(') this.pos++;
      for (;;) {
        this.skipBlanks();
        this.readWord();
        this.skipBlanks();
        if (this.src[this.pos] === ')') break;
        if (this.src[this.pos] !== '|') this.unexpected();
        this.pos++;
      }
      this.pos++;
      this.parseList([';;', 'esac'], false);
      this.skipLinebreaks();
      const terminator = /^(?:;;&|;;|;&)/.exec(this.src.slice(this.pos, this.pos + 3));
      if (!terminator) break;
      if (terminator[0] !== ';;') this.bashOnly(`\`${terminator[0]}\` in case`, this.pos);
      this.pos += terminator[0].length;
    }
    this.expect('esac');
  }

  /** bash `[[ … ]]`: its words are recorded as a command named `[[`, so rules see what it tests. */
  private parseConditional(pipeline: number, position: number): number {
    const start = this.pos;
    this.pos += 2;
    const index = this.out.commands.length;
    const command = this.newCommand(pipeline, position, start);
    command.name = { text: '[[', value: '[[', quoted: false, hasGlob: false, expansions: NO_EXPANSIONS, offset: this.base + start };
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) this.fail('Syntax error: end of file unexpected (expecting "]]")', start);
      if (/^\]\](?=[ \t\n;&|()<>]|$)/.test(this.src.slice(this.pos, this.pos + 3))) {
        this.pos += 2;
        this.applyCompoundRedirects(index, this.parseRedirects());
        return index;
      }
      const op = /^(?:&&|\|\||[()<>!\n])/.exec(this.src.slice(this.pos, this.pos + 2));
      if (op) this.pos += op[0].length;
      else command.args.push(this.readWord());
    }
  }

  private skipArithmeticCommand(): void {
    const open = this.pos;
    let depth = 0;
    for (let i = open + 2; i < this.src.length; i++) {
      if (this.src[i] === '(') depth++;
      else if (this.src[i] === ')' && depth > 0) depth--;
      else if (this.src[i] === ')' && this.src[i + 1] === ')') {
        this.pos = i + 2;
        return;
      }
    }
    this.fail('Syntax error: missing `))` after `((`', open);
  }

  private newCommand(pipeline: number, position: number, at: number): SimpleCommand {
    const command: SimpleCommand = {
      name: null,
      args: [],
      assignments: NONE,
      redirects: NONE,
      pipeline,
      position,
      inSubstitution: this.ctx.inSubstitution,
      inSubshell: this.ctx.inSubshell,
      viaShC: this.ctx.viaShC,
      outputPiped: false,
      background: false,
      offset: this.base + at,
    };
    this.out.commands.push(command);
    return command;
  }

  private parseSimple(pipeline: number, position: number): number {
    const command = this.newCommand(pipeline, position, this.pos);
    const index = this.out.commands.length - 1;
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')') break;
      if (c === '&' && !(this.src[this.pos + 1] === '>' && this.dialect === 'bash')) break;
      if (c === '(') this.unexpected();
      if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(' && this.dialect === 'bash') {
        (command.name === null ? (command.name = this.readProcessSubstitution()) : command.args.push(this.readProcessSubstitution()));
        continue;
      }
      const redirect = this.parseRedirect();
      if (redirect) {
        command.redirects = [...command.redirects, redirect];
        continue;
      }
      const word = this.readWord();
      const assignment = command.name === null && word.text.includes('=') ? ASSIGNMENT.exec(word.text) : null;
      if (assignment && word.value !== null && this.src[this.pos] !== '(') {
        const name = assignment[0].replace(/\+?=$/, '');
        const value = { ...word, text: word.text.slice(assignment[0].length), value: word.value.slice(assignment[0].length), hasGlob: false };
        command.assignments = [...command.assignments, { name, value: { ...value, offset: word.offset + assignment[0].length } }];
      } else if (assignment) {
        const name = assignment[0].replace(/\+?=$/, '');
        if (this.src[this.pos] === '(') this.readArrayAssignment();
        command.assignments = [...command.assignments, { name, value: { ...word, text: word.text.slice(assignment[0].length), offset: word.offset + assignment[0].length, value: null } }];
      } else if (command.name === null) {
        command.name = word;
        if (word.text === '[[' && this.dialect === 'posix')
          this.soft('`[[ … ]]` is bash-only: /bin/sh (dash) looks for a command named `[[`, which does not exist', word.offset - this.base);
      }
      else command.args.push(word);
    }
    return index;
  }

  private readArrayAssignment(): void {
    if (this.dialect === 'posix') this.unexpected();
    this.pos++;
    for (;;) {
      this.skipLinebreaks();
      if (this.src[this.pos] === ')') break;
      if (this.pos >= this.src.length) this.fail('Syntax error: missing ")" after array elements');
      this.readWord();
    }
    this.pos++;
  }

  private readProcessSubstitution() {
    const start = this.pos;
    this.pos += 2;
    this.withContext({ inSubstitution: true }, () => this.parseList(')', false));
    this.pos++;
    return { text: this.src.slice(start, this.pos), value: null, quoted: false, hasGlob: false, expansions: ['process' as const], offset: this.base + start };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const redirect = this.parseRedirect();
      if (!redirect) return redirects;
      redirects.push(redirect);
    }
  }

  private parseRedirect(): Redirect | null {
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
    if (op === '<<' || op === '<<-') this.heredocs.push({ delimiter: target.value ?? target.text, strip: op === '<<-' });
    return { op, fd: digits === '' ? null : Number(digits), target };
  }

  /** A compound command's redirects receive the output of every command inside it. */
  private applyCompoundRedirects(first: number, redirects: Redirect[]): void {
    if (redirects.length === 0) return;
    for (let i = first; i < this.out.commands.length; i++) {
      const command = this.out.commands[i];
      if (command.inSubstitution && !this.ctx.inSubstitution) continue;
      command.redirects = [...command.redirects, ...redirects];
    }
  }
}

export { ShellSyntaxError };
