// Go's text/template for kubectl's `-o go-template` (cli-runtime printers/template.go): the
// template is named "output", gets kubectl's extra functions, and runs with missingkey=default
// on the object decoded from JSON.
import { execute } from './exec.js';
import { FUNCS } from './funcs.js';
import type { Node } from './nodes.js';
import { Parser } from './parser.js';
import type { Value } from './value.js';

export { TemplateExecError } from './exec.js';
export { goQuote, sprintValue } from './fmt.js';
export { TemplateParseError } from './parser.js';

const NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCS));

export class GoTemplate {
  private readonly tree: { root: Node[]; defs: ReadonlyMap<string, Node[]> };

  /**
   * Parses the template; throws TemplateParseError with Go's message. allowMissingKeys false is
   * Go's missingkey=error (kubectl's --allow-missing-template-keys=false).
   */
  constructor(
    readonly text: string,
    private readonly opts: { allowMissingKeys?: boolean } = {},
    private readonly name = 'output',
  ) {
    const parser = new Parser(name, text, NAMES);
    const root = parser.parse();
    this.tree = { root, defs: parser.defs };
  }

  /** Runs the template on JSON data; throws TemplateExecError (with the partial output). */
  execute(data: unknown): string {
    return execute(this.name, this.text, this.tree, data as Value, this.opts.allowMissingKeys === false);
  }
}
