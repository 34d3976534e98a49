// The shell grammar (XCU 2.10, as dash's parser.c reads it, plus the bash constructs cron jobs use),
// by recursive descent straight into the flat analysis: lists, and-or lists, pipelines, simple
// commands and substitutions here; tokens in lexer.ts, compound commands in compound.ts.

import { CompoundParser, type ListEnd } from './compound.js';
import type { Output } from './lexer.js';
import type { Pipeline } from './types.js';

const FUNCTION_DEF = /([A-Za-z_][A-Za-z0-9_.:-]*)[ \t]*\([ \t]*\)/y;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Pipeline.elements when every element is one command ([0, 1, …, n-1], the usual case), shared
 *  and frozen: an array per pipeline would cost more memory than the rest of a cached analysis. */
const IDENTITY: Array<readonly number[]> = [Object.freeze([])];
const MAX_SHARED = 16;
for (let n = 1; n <= MAX_SHARED; n++) IDENTITY.push(Object.freeze([...IDENTITY[n - 1]!, n - 1]));
/** SimpleCommand.pipes of a command in one pipeline, shared the same way: [0], [1], … */
const ONE_PIPE = IDENTITY[MAX_SHARED]!.map((n) => Object.freeze([n]));

export type { Output };
export { ShellSyntaxError } from './words.js';

export class ShellParser extends CompoundParser {
  parseProgram(): void {
    this.parseList('eof', false);
  }

  protected parseSubstitution(): void {
    this.withContext({ inSubstitution: true, level: this.ctx.level + 1 }, () => this.parseList(')', false));
    this.pos++;
  }

  protected parseBackquoted(body: string, base: number): void {
    const inner = new ShellParser(body, this.dialect, base, this.out, { ...this.ctx, inSubstitution: true, level: this.ctx.level + 1 });
    inner.parseProgram();
    if (inner.defined) for (const name of inner.defined) (this.defined ??= new Set()).add(name);
    if (inner.softError) this.softError ??= inner.softError;
  }

  protected atListEnd(end: ListEnd): boolean {
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

  protected parseList(end: ListEnd, required: boolean): void {
    let empty = true;
    for (;;) {
      this.skipLinebreaks();
      if (this.atListEnd(end)) break;
      const first = this.out.commands.length;
      const functions = this.ctx.functions;
      this.parseAndOr();
      empty = false;
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === ';' && this.src[this.pos + 1] !== ';') this.pos++;
      else if (c === '&' && this.src[this.pos + 1] !== '&' && !this.bashAmpRedirect()) {
        for (let i = first; i < this.out.commands.length; i++) this.out.commands[i].background = true;
        // A background list runs in a subshell: what it defines is gone after it.
        this.ctx = { ...this.ctx, functions };
        this.pos++;
      } else if (c !== '\n' && !this.atListEnd(end)) this.unexpected();
    }
    if (empty && required) this.unexpected();
  }

  protected bashAmpRedirect(): boolean {
    if (this.src[this.pos + 1] !== '>') return false;
    if (this.dialect === 'bash') return true;
    this.soft('`&>` is bash-only: /bin/sh (dash) runs the command in the background and applies the redirect to nothing', this.pos);
    return false;
  }

  protected parseAndOr(): void {
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

  protected parsePipeline(): void {
    const pipeline: Pipeline = { commands: [], elements: IDENTITY[0] as number[], negated: false };
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
    // Each element of a pipeline of two or more runs in a subshell (dash; bash without lastpipe):
    // a function defined in one is not seen by the next, nor after the pipeline.
    const functions = this.ctx.functions;
    const { commands, levels } = this.out;
    for (let position = 0; ; position++) {
      if (this.ctx.functions !== functions) this.ctx = { ...this.ctx, functions };
      const first = commands.length;
      this.parseCommand(index, position);
      this.addMembers(pipeline, first, position);
      this.skipBlanks();
      if (this.src[this.pos] !== '|' || this.src[this.pos + 1] === '|') {
        if (position > 0 && this.ctx.functions !== functions) this.ctx = { ...this.ctx, functions };
        return;
      }
      // The pipe is set up before the element's own redirects (and those of compounds inside it),
      // after those of compounds around the whole pipeline (prepended to `redirects` later).
      for (let i = first; i < commands.length; i++) {
        if (levels[i] !== this.ctx.level) continue;
        const command = commands[i];
        command.outputPiped = true;
        const after = command.redirects.length;
        command.pipes = command.pipes.length === 0 && after < MAX_SHARED ? ONE_PIPE[after]! : [after, ...command.pipes];
      }
      this.pos++;
      if (this.src[this.pos] === '&' && this.dialect === 'bash') this.pos++;
      this.skipLinebreaks();
    }
  }

  protected parseCommand(pipeline: number, position: number): void {
    this.skipBlanks();
    const c = this.src[this.pos];
    if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') this.unexpected();
    const first = this.out.commands.length;
    const word = this.reservedAt();
    if (word === '[[') return this.parseConditional(pipeline, position);
    if (word !== null || c === '(') {
      this.parseCompound(word);
      return this.applyCompoundRedirects(first, this.parseRedirects());
    }
    FUNCTION_DEF.lastIndex = this.pos;
    const definition = /[A-Za-z_]/.test(c) ? FUNCTION_DEF.exec(this.src) : null;
    if (definition) {
      this.pos = FUNCTION_DEF.lastIndex;
      this.skipLinebreaks();
      // dash takes any command as a function body; bash only a compound one.
      if (this.dialect === 'bash' && this.reservedAt() === null && this.src[this.pos] !== '(') this.unexpected();
      return this.defineFunction(definition[1], () => this.parseBody());
    }
    this.parseSimple(pipeline, position);
  }

  /** A function body, as a pipeline of one element of its own (it is not an element of the
   *  pipeline the definition stands in: it runs later, where it is called). */
  protected parseBody(): void {
    const pipeline: Pipeline = { commands: [], elements: IDENTITY[0] as number[], negated: false };
    const index = this.out.pipelines.push(pipeline) - 1;
    const first = this.out.commands.length;
    this.parseCommand(index, 0);
    this.addMembers(pipeline, first, 0);
  }

  /** The commands parsed since `first` at this level run as element `position` of the pipeline. */
  protected addMembers(pipeline: Pipeline, first: number, position: number): void {
    for (let i = first; i < this.out.commands.length; i++) {
      if (this.out.levels[i] !== this.ctx.level) continue;
      const k = pipeline.commands.push(i) - 1;
      if (pipeline.elements === IDENTITY[k] && position === k && k < MAX_SHARED) pipeline.elements = IDENTITY[k + 1] as number[];
      else if (Object.isFrozen(pipeline.elements)) pipeline.elements = [...pipeline.elements, position];
      else pipeline.elements.push(position);
    }
  }

  protected parseSimple(pipeline: number, position: number): void {
    const command = this.newCommand(pipeline, position, this.pos);
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
  }

  protected readArrayAssignment(): void {
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

  protected readProcessSubstitution() {
    const start = this.pos;
    this.pos += 2;
    this.withContext({ inSubstitution: true, level: this.ctx.level + 1 }, () => this.parseList(')', false));
    this.pos++;
    return { text: this.src.slice(start, this.pos), value: null, quoted: false, hasGlob: false, expansions: ['process' as const], offset: this.base + start };
  }
}
