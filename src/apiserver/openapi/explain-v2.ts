// `kubectl explain -o plaintext-openapiv2`: the older explain printer, over the Swagger 2.0
// document, as kubectl v1.32's pkg/explain does it: kube-openapi's schema model (Kind, Map, Array,
// Primitive, Reference, Arbitrary), field lookup, the model and field printers and their
// Formatter (3-space field indent, 80-column wrap that keeps indented and bulleted lines).

type Json = Record<string, any>;

type Model =
  | { t: 'kind'; desc: string; fields: Record<string, Model>; required: string[] }
  | { t: 'map'; desc: string; sub: Model }
  | { t: 'array'; desc: string; sub: Model }
  | { t: 'primitive'; desc: string; type: string }
  | { t: 'ref'; desc: string; name: string; sub: () => Model }
  | { t: 'arbitrary'; desc: string };

function parse(s: Json, defs: Json): Model {
  const desc = typeof s.description === 'string' ? s.description : '';
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/definitions/', '');
    return { t: 'ref', desc, name, sub: () => parse(defs[name] ?? {}, defs) };
  }
  const type = s.type;
  if (type === undefined) {
    if (s.properties) return kind(s, defs, desc);
    return { t: 'arbitrary', desc };
  }
  if (type === 'object') {
    if (s.properties) return kind(s, defs, desc);
    const ap = s.additionalProperties;
    const sub: Model = ap && typeof ap === 'object' ? parse(ap, defs) : { t: 'arbitrary', desc: '' };
    return { t: 'map', desc, sub };
  }
  if (type === 'array') return { t: 'array', desc, sub: parse(s.items ?? {}, defs) };
  return { t: 'primitive', desc, type };
}

function kind(s: Json, defs: Json, desc: string): Model {
  const fields: Record<string, Model> = {};
  for (const [k, v] of Object.entries(s.properties as Json)) fields[k] = parse(v, defs);
  return { t: 'kind', desc, fields, required: Array.isArray(s.required) ? s.required : [] };
}

function typeName(m: Model): string {
  switch (m.t) {
    case 'array':
      return `[]${typeName(m.sub)}`;
    case 'map':
      return `map[string]${typeName(m.sub)}`;
    case 'kind':
      return 'Object';
    case 'primitive':
      return m.type;
    case 'ref':
      return typeName(m.sub());
    default:
      return '';
  }
}

const sortedKeys = (o: Record<string, unknown>) =>
  Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Go's unicode.IsSpace (strings.Fields splits on it). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** kubectl's explain Formatter.wrapString. */
export function wrapLines(text: string, wrap: number): string[] {
  const wrapped: string[] = [];
  let line: string[] = [];
  let lastWord = '';
  const flush = () => {
    if (line.length) {
      lastWord = '';
      wrapped.push(line.join(' '));
      line = [];
    }
  };
  const add = (word: string) => {
    // Go measures the line in bytes.
    if (Buffer.byteLength([...line, word].join(' ')) <= wrap || line.length === 0) {
      line.push(word);
      return true;
    }
    return false;
  };
  const bullet = /^(\d+\.?|-|\*)\s/;
  for (const str of text.split('\n')) {
    if (str.startsWith('    ')) {
      flush();
      wrapped.push(str);
      continue;
    }
    if (wrapped.length > 0 && str.trim().length === 0) {
      flush();
      wrapped.push('');
      continue;
    }
    const trimmed = str.trim();
    if (lastWord.endsWith(':') || trimmed.length === 0 || bullet.test(trimmed)) flush();
    for (const word of str.split(GO_SPACE).filter((w) => w !== '')) {
      lastWord = word;
      if (!add(word)) {
        flush();
        add(word);
      }
    }
  }
  flush();
  return wrapped;
}

class Formatter {
  constructor(
    readonly level: number,
    readonly lines: string[],
  ) {}
  indent(n: number): Formatter {
    return new Formatter(this.level + n, this.lines);
  }
  write(s: string): void {
    this.lines.push(s === '' ? '\n' : `${' '.repeat(this.level)}${s}\n`);
  }
  writeWrapped(s: string): void {
    for (const line of wrapLines(s, 80 - this.level)) this.write(line);
  }
}

