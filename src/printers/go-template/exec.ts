// The executor of Go's text/template (text/template/exec.go) over decoded JSON, with kubectl's
// option missingkey=default: a missing key is "no value" (printed `<no value>`), a field of no
// value is again no value. Errors carry Go's wording and place:
// `template: output:1:2: executing "output" at <.a.b>: nil pointer evaluating interface {}.b`.
import { goTypeName, sprintValue } from './fmt.js';
import { FUNCS, FuncError, type ParamKind } from './funcs.js';
import {
  type CommandNode,
  type ControlNode,
  type Node,
  nodeString,
  type Operand,
  type PipeNode,
} from './nodes.js';
import { isMap, isTrue, NO_VALUE, type Value } from './value.js';

export class TemplateExecError extends Error {
  constructor(
    message: string,
    /** What the template wrote before it failed (Go writes as it goes). */
    readonly partial: string,
  ) {
    super(message);
  }
}

/** No value from a previous pipeline stage (Go's missingVal), unlike NO_VALUE which is a value. */
const MISSING: unique symbol = Symbol('missing');
type Final = Value | typeof MISSING;

/** Recursion through {{template}} stops here (Go allows 100000 frames; JavaScript's stack fewer). */
const MAX_DEPTH = 1000;

const BREAK: unique symbol = Symbol('break');
const CONTINUE: unique symbol = Symbol('continue');

type Positioned = Node | Operand | CommandNode;

class State {
  out = '';
  private node: Positioned | undefined;

  /** The template being executed: the top one, or one called by {{template}}. */
  private current: string;
  private depth = 0;
  /**
   * Variables; iface marks a value Go holds as interface{} (a range element), whose type an
   * error names as `interface {}` rather than the concrete type of a pipeline's result.
   */
  private vars: Array<{ name: string; value: Value; iface?: boolean }>;
  /** Whether dot is such an interface{} value (inside range), for the same error wording. */
  private dotIface = false;

  constructor(
    private readonly name: string,
    private readonly text: string,
    data: Value,
    private readonly defs: ReadonlyMap<string, Node[]>,
    /** missingkey=error (kubectl's --allow-missing-template-keys=false). */
    private readonly missingKeyError: boolean,
  ) {
    this.vars = [{ name: '$', value: data }];
    this.current = name;
  }

  // ---- errors and variables -------------------------------------------------------------------

  private at(node: Positioned): void {
    this.node = node;
  }

