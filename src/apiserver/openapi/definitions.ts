// The OpenAPI schemas of every struct mkube validates with (src/api/schema/fields.gen.ts), with
// the descriptions of kubernetes-types' doc comments, named as the API server names them
// (io.k8s.api.core.v1.Pod), in the two shapes the server publishes: Swagger 2.0 `definitions`
// and OpenAPI 3 `components.schemas` (a described reference is `allOf: [{$ref}]` there, as
// kube-openapi writes it, since a $ref may have no siblings in OpenAPI 3.0).
import { apiVersionOf, KINDS } from '../../api/kinds.js';
import { type FieldPatchMeta, PATCH_STRATEGIES } from '../../api/patch/strategies.js';
import { type SchemaDocs, schemaDocs } from '../../api/schema/descriptions.js';
import { STRUCTS } from '../../api/schema/fields.gen.js';

export type Flavor = 'v2' | 'v3';
export type JsonSchema = Record<string, unknown>;

export interface Definition {
  schema: JsonSchema;
  /** The definitions this one refers to, for a document that holds only what it needs. */
  refs: string[];
}

/** kubernetes-types module -> the Go package path the API server names definitions by. */
function packageOf(mod: string): string {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'util/intstr') return 'io.k8s.apimachinery.pkg.util.intstr';
  return `io.k8s.api.${mod.replace('/', '.')}`;
}

/** `Pod` -> io.k8s.api.core.v1.Pod; `EndpointPort@discovery/v1` -> io.k8s.api.discovery.v1.EndpointPort. */
export function definitionName(structKey: string, docs: SchemaDocs = schemaDocs()): string {
  const name = structKey.split('@')[0];
  const leaf = docs.leaves[structKey];
  if (leaf) return `${packageOf(leaf.m)}.${name}`;
  if (structKey === 'IntOrString') return `${packageOf('util/intstr')}.IntOrString`;
  return `${packageOf(docs.structs[structKey]?.m ?? 'core/v1')}.${name}`;
}

const INT_OR_STRING_DOC =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

/** The leaf types' own schemas: strings, numbers or anything, as kube-openapi declares them. */
function leafSchema(leaf: string, flavor: Flavor, docs: SchemaDocs): JsonSchema {
  const description = leaf === 'IntOrString' ? INT_OR_STRING_DOC : (docs.leaves[leaf]?.d ?? '');
  const described = (s: JsonSchema): JsonSchema => (description ? { description, ...s } : s);
  switch (leaf) {
    case 'Time':
    case 'MicroTime':
      return described({ type: 'string', format: 'date-time' });
    case 'Quantity':
      return described(
        flavor === 'v3' ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' },
      );
    case 'IntOrString':
      return described(
        flavor === 'v3'
          ? { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }
          : { type: 'string', format: 'int-or-string' },
      );
    default:
      return described({ type: 'object' });
  }
}

