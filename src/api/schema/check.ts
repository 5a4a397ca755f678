// Checks a manifest against the generated field schema the way the API server decodes it:
// a wrong JSON type fails decoding (the first one wins, as in Go's encoding/json), unknown fields
// are strict-decoding errors (all of them, at every depth), and required fields that are missing
// are validation errors. Pure; messages in the API server's words.
import type { Path } from '../field-errors.js';
import { STRUCTS } from './fields.gen.js';
import type { StructSchema } from './types.js';

/** Struct name -> schema: the generated current versions, or an old version's variant of them. */
export type Structs = Record<string, StructSchema>;

export interface SchemaProblems {
  /** `json: cannot unmarshal ...` or a Quantity parse error; decoding stops here. */
  typeError?: { message: string; path: Path };
  unknown: Path[];
  required: Path[];
}

/** Required in the OpenAPI schema but not enforced by the API server's validation. */
const NOT_ENFORCED = new Set([
  'StatefulSetSpec.serviceName',
  'NetworkPolicySpec.podSelector',
  // A Service with no pods has a placeholder slice with no endpoints.
  'EndpointSlice.endpoints',
]);

/** The Go name of a struct key (`EndpointPort@discovery/v1` is discovery's `EndpointPort`). */
const goName = (key: string): string => key.split('@')[0]!;

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** The Go type a code stands for, as encoding/json names it. */
function goType(code: string): string {
  if (code.startsWith('[')) return `[]${goType(code.slice(1))}`;
  if (code.startsWith('{')) return `map[string]${goType(code.slice(1))}`;
  const leaf: Record<string, string> = {
    s: 'string',
    i: 'int32',
    l: 'int64',
    b: 'bool',
    n: 'intstr.IntOrString',
    q: 'resource.Quantity',
    x: 'interface {}',
  };
  return leaf[code] ?? `v1.${goName(code)}`;
}

/** JSON field path without indices, as Go's UnmarshalTypeError prints it. */
function goField(path: Path): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

class Checker {
  readonly problems: SchemaProblems = { unknown: [], required: [] };

  constructor(private readonly structs: Structs) {}

  private typeError(v: unknown, code: string, path: Path, struct: string): void {
    if (this.problems.typeError) return;
    const what = typeof v === 'number' && !Number.isInteger(v) ? `number ${v}` : jsonKind(v);
    const into = path.length ? `Go struct field ${goName(struct)}.${goField(path)}` : 'Go value';
    this.problems.typeError = {
      message: `json: cannot unmarshal ${what} into ${into} of type ${goType(code)}`,
      path,
    };
  }

  value(v: unknown, code: string, path: Path, struct: string, inStatus: boolean): void {
    if (v === null || v === undefined) return;
    switch (code) {
      case 's':
        if (typeof v !== 'string') this.typeError(v, code, path, struct);
        return;
      case 'b':
        if (typeof v !== 'boolean') this.typeError(v, code, path, struct);
        return;
      case 'i':
      case 'l':
        if (typeof v !== 'number' || !Number.isInteger(v)) this.typeError(v, code, path, struct);
        return;
      case 'n':
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) {
          this.typeError(v, 'i', path, struct);
        }
        return;
      case 'q':
        if (typeof v === 'number') return;
        if (typeof v !== 'string') this.typeError(v, code, path, struct);
        else if (!QUANTITY.test(v.trim()) && !this.problems.typeError) {
          this.problems.typeError = {
            message: `quantities must match the regular expression '${QUANTITY.source}'`,
            path,
          };
        }
        return;
      case 'x':
        return;
    }
    if (code.startsWith('[')) {
      if (!Array.isArray(v)) {
        this.typeError(v, code, path, struct);
        return;
      }
      v.forEach((item, i) => {
        this.value(item, code.slice(1), [...path, i], struct, inStatus);
      });
      return;
    }
    if (code.startsWith('{')) {
      if (typeof v !== 'object' || Array.isArray(v)) {
        this.typeError(v, code, path, struct);
        return;
      }
      for (const [k, item] of Object.entries(v as object)) {
        this.value(item, code.slice(1), [...path, { key: k }], struct, inStatus);
      }
      return;
    }
    this.struct(v, code, path, struct, inStatus);
  }

  private struct(v: unknown, name: string, path: Path, parent: string, inStatus: boolean): void {
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.typeError(v, name, path, parent);
      return;
    }
    const schema = this.structs[name];
    if (!schema) return;
    const obj = v as Record<string, unknown>;
    for (const [field, item] of Object.entries(obj)) {
      const code = schema.f[field];
      if (code === undefined) this.problems.unknown.push([...path, field]);
      else
        this.value(item, code, [...path, field], name, inStatus || (path.length === 0 && field === 'status'));
    }
    if (inStatus) return;
    for (const field of schema.r ?? []) {
      if (NOT_ENFORCED.has(`${name}.${field}`)) continue;
      const item = obj[field];
      if (item === undefined || item === null || item === '' || (Array.isArray(item) && item.length === 0)) {
        this.problems.required.push([...path, field]);
      }
    }
  }
}

/** Whether the schema knows the kind (a struct of that name). */
export function hasSchema(kind: string): boolean {
  return STRUCTS[kind] !== undefined;
}

/**
 * Check `obj` as an object of `kind` (a root struct name, e.g. `Pod`). `structs` is the current
 * versions' schema unless an old version's is given (conversion/legacy-schema.ts).
 */
export function checkSchema(obj: unknown, kind: string, structs: Structs = STRUCTS): SchemaProblems {
  const c = new Checker(structs);
  c.value(obj, kind, [], kind, false);
  return c.problems;
}
