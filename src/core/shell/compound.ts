// Compound commands: `{ }`, `( )`, if, while/until, for/select, case, and bash's `[[ ]]`, `(( ))`
// and `function`. Their bodies are lists, parsed by the grammar above them (parser.ts).

import type { Redirect, SimpleCommand } from './types.js';
import { ShellLexer } from './lexer.js';
import { NO_EXPANSIONS } from './words.js';

/** Shared by every command without assignments or redirects (replaced on the first one). */
const NONE = Object.freeze([]) as unknown as never[];

export type ListEnd = 'eof' | ')' | string[];

export abstract class CompoundParser extends ShellLexer {
  protected abstract parseList(end: ListEnd, required: boolean): void;

  protected parseCompound(word: string | null): void {
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
      case 'function': {
        this.skipBlanks();
        const name = this.readWord();
        this.skipBlanks();
        if (this.src.startsWith('()', this.pos)) this.pos += 2;
        this.skipLinebreaks();
        const body = this.reservedAt();
        this.defineFunction(name.value ?? name.text, () => {
          const first = this.out.commands.length;
          this.parseCompound(body);
          this.applyCompoundRedirects(first, this.parseRedirects());
        });
        return;
      }
      default:
        this.pos = start;
        this.unexpected();
    }
  }

  /** Functions defined in this parse (to every one of them, a command in a body may be a call);
   *  null until the first (most commands define none: no allocation for them). */
  defined: Set<string> | null = null;

  /** `name() body`: the body's commands run where the function is called; from here on, in this
   *  shell, `name` is the function — and so are the functions its body defines, once it has been
   *  called (counted from here: a missing program is not reported for what may be a function). */
  protected defineFunction(name: string, body: () => void): void {
    const known = this.defined?.size ?? 0;
    this.withContext({ inFunction: name, level: this.ctx.level + 1 }, body);
    const inner = known < (this.defined?.size ?? 0) ? [...this.defined!].slice(known) : [];
    (this.defined ??= new Set()).add(name);
    const added = [name, ...inner].filter((n) => !this.ctx.functions.includes(n));
    if (added.length > 0) this.ctx = { ...this.ctx, functions: [...this.ctx.functions, ...added] };
  }

  protected parseDoGroup(): void {
    this.expect('do');
    this.parseList(['done'], true);
    this.expect('done');
  }

  protected parseFor(): void {
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

  protected parseCase(): void {
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
  protected parseConditional(pipeline: number, position: number): void {
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
        return this.applyCompoundRedirects(index, this.parseRedirects());
      }
      const op = /^(?:&&|\|\||[()<>!\n])/.exec(this.src.slice(this.pos, this.pos + 2));
      if (op) this.pos += op[0].length;
      else command.args.push(this.readWord());
    }
  }

  protected skipArithmeticCommand(): void {
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

  protected newCommand(pipeline: number, position: number, at: number): SimpleCommand {
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
      pipes: NONE,
      functions: this.ctx.functions,
      inFunction: this.ctx.inFunction,
      background: false,
      offset: this.base + at,
    };
    this.out.commands.push(command);
    this.out.levels.push(this.ctx.level);
    return command;
  }

  /** A compound command's redirects receive the output of every command inside it; the shell sets
   *  them up before those of the commands inside (which were parsed first, so go after). */
  protected applyCompoundRedirects(first: number, redirects: Redirect[]): void {
    if (redirects.length === 0) return;
    const { commands, levels } = this.out;
    for (let i = first; i < commands.length; i++) {
      if (levels[i] !== this.ctx.level) continue;
      commands[i].redirects = [...redirects, ...commands[i].redirects];
    }
  }
}
