// YAML as kustomize (kyaml, go-yaml v3) reads it: YAML 1.2 booleans (`on`, `yes` stay strings) but
// 1.1 integers (`0644` is octal), timestamps kept as strings. Multi-document; `kind: List` expands.
import { parseAllDocuments, type Tags } from 'yaml';
import { UserError } from '../api/errors.js';
import { goYamlMessage } from '../api/go-yaml-errors.js';
import { isObject, type JsonObject } from './resource.js';

const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;

const customTags = (tags: Tags): Tags => [
  ...tags.filter((t) => {
    const tag = t as { tag?: string; format?: string };
    return (
      tag.tag !== 'tag:yaml.org,2002:timestamp' &&
      tag.format !== 'TIME' &&
      tag.tag !== 'tag:yaml.org,2002:bool'
    );
  }),
  {
    identify: (v: unknown) => typeof v === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: BOOL,
    resolve: (s: string) => s[0] === 't' || s[0] === 'T',
  },
];

const OPTIONS = { version: '1.1', customTags, uniqueKeys: false, merge: true } as const;

/** A YAML syntax error in go-yaml's words (`yaml: line N: ...`); callers say where it was. */
export class YamlSyntaxError extends UserError {}

/** Every non-empty document of a YAML stream, as plain JSON values. */
export function parseYamlStream(text: string, _source: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text, OPTIONS as never)) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      throw new YamlSyntaxError(`yaml: line ${line}: ${goYamlMessage(err.code, err.message)}`);
    }
    const value = doc.toJS({ maxAliasCount: -1 });
    if (value === null || value === undefined) continue;
    out.push(value);
  }
  return out;
}

/** The objects of a resource file; a `List` (kind ending in List with items) becomes its items. */
export function parseResources(text: string, source: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const value of parseYamlStream(text, source)) {
    if (!isObject(value)) throw new UserError(`${source}: expected a YAML object`);
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (kind.endsWith('List') && Array.isArray(value.items)) {
      for (const item of value.items) if (isObject(item)) out.push(item);
      continue;
    }
    out.push(value);
  }
  return out;
}
