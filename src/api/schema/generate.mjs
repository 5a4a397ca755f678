// Generates src/api/schema/fields.gen.ts from the `kubernetes-types` package (itself generated from
// the official Kubernetes OpenAPI spec): for every kind mkube knows, the field names, their types
// and which are required, at every depth. Run: `node src/api/schema/generate.mjs` (a unit test
// checks that the committed files are current). Beside it, descriptions.gen.json: each struct's
// module and the doc comments of the struct and its fields, for OpenAPI and `explain` only; a
// data file read when needed, so the CLI's start-up never pays for it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TYPES = resolve(HERE, '../../../node_modules/kubernetes-types');
const OUT = join(HERE, 'fields.gen.ts');
const DOCS_OUT = join(HERE, 'descriptions.gen.json');

/** kind -> kubernetes-types module for the kinds in src/api/kinds.ts. */
const ROOTS = {
  'core/v1': [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolumeClaim',
    'PersistentVolume',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'ServiceAccount',
    'Service',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'coordination/v1': ['Lease'],
  'discovery/v1': ['EndpointSlice'],
  'networking/v1': ['IngressClass', 'Ingress', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget'],
  'storage/v1': ['StorageClass'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
};

/** Leaf aliases: Quantity accepts a number too; Time is an RFC 3339 string; Raw* is anything. */
const ALIASES = { Time: 's', MicroTime: 's', Quantity: 'q', RawExtension: 'x', FieldsV1: 'x' };
/** int64 fields, named in Go type errors; every other integer is an int32. */
const INT64 = new Set([
  'activeDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'deletionGracePeriodSeconds',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'supplementalGroups',
  'generation',
  'observedGeneration',
  'expirationSeconds',
  'startingDeadlineSeconds',
  'sizeBytes',
  'count',
]);

function parseModule(mod) {
  const text = readFileSync(join(TYPES, `${mod}.d.ts`), 'utf8');
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    const target = join(dirname(mod), m[2]).replace(/\\/g, '/');
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, target);
  }
  const interfaces = new Map();
  /** Doc comments of the module's interfaces and type aliases, by name. */
  const typeDocs = new Map();
  let current;
  let doc;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const oneLineDoc = /^\s*\/\*\* (.*) \*\/$/.exec(line);
    if (oneLineDoc) {
      doc = oneLineDoc[1];
      continue;
    }
    if (/^\s*\/\*\*$/.test(line)) {
      const body = [];
      while (!/^\s*\*\/$/.test(lines[++i])) body.push(lines[i].replace(/^\s*\* ?/, ''));
      doc = body.join('\n');
      continue;
    }
    const alias = /^export type (\w+) = /.exec(line);
    if (alias) typeDocs.set(alias[1], doc ?? '');
    const start = /^export interface (\w+) \{/.exec(line);
    if (start) {
      current = { fields: {}, required: [], docs: {} };
      interfaces.set(start[1], current);
      typeDocs.set(start[1], doc ?? '');
      doc = undefined;
      continue;
    }
    if (line === '}') current = undefined;
    if (!current) continue;
    const field = /^ {4}(?:readonly )?(\w+)(\?)?: (.*);$/.exec(line);
    const mapStart = /^ {4}(?:readonly )?(\w+)(\?)?: \{$/.exec(line);
    const name = field?.[1] ?? mapStart?.[1];
    if (name) {
      current.docs[name] = doc ?? '';
      doc = undefined;
    }
    if (field) {
      current.fields[field[1]] = field[3];
      if (!field[2]) current.required.push(field[1]);
    } else if (mapStart) {
      const value = /^ {8}\[name: string\]: (.*);$/.exec(lines[i + 1]);
      if (!value) throw new Error(`unexpected map in ${mod}: ${lines[i + 1]}`);
      current.fields[mapStart[1]] = `Map<${value[1]}>`;
      if (!mapStart[2]) current.required.push(mapStart[1]);
      i += 2;
    }
  }
  return { imports, interfaces, typeDocs };
}

const modules = new Map();
function moduleOf(mod) {
  if (!modules.has(mod)) modules.set(mod, parseModule(mod));
  return modules.get(mod);
}

const out = {};
const owner = new Map();
/** struct key -> { m: module, d: its doc, f: field -> doc }; and the leaf aliases' docs. */
const docs = {};
const aliasDocs = {};

function typeCode(tsType, mod, fieldName) {
  if (tsType === 'string' || /^"[^"]*"$/.test(tsType)) return 's';
  if (tsType === 'boolean') return 'b';
  if (tsType === 'number') return INT64.has(fieldName) ? 'l' : 'i';
  if (tsType === 'number | string') return 'n';
  const arr = /^Array<(.+)>$/.exec(tsType);
  if (arr) return `[${typeCode(arr[1], mod, fieldName)}`;
  const map = /^Map<(.+)>$/.exec(tsType);
  if (map) return `{${typeCode(map[1], mod, fieldName)}`;
  if (ALIASES[tsType]) {
    const home = moduleOf(mod).imports.get(tsType) ?? mod;
    aliasDocs[tsType] = { m: home, d: moduleOf(home).typeDocs.get(tsType) ?? '' };
    return ALIASES[tsType];
  }
  if (/^\w+$/.test(tsType)) {
    const home = moduleOf(mod).imports.get(tsType) ?? mod;
    return visit(tsType, home);
  }
  throw new Error(`unsupported type ${tsType} in ${mod}`);
}

/**
 * The struct's key in the schema: its Go name, or `Name@module` when an earlier module (in ROOTS
 * order) already owns the name (discovery/v1 EndpointPort beside core/v1 EndpointPort).
 */
function structKey(name, mod) {
  return !owner.has(name) || owner.get(name) === mod ? name : `${name}@${mod}`;
}

function visit(name, mod) {
  const key = structKey(name, mod);
  if (owner.has(key)) return key;
  owner.set(key, mod);
  const iface = moduleOf(mod).interfaces.get(name);
  if (!iface) throw new Error(`no interface ${name} in ${mod}`);
  const entry = { f: {} };
  out[key] = entry;
  const structDocs = { m: mod, d: moduleOf(mod).typeDocs.get(name) ?? '', f: iface.docs };
  docs[key] = structDocs;
  for (const [field, tsType] of Object.entries(iface.fields)) {
    entry.f[field] = typeCode(tsType, mod, field);
    // The named leaf type behind a type code (Time behind `s`, IntOrString behind `n`), for OpenAPI.
    const leaf = /^(?:Array<|Map<)?(\w+|number \| string)>?$/.exec(tsType)?.[1];
    const leafName = leaf === 'number | string' ? 'IntOrString' : ALIASES[leaf] ? leaf : undefined;
    if (leafName) structDocs.l = { ...structDocs.l, [field]: leafName };
  }
  if (iface.required.length) entry.r = iface.required;
  return key;
}

const kinds = {};
for (const [mod, names] of Object.entries(ROOTS)) {
  for (const name of names) {
    visit(name, mod);
    kinds[name] = name;
  }
}

const sorted = Object.fromEntries(
  Object.keys(out)
    .sort()
    .map((k) => [k, out[k]]),
);
const json = JSON.stringify(sorted);
if (/['\\]/.test(json)) throw new Error('schema JSON needs escaping');
const body = `// Generated by src/api/schema/generate.mjs from kubernetes-types ${JSON.parse(readFileSync(join(TYPES, 'package.json'), 'utf8')).version}. Do not edit.
// Field type codes: s string, i int32, l int64, b bool, n int-or-string, q quantity, x anything,
// [T array of T, {T map of string to T, otherwise the name of a struct type below.
import type { StructSchema } from './types.js';

// A JSON string: V8 parses it faster than an object literal, and formatters leave it alone.
export const STRUCTS: Record<string, StructSchema> = JSON.parse(
  '${json}',
);
`;

const sortedDocs = Object.fromEntries(
  Object.keys(docs)
    .sort()
    .map((k) => [k, docs[k]]),
);
const docsBody = `${JSON.stringify({ structs: sortedDocs, leaves: aliasDocs })}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8') === body && readFileSync(DOCS_OUT, 'utf8') === docsBody;
  process.stdout.write(current ? 'up to date\n' : 'stale\n');
  process.exitCode = current ? 0 : 1;
} else {
  writeFileSync(OUT, body);
  writeFileSync(DOCS_OUT, docsBody);
  process.stdout.write(`wrote ${OUT}: ${Object.keys(sorted).length} types, ${body.length} bytes\n`);
}