function ref(name: string, flavor: Flavor): JsonSchema {
  return { $ref: flavor === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}` };
}

/** The schema of a value of type `code` (fields.gen.ts), with `leaf` the named leaf type behind it. */
function valueSchema(code: string, leaf: string | undefined, flavor: Flavor, refs: Set<string>): JsonSchema {
  if (code.startsWith('[')) return { type: 'array', items: valueSchema(code.slice(1), leaf, flavor, refs) };
  if (code.startsWith('{'))
    return { type: 'object', additionalProperties: valueSchema(code.slice(1), leaf, flavor, refs) };
  if (leaf) {
    const name = definitionName(leaf);
    refs.add(name);
    return ref(name, flavor);
  }
  switch (code) {
    case 's':
      return { type: 'string' };
    case 'i':
      return { type: 'integer', format: 'int32' };
    case 'l':
      return { type: 'integer', format: 'int64' };
    case 'b':
      return { type: 'boolean' };
    case 'n':
    case 'q':
    case 'x':
      return { type: 'object' };
    default: {
      const name = definitionName(code);
      refs.add(name);
      return ref(name, flavor);
    }
  }
}

/** The strategic-merge extensions mkube knows for a field (and the list type they imply). */
function patchExtensions(meta: FieldPatchMeta | undefined, isList: boolean): JsonSchema {
  if (!meta) return {};
  const ext: JsonSchema = {};
  if (isList && meta.strategy.split(',').includes('merge')) {
    ext['x-kubernetes-list-type'] = meta.mergeKey ? 'map' : 'set';
    if (meta.mergeKey) ext['x-kubernetes-list-map-keys'] = [meta.mergeKey];
  }
  if (meta.mergeKey) ext['x-kubernetes-patch-merge-key'] = meta.mergeKey;
  ext['x-kubernetes-patch-strategy'] = meta.strategy;
  return ext;
}

function fieldSchema(structKey: string, field: string, flavor: Flavor, refs: Set<string>, docs: SchemaDocs) {
  const code = STRUCTS[structKey].f[field];
  const structDocs = docs.structs[structKey];
  const value = valueSchema(code, structDocs?.l?.[field], flavor, refs);
  const description = structDocs?.f[field];
  // A described reference: kube-openapi wraps it in allOf for OpenAPI 3, puts it beside for 2.
  const base = value.$ref && flavor === 'v3' ? { allOf: [value] } : value;
  return {
    ...(description ? { description } : {}),
    ...base,
    ...patchExtensions(PATCH_STRATEGIES[structKey.split('@')[0]]?.[field], code.startsWith('[')),
  };
}

const GVK_OF_STRUCT = new Map(
  KINDS.filter((k) => STRUCTS[k.kind]).map((k) => [
    k.kind,
    { group: k.group, kind: k.kind, version: k.version },
  ]),
);

export function structDefinition(
  structKey: string,
  flavor: Flavor,
  docs: SchemaDocs = schemaDocs(),
): Definition {
  const struct = STRUCTS[structKey];
  const refs = new Set<string>();
  const properties: Record<string, JsonSchema> = {};
  for (const field of Object.keys(struct.f).sort())
    properties[field] = fieldSchema(structKey, field, flavor, refs, docs);
  const description = docs.structs[structKey]?.d;
  const gvk = GVK_OF_STRUCT.get(structKey);
  const schema: JsonSchema = {
    ...(description ? { description } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
    ...(struct.r ? { required: [...struct.r].sort() } : {}),
    type: 'object',
    ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
  };
  return { schema, refs: [...refs] };
}

export interface DefinitionSet {
  byName: Map<string, Definition>;
  /** Definition name of each kind, by `apiVersion/Kind`. */
  kindNames: Map<string, string>;
}

const built = new Map<Flavor, DefinitionSet>();

/** Every definition, built once per flavor and process. */
export function allDefinitions(flavor: Flavor): DefinitionSet {
  let set = built.get(flavor);
  if (set) return set;
  const docs = schemaDocs();
  const byName = new Map<string, Definition>();
  for (const key of Object.keys(STRUCTS))
    byName.set(definitionName(key, docs), structDefinition(key, flavor, docs));
  for (const leaf of [...Object.keys(docs.leaves), 'IntOrString'])
    byName.set(definitionName(leaf, docs), { schema: leafSchema(leaf, flavor, docs), refs: [] });
  const kindNames = new Map<string, string>();
  for (const info of KINDS)
    if (STRUCTS[info.kind])
      kindNames.set(`${apiVersionOf(info)}/${info.kind}`, definitionName(info.kind, docs));
  set = { byName, kindNames };
  built.set(flavor, set);
  return set;
}

/** The named definitions and every definition they refer to, sorted by name. */
export function closure(set: DefinitionSet, roots: Iterable<string>): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || !set.byName.has(name)) continue;
    seen.add(name);
    stack.push(...set.byName.get(name)!.refs);
  }
  return Object.fromEntries([...seen].sort().map((name) => [name, set.byName.get(name)!.schema]));
}
