// Where a strategic merge finds a field's patch strategy: a walk over the generated field schema
// (src/api/schema/fields.gen.ts) with the struct-tag table of strategies.ts. Fields the schema
// does not know get no strategy (maps merge, lists are replaced), which is what the API server
// does for the fields it keeps.
import { STRUCTS } from '../schema/fields.gen.js';
import { type FieldPatchMeta, PATCH_STRATEGIES } from './strategies.js';

export interface PatchMeta {
  /** `merge` or `replace` for the field itself; undefined: the default (merge maps, replace lists). */
  strategy?: 'merge' | 'replace';
  /** Lists: each item (maps: the map itself) builds and honours a `$retainKeys` directive. */
  retainKeys: boolean;
  mergeKey?: string;
}

/** The schema of one value: for a map, its fields; for a list, the schema of its items. */
export interface PatchSchema {
  readonly name: string;
  lookup(field: string): { meta: PatchMeta; schema: PatchSchema };
}

const NO_META: PatchMeta = { retainKeys: false };

/** Anything whose fields are unknown: every field plain. */
export const OPAQUE: PatchSchema = {
  name: 'opaque',
  lookup: () => ({ meta: NO_META, schema: OPAQUE }),
};

export function toPatchMeta(m: FieldPatchMeta | undefined): PatchMeta {
  if (!m) return NO_META;
  const parts = m.strategy.split(',');
  const other = parts.find((p) => p !== 'retainKeys') as PatchMeta['strategy'];
  return { strategy: other, retainKeys: parts.includes('retainKeys'), mergeKey: m.mergeKey };
}

/** The schema of a value of type code `code` (fields.gen.ts): lists and maps step to their items. */
function schemaOfType(code: string): PatchSchema {
  if (code.startsWith('[')) return schemaOfType(code.slice(1));
  if (code.startsWith('{')) {
    const values = schemaOfType(code.slice(1));
    return { name: `map of ${values.name}`, lookup: () => ({ meta: NO_META, schema: values }) };
  }
  return STRUCTS[code] ? structSchema(code) : OPAQUE;
}

const cache = new Map<string, PatchSchema>();

/** The schema of the Go struct `type` (a name in fields.gen.ts). */
export function structSchema(type: string): PatchSchema {
  let s = cache.get(type);
  if (s) return s;
  const fields = STRUCTS[type]?.f ?? {};
  const tags = PATCH_STRATEGIES[type] ?? {};
  s = {
    name: type,
    lookup(field) {
      const code = fields[field];
      return { meta: toPatchMeta(tags[field]), schema: code ? schemaOfType(code) : OPAQUE };
    },
  };
  cache.set(type, s);
  return s;
}

/** The schema of a kind's object; kinds mkube has no struct for get an opaque schema. */
export function schemaForKind(kind: string): PatchSchema {
  return STRUCTS[kind] ? structSchema(kind) : OPAQUE;
}