function printFields(m: Model, f: Formatter): void {
  if (m.t === 'array' || m.t === 'map') printFields(m.sub, f);
  else if (m.t === 'ref') printFields(m.sub(), f);
  if (m.t !== 'kind') return;
  for (const key of sortedKeys(m.fields)) {
    const v = m.fields[key];
    f.write(`${key}\t<${typeName(v)}>${m.required.includes(key) ? ' -required-' : ''}`);
    f.indent(2).writeWrapped(v.desc);
    f.write('');
  }
}

function printRecursive(m: Model, f: Formatter, visiting: Set<string>): void {
  if (m.t === 'array' || m.t === 'map') printRecursive(m.sub, f, visiting);
  if (m.t === 'ref') {
    if (visiting.has(m.name)) return;
    visiting.add(m.name);
    printRecursive(m.sub(), f, visiting);
    visiting.delete(m.name);
    return;
  }
  if (m.t !== 'kind') return;
  for (const key of sortedKeys(m.fields)) {
    f.write(`${key}\t<${typeName(m.fields[key])}>`);
    printRecursive(m.fields[key], f.indent(3), visiting);
  }
}

export interface Gvk {
  apiVersion: string;
  kind: string;
}

export function explainV2(
  doc: Json,
  gvk: Gvk,
  path: string[],
  recursive: boolean,
): { out: string; error?: string } {
  const defs: Json = doc.definitions ?? {};
  const [group, version] = gvk.apiVersion.includes('/') ? gvk.apiVersion.split('/', 2) : ['', gvk.apiVersion];
  const name = sortedKeys(defs).find((n) =>
    (defs[n]['x-kubernetes-group-version-kind'] ?? []).some(
      (g: Json) => g.group === group && g.version === version && g.kind === gvk.kind,
    ),
  );
  if (!name) return { out: '', error: `couldn't find resource for "${group}/${version}, Kind=${gvk.kind}"` };
  // Field lookup: follows the path through kinds, references, arrays and maps.
  let schema = parse(defs[name], defs);
  let rest = [...path];
  for (;;) {
    if (schema.t === 'primitive' || schema.t === 'arbitrary' || rest.length === 0) break;
    if (schema.t === 'kind') {
      const next = schema.fields[rest[0]];
      if (!next) return { out: '', error: `field "${rest[0]}" does not exist` };
      rest = rest.slice(1);
      schema = next;
    } else if (schema.t === 'ref') schema = schema.sub();
    else schema = schema.sub;
  }
  // The model printer.
  const lines: string[] = [];
  const f = new Formatter(0, lines);
  const fieldName = path.at(-1) ?? '';
  const descriptions: string[] = [];
  let type = '';
  const header = () => {
    f.write(`KIND:     ${gvk.kind}`);
    f.write(`VERSION:  ${gvk.apiVersion}\n`);
  };
  const printDescription = (own: string) => {
    f.write('DESCRIPTION:');
    let empty = true;
    for (const [i, d] of [...descriptions, own].entries()) {
      if (d === '') continue;
      empty = false;
      if (i !== 0) f.write('');
      f.indent(5).writeWrapped(d);
    }
    if (empty) f.indent(5).writeWrapped('<empty>');
  };
  for (;;) {
    if (schema.t === 'ref') {
      descriptions.push(schema.desc);
      schema = schema.sub();
    } else if (schema.t === 'array' || schema.t === 'map') {
      descriptions.push(schema.desc);
      if (type === '') type = typeName(schema);
      schema = schema.sub;
    } else break;
  }
  header();
  if (schema.t === 'kind') {
    if (type === '') type = 'Object';
    if (fieldName !== '') f.write(`RESOURCE: ${fieldName} <${type}>\n`);
    printDescription(schema.desc);
    f.write('\nFIELDS:');
    if (recursive) printRecursive(schema, f.indent(3), new Set());
    else printFields(schema, f.indent(3));
  } else if (schema.t === 'primitive') {
    if (type === '') type = schema.type;
    f.write(`FIELD:    ${fieldName} <${type}>\n`);
    printDescription(schema.desc);
  } else {
    printDescription(schema.desc);
  }
  return { out: lines.join('') };
}
