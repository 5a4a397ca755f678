// Generates src/api/schema/proto.gen.ts: for every protobuf message of the API groups mkube
// serves, its fields by number with what it takes to write the JSON Go's encoding/json writes for
// the same typed object: the JSON name, the type (a scalar, another message, a map), repeated,
// whether the Go field is a pointer, has omitempty, or is embedded (`json:",inline"`).
// The field numbers and types come from the generated.proto files, the rest from the struct tags
// of the Go sources (matched by protobuf field number), at the Kubernetes version mkube follows:
//   git -C <k8s.io/api clone> archive v0.32.9 | tar -x -C /tmp/api   (same for apimachinery)
//   node src/api/schema/generate-proto.mjs /tmp/api /tmp/apimachinery
//   npx biome check --write src/api/schema/proto.gen.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanGoStructs } from './go-structs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: node generate-proto.mjs <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(2);
}

const API_GROUPS = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'coordination/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'networking/v1',
  'discovery/v1',
  'storage/v1',
  'policy/v1',
  'authentication/v1',
  'authorization/v1',
  'rbac/v1',
];
const MACHINERY = ['pkg/apis/meta/v1', 'pkg/runtime', 'pkg/util/intstr', 'pkg/api/resource'];
const DIRS = [
  ...API_GROUPS.map((g) => [join(apiDir, g), 'k8s.io.api.']),
  ...MACHINERY.map((p) => [join(machineryDir, p), 'k8s.io.apimachinery.pkg.']),
];

/** Go struct name -> Map(protobuf field number -> { json, omitempty, pointer, inline }); named slices. */
function parseGo(dir) {
  const structs = new Map();
  const sliceTypes = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
    const scanned = scanGoStructs(readFileSync(join(dir, file), 'utf8'));
    for (const s of scanned.sliceTypes) sliceTypes.add(s);
    for (const [struct, fields] of scanned.structs) {
      const byNumber = new Map();
      for (const { name, type, tags } of fields) {
        const json = /json:"([^"]*)"/.exec(tags)?.[1];
        const proto = /protobuf:"\w+,(\d+),/.exec(tags)?.[1];
        if (json === undefined || proto === undefined) continue;
        const opts = json.split(',');
        byNumber.set(Number(proto), {
          json: opts[0] || name || '',
          omitempty: opts.includes('omitempty'),
          pointer: type.startsWith('*'),
          inline: opts[0] === '' && opts.includes('inline'),
        });
      }
      structs.set(struct, byNumber);
    }
  }
  return { structs, sliceTypes };
}

/** Messages of one generated.proto: name -> fields in file order. */
function parseProto(text) {
  const pkg = /^package ([\w.]+);/m.exec(text)[1];
  const messages = new Map();
  let current;
  for (const line of text.split('\n')) {
    const start = /^message (\w+) \{/.exec(line);
    if (start) {
      current = [];
      messages.set(start[1], current);
      continue;
    }
    if (line === '}') current = undefined;
    if (!current) continue;
    const map = /^\s+map<(\w+), ([\w.]+)> (\w+) = (\d+);/.exec(line);
    if (map) {
      current.push({ no: Number(map[4]), name: map[3], map: [map[1], map[2]] });
      continue;
    }
    const f = /^\s+(optional|repeated) ([\w.]+) (\w+) = (\d+);/.exec(line);
    if (f) current.push({ no: Number(f[4]), name: f[3], type: f[2], repeated: f[1] === 'repeated' });
  }
  return { pkg, messages };
}

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'double', 'float', 'uint32', 'uint64']);
/** Types with their own JSON (MarshalJSON), decoded by hand: their Go fields need no tags. */
const HAND_DECODED = new Set([
  'apis.meta.v1.Time',
  'apis.meta.v1.MicroTime',
  'apis.meta.v1.Duration',
  'runtime.Unknown',
  'util.intstr.IntOrString',
  'api.resource.Quantity',
  'api.resource.QuantityValue',
]);
const short = (pkg, prefix) => pkg.slice(prefix.length);

const messages = {};
const lists = [];
const problems = [];
const known = new Set();
const refs = [];
for (const [dir, prefix] of DIRS) {
  const { pkg, messages: protoMessages } = parseProto(readFileSync(join(dir, 'generated.proto'), 'utf8'));
  const { structs, sliceTypes } = parseGo(dir);
  const pkgShort = short(pkg, prefix);
  const typeRef = (t) => {
    if (SCALARS.has(t)) return t;
    const full = t.startsWith('.') ? t.slice(1) : `${pkg}.${t}`;
    const ref = full.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\./, '');
    refs.push([ref, `${pkgShort}`]);
    return ref;
  };
  for (const [name, fields] of protoMessages) {
    const key = `${pkgShort}.${name}`;
    known.add(key);
    // A message whose Go type is declared from another one (core/v1 `type List metav1.List`).
    if (!structs.has(name) && !sliceTypes.has(name) && !HAND_DECODED.has(key)) continue;
    if (sliceTypes.has(name)) lists.push(key);
    const goFields = structs.get(name) ?? new Map();
    const byNo = new Map(fields.map((f) => [f.no, f]));
    // Go struct order first (the order encoding/json writes), then any field Go does not tag.
    const order = [...goFields.keys()].filter((no) => byNo.has(no));
    for (const f of fields) if (!order.includes(f.no)) order.push(f.no);
    const out = [];
    for (const no of order) {
      const f = byNo.get(no);
      const go = goFields.get(no);
      if (!go && !sliceTypes.has(name) && !HAND_DECODED.has(key))
        problems.push(`${key}.${f.name}: no Go field`);
      const type = f.map ? `map<${typeRef(f.map[0])},${typeRef(f.map[1])}>` : typeRef(f.type);
      const flags =
        (f.repeated ? 'r' : '') +
        (go?.pointer ? 'p' : '') +
        (go?.omitempty ? 'o' : '') +
        (go?.inline ? 'i' : '');
      out.push([no, go?.json ?? f.name, type, flags]);
    }
    messages[key] = out;
  }
}
for (const [ref, from] of refs) if (!known.has(ref)) problems.push(`${from}: unknown message ${ref}`);
if (problems.length) {
  console.error([...new Set(problems)].join('\n'));
  process.exit(1);
}

const header = `// Generated by src/api/schema/generate-proto.mjs from the generated.proto files and Go struct
// tags of k8s.io/api and k8s.io/apimachinery v0.32.9; do not edit. Regenerate with:
//   git -C <k8s.io/api clone> archive v0.32.9 | tar -x -C /tmp/api   (same for apimachinery)
//   node src/api/schema/generate-proto.mjs /tmp/api /tmp/apimachinery
//   npx biome check --write src/api/schema/proto.gen.ts
// message ("core.v1.Pod") -> fields in Go struct order as [number, JSON name, type, flags]: type is a scalar, a
// message, or map<key,value>; flags: r repeated, p Go pointer, o omitempty, i embedded (inline).
`;
const body = `${header}
export type ProtoField = [no: number, json: string, type: string, flags: string];

export const PROTO_MESSAGES: Record<string, ProtoField[]> = JSON.parse(
  '${JSON.stringify(messages).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',
);

/** Messages of a Go named slice (\`type ExtraValue []string\`): their JSON is the items array. */
export const PROTO_LIST_MESSAGES: ReadonlySet<string> = new Set(${JSON.stringify(lists)});
`;
writeFileSync(join(HERE, 'proto.gen.ts'), body);
console.log(`${Object.keys(messages).length} messages, ${lists.length} list messages`);