  errorf(message: string): never {
    const node = this.node;
    if (!node) throw new TemplateExecError(`template: ${this.name}: ${message}`, this.out);
    const before = this.text.slice(0, node.pos);
    const line = before.split('\n').length;
    const col = node.pos - (before.lastIndexOf('\n') + 1);
    throw new TemplateExecError(
      `template: ${this.name}:${line}:${col}: executing ${JSON.stringify(this.current)} at <${nodeString(node)}>: ${message}`,
      this.out,
    );
  }

  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: Value, iface = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) {
        this.vars[i] = { name, value, iface };
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }
  private variable(name: string): { value: Value; iface?: boolean } {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking the tree ---------------------------------------------------------------------

  walk(dot: Value, list: Node[]): void {
    for (const node of list) this.walkNode(dot, node);
  }

  private walkWithDot(dot: Value, iface: boolean, list: Node[]): void {
    const saved = this.dotIface;
    this.dotIface = iface;
    try {
      this.walk(dot, list);
    } finally {
      this.dotIface = saved;
    }
  }

  private walkNode(dot: Value, node: Node): void {
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.out += value === NO_VALUE || value === null ? '<no value>' : sprintValue(value);
        }
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  /** {{template "name" pipeline}}: the named template with the pipeline as dot and as $. */
  private walkTemplate(dot: Value, node: Extract<Node, { type: 'template' }>): void {
    this.at(node);
    const body = this.defs.get(node.name);
    if (!body) this.errorf(`no such template ${JSON.stringify(node.name)}`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const data = node.pipe ? this.evalPipeline(dot, node.pipe) : NO_VALUE;
    const saved = { vars: this.vars, current: this.current };
    this.vars = [{ name: '$', value: data }];
    this.current = node.name;
    this.depth++;
    try {
      this.walkWithDot(data, false, body);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.current = saved.current;
    }
  }

  private walkIfOrWith(dot: Value, node: ControlNode): void {
    const mark = this.mark();
    const value = this.evalPipeline(dot, node.pipe);
    if (isTrue(value)) {
      if (node.type === 'with') this.walkWithDot(value, false, node.list);
      else this.walk(dot, node.list);
    } else if (node.elseList) this.walk(dot, node.elseList);
    this.pop(mark);
  }

  private walkRange(dot: Value, node: ControlNode): void {
    this.at(node);
    const outer = this.mark();
    const value = this.evalPipeline(dot, node.pipe);
    const mark = this.mark();
    const decl = node.pipe.decl;
    const oneIteration = (index: Value, elem: Value): boolean => {
      if (decl.length > 0) {
        if (node.pipe.isAssign) {
          if (decl.length > 1) {
            this.setVar(decl[0]!, index);
            this.setVar(decl[1]!, elem, true);
          } else this.setVar(decl[0]!, elem, true);
        } else {
          this.vars[this.vars.length - 1] = { name: decl[decl.length - 1]!, value: elem, iface: true };
          if (decl.length > 1) this.vars[this.vars.length - 2] = { name: decl[0]!, value: index };
        }
      }
      try {
        this.walkWithDot(elem, true, node.list);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.pop(mark);
      }
      return true;
    };
    let iterated = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        iterated = true;
        if (!oneIteration(BigInt(i), value[i]!)) break;
      }
    } else if (isMap(value)) {
      for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        iterated = true;
        if (!oneIteration(key, value[key]!)) break;
      }
    } else if (typeof value === 'bigint') {
      for (let i = 0n; i < value; i++) {
        iterated = true;
        if (!oneIteration(i, i)) break;
      }
    } else if (value !== NO_VALUE && value !== null)
      this.errorf(`range can't iterate over ${sprintValue(value)}`);
    if (!iterated && node.elseList) this.walk(dot, node.elseList);
    this.pop(outer);
  }

  // ---- pipelines and commands -----------------------------------------------------------------

  private evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go unwraps interface{} after each stage: a nil interface becomes no value.
      if (value === null) value = NO_VALUE;
    }
    const result = value as Value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, this.dotIface, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        this.at(first);
        return this.evalCall(dot, first.name, cmd, cmd.args, final);
      case 'pipe': {
        this.notAFunction(cmd.args, final);
        const mark = this.mark();
        const value = this.evalPipeline(dot, first);
        this.pop(mark);
        return value;
      }
      case 'variable':
        return this.evalVariable(first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
    }
    return first.value;
  }

  private notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalVariable(v: Extract<Operand, { type: 'variable' }>, args: Operand[], final: Final): Value {
    this.at(v);
    const { value, iface } = this.variable(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, !!iface, v.ident.slice(1), args, final);
  }

  private evalChain(
    dot: Value,
    chain: Extract<Operand, { type: 'chain' }>,
    args: Operand[],
    final: Final,
  ): Value {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'value', chain.node);
    this.at(chain);
    return this.evalFieldChain(receiver, false, chain.field, args, final);
  }

  /** receiverIface: the receiver is held as interface{} (see vars); map values always are. */
  private evalFieldChain(
    receiver: Value,
    receiverIface: boolean,
    ident: string[],
    args: Operand[],
    final: Final,
  ): Value {
    let value = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      value = this.evalField(name, last ? args : [], last ? final : MISSING, value, i > 0 || receiverIface);
    });
    return value;
  }

  private evalField(name: string, args: Operand[], final: Final, receiver: Value, iface: boolean): Value {
    if (receiver === NO_VALUE) {
      if (this.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return NO_VALUE;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    if (isMap(receiver)) {
      if (args.length > 1 || final !== MISSING) this.errorf(`${name} is not a method but has arguments`);
      if (Object.hasOwn(receiver, name)) return receiver[name]!;
      if (this.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return NO_VALUE;
    }
    this.errorf(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(receiver)}`);
  }

  private evalCall(
    dot: Value,
    name: string,
    cmd: CommandNode | Operand,
    args: Operand[],
    final: Final,
  ): Value {
    const fn = FUNCS[name]!;
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    if (fn.variadic) {
      if (numIn < fn.params.length)
        this.errorf(
          `wrong number of args for ${name}: want at least ${fn.params.length} got ${argNodes.length}`,
        );
    } else if (numIn !== fn.params.length)
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    const kindAt = (i: number): ParamKind => fn.params[i] ?? fn.variadic!;
    if (name === 'and' || name === 'or') {
      let value: Value = NO_VALUE;
      for (const arg of argNodes) {
        value = this.evalArg(dot, 'value', arg);
        if (isTrue(value) === (name === 'or')) return value;
      }
      return final === MISSING ? value : final;
    }
    const argv = argNodes.map((arg, i) => this.evalArg(dot, kindAt(i), arg));
    if (final !== MISSING) argv.push(this.validate(final, kindAt(argv.length)));
    if (name === 'call') {
      const callee = argv[0]!;
      const calleeName = argNodes[0] ? nodeString(argNodes[0]) : '';
      this.at(cmd);
      if (callee === NO_VALUE || callee === null) this.errorf('error calling call: call of nil');
      this.errorf(`error calling call: non-function ${calleeName} of type ${goTypeName(callee)}`);
    }
    try {
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.at(cmd);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private evalArg(dot: Value, kind: ParamKind, n: Operand): Value {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validate(dot, kind);
      case 'nil':
        if (kind === 'string') this.errorf('cannot assign nil to string');
        return null;
      case 'field':
        return this.validate(this.evalFieldChain(dot, this.dotIface, n.ident, [n], MISSING), kind);
      case 'variable':
        return this.validate(this.evalVariable(n, [], MISSING), kind);
      case 'pipe': {
        const mark = this.mark();
        const value = this.evalPipeline(dot, n);
        this.pop(mark);
        return this.validate(value, kind);
      }
      case 'identifier':
        return this.validate(this.evalCall(dot, n.name, n, [n], MISSING), kind);
      case 'chain':
        return this.validate(this.evalChain(dot, n, [], MISSING), kind);
    }
    if (kind === 'string' && n.type !== 'string') this.errorf(`expected string; found ${nodeString(n)}`);
    return n.value;
  }

  /** Go's validateType for the three parameter kinds the functions use. */
  private validate(value: Value, kind: ParamKind): Value {
    if (kind === 'value') return value;
    if (kind === 'any') return value === NO_VALUE ? null : value;
    if (value === NO_VALUE) this.errorf('invalid value; expected string');
    if (typeof value !== 'string')
      this.errorf(
        `wrong type for value; expected string; got ${value === null ? 'interface {}' : goTypeName(value)}`,
      );
    return value;
  }
}

/** Runs a parsed template on data; returns the output or throws TemplateExecError. */
export function execute(
  name: string,
  text: string,
  tree: { root: Node[]; defs: ReadonlyMap<string, Node[]> },
  data: Value,
  missingKeyError = false,
): string {
  const state = new State(name, text, data, tree.defs, missingKeyError);
  state.walk(data, tree.root);
  return state.out;
}
