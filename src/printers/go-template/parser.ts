// The parser of Go's text/template, following text/template/parse: a list of text and actions,
// actions are pipelines of commands, `if`/`range`/`with` (with `else`, `else if`, `else with`)
// hold lists up to `{{end}}`; variables are checked at parse time as Go does. Errors carry Go's
// wording: `template: output:1: function "foo" not defined`.
import { type Item, lex } from './lexer.js';
import { charConstant, numberConstant, unquote } from './literals.js';
import type { CommandNode, ControlNode, Node, Operand, PipeNode } from './nodes.js';
import { nodeString } from './nodes.js';

export class TemplateParseError extends Error {}

/** Go's item.String(): quoted value, keywords in <>, long values cut at 10 runes. */
function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (i.type === 'keyword') return `<${i.val}>`;
  const runes = [...i.val];
  if (runes.length > 10) return `${JSON.stringify(runes.slice(0, 10).join(''))}...`;
  return JSON.stringify(i.val);
}

export class Parser {
  private readonly items: Item[];
  private i = 0;
  private lastLine = 1;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly name: string,
    text: string,
    private readonly funcs: ReadonlySet<string>,
  ) {
    this.items = lex(text);
  }

  /** Templates named by {{define}} and {{block}}, for {{template}}. */
  readonly defs = new Map<string, Node[]>();

  parse(): Node[] {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      const save = this.i;
      if (this.next().type === 'leftDelim') {
        const t = this.nextNonSpace();
        if (t.type === 'keyword' && t.val === 'define') {
          this.definition();
          continue;
        }
      }
      this.i = save;
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.push(n);
    }
    return root;
  }

  // ---- tokens -------------------------------------------------------------------------------

  private next(): Item {
    const item = this.items[Math.min(this.i, this.items.length - 1)]!;
    this.i++;
    this.lastLine = Math.max(this.lastLine, item.line);
    return item;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private errorf(message: string): never {
    throw new TemplateParseError(`template: ${this.name}:${this.lastLine}: ${message}`);
  }
  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      // A lexing error in an action that began on an earlier line says where it began.
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
  private expect(type: Item['type'], context: string): Item {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  // ---- lists and actions ----------------------------------------------------------------------

  private itemList(): { list: Node[]; next: Node } {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return { list, next: n };
      list.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type === 'leftDelim') {
      this.actionLine = token.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    this.unexpected(token, 'input');
  }

  private action(): Node {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.val) {
        case 'if':
        case 'range':
        case 'with':
          return this.control(token.val);
        case 'else': {
          const peek = this.peekNonSpace();
          if (peek.type === 'keyword' && (peek.val === 'if' || peek.val === 'with'))
            return { type: 'else', pos: peek.pos, elseIf: true };
          return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
        }
        case 'end':
          return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'break':
        case 'continue': {
          const next = this.nextNonSpace();
          if (next.type !== 'rightDelim') this.unexpected(next, `{{${token.val}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${token.val}}} outside {{range}}`);
          return { type: token.val, pos: token.pos };
        }
        case 'template':
          return this.templateControl();
        case 'block':
          return this.blockControl();
      }
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  // ---- define, template, block ------------------------------------------------------------------

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return unquote(token.val);
  }

  /** The body of a named template: its own variable scope, up to {{end}}. */
  private namedBody(name: string, context: string): void {
    const vars = this.vars;
    this.vars = ['$'];
    const { list, next } = this.itemList();
    this.vars = vars;
    if (next.type !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    const isEmpty = (l: Node[] | undefined) =>
      !l || l.every((n) => n.type === 'text' && n.text.trim() === '');
    if (!isEmpty(this.defs.get(name)) && !isEmpty(list))
      this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
    if (isEmpty(this.defs.get(name))) this.defs.set(name, list);
  }

  private definition(): void {
    const name = this.templateName(this.nextNonSpace(), 'define clause');
    this.expect('rightDelim', 'define clause');
    this.namedBody(name, 'define clause');
  }

  private templateControl(): Node {
    const token = this.nextNonSpace();
    const name = this.templateName(token, 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private blockControl(): Node {
    const token = this.nextNonSpace();
    const name = this.templateName(token, 'block clause');
    const pipe = this.pipeline('block clause', 'rightDelim');
    this.namedBody(name, 'block clause');
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private control(context: 'if' | 'range' | 'with'): ControlNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    let { list, next } = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (next.type === 'else') {
      const peek = this.peek();
      if ((context === 'if' || context === 'with') && peek.type === 'keyword' && peek.val === context) {
        this.next();
        elseList = [this.control(context)];
      } else {
        ({ list: elseList, next } = this.itemList());
        if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
      }
    }
    this.vars.length = mark;
    return { type: context, pos: pipe.pos, pipe, list, elseList };
  }

  // ---- pipelines ---------------------------------------------------------------------------------

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = {
      type: 'pipe',
      pos: this.peekNonSpace().pos,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    while (this.peekNonSpace().type === 'variable') {
      const v = this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        // Not a declaration: `$x` is the pipeline's first operand.
        this.i--;
        while (this.items[this.i]?.type !== 'variable') this.i--;
      }
      break;
    }
    while (true) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]!.type))
            this.errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      const operandStart = [
        'bool',
        'charConstant',
        'dot',
        'field',
        'identifier',
        'number',
        'nil',
        'rawString',
        'string',
        'variable',
        'leftParen',
      ];
      if (!operandStart.includes(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    while (true) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Operand | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    }
    return { type: 'chain', pos: node.pos, node, field: fields };
  }

  private term(): Operand | undefined {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { type: 'identifier', pos, name: token.val };
      case 'dot':
        return { type: 'dot', pos };
      case 'nil':
        return { type: 'nil', pos };
      case 'variable': {
        const [name, ...rest] = token.val.split('.');
        if (!this.vars.includes(name!)) this.errorf(`undefined variable ${JSON.stringify(name)}`);
        return { type: 'variable', pos, ident: [name!, ...rest] };
      }
      case 'field':
        return { type: 'field', pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos, value: token.val === 'true' };
      case 'number':
      case 'charConstant':
        return { type: 'number', pos, text: token.val, value: this.number(token) };
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        try {
          return { type: 'string', pos, quoted: token.val, value: unquote(token.val) };
        } catch (e) {
          this.errorf((e as Error).message);
        }
    }
    this.backup();
    return undefined;
  }

  /** A number literal: an int (bigint) unless it has a fraction or exponent, as Go's constants. */
  private number(token: Item): number | bigint {
    const value = token.type === 'charConstant' ? charConstant(token.val) : numberConstant(token.val);
    if (value !== undefined) return value;
    if (token.type === 'charConstant') this.errorf(`malformed character constant: ${token.val}`);
    this.errorf(`illegal number syntax: ${JSON.stringify(token.val)}`);
  }
}
