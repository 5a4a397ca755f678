// Request bodies in the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`), as
// client-go's typed clients send them (kubectl create configmap|secret|deployment|..., autoscale,
// create token, drain's deletes): the `k8s\0` magic, then runtime.Unknown{typeMeta{apiVersion 1,
// kind 2} 1, raw 2}, whose apiVersion and kind pick the message of `raw`. The result is the JSON
// object Go's encoding/json writes for the same typed object, so the rest of the endpoint sees
// what a JSON client would have sent: gogo writes every non-pointer scalar even when zero, so a
// zero one with omitempty is dropped; a pointer present on the wire is kept even when zero
// (replicas: 0); nil slices and maps without omitempty are null. Pure.

import { PROTO_LIST_MESSAGES, PROTO_MESSAGES, type ProtoField } from '../../api/schema/proto.gen.js';
import type { KObject } from '../../api/types.js';
import { goDuration, goTime } from './protobuf-go-values.js';
import { packedVarints, type WireField, wireFields } from './protobuf-wire.js';

export const PROTOBUF_MEDIA = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from('k8s\0', 'latin1');

/** API group -> the proto package of its types (k8s.io/api/<package>/<version>). */
const GROUP_PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  batch: 'batch',
  'coordination.k8s.io': 'coordination',
  autoscaling: 'autoscaling',
  policy: 'policy',
  'networking.k8s.io': 'networking',
  'discovery.k8s.io': 'discovery',
  'storage.k8s.io': 'storage',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
  'rbac.authorization.k8s.io': 'rbac',
  'meta.k8s.io': 'apis.meta',
};

/** The options kinds every group version serves (metav1.AddToGroupVersion). */
const META_OPTIONS = new Set(['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions']);

/** The message of a kind, or undefined for a kind the table does not know. */
export function messageOfKind(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const pkg = GROUP_PACKAGES[group!];
  const name = pkg && `${pkg}.${version}.${kind}`;
  if (name && PROTO_MESSAGES[name]) return name;
  if (META_OPTIONS.has(kind)) return `apis.meta.v1.${kind}`;
  return undefined;
}

export class UnknownProtobufKind extends Error {}

/**
 * The object of a protobuf body. Throws UnknownProtobufKind for a kind the table does not know
 * (the caller answers 415) and an Error for a malformed body.
 */
export function decodeProtobufBody(body: Buffer): KObject {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('not a Kubernetes protobuf envelope');
  const envelope = wireFields(body.subarray(4));
  const typeMeta = wireFields(bytesOf(envelope, 1) ?? Buffer.alloc(0));
  const apiVersion = bytesOf(typeMeta, 1)?.toString('utf8') ?? '';
  const kind = bytesOf(typeMeta, 2)?.toString('utf8') ?? '';
  const message = messageOfKind(apiVersion, kind);
  if (!message) throw new UnknownProtobufKind(`no protobuf message for ${kind} of ${apiVersion}`);
  const object = decodeMessage(message, bytesOf(envelope, 2) ?? Buffer.alloc(0));
  return { kind, apiVersion, ...(object as object) } as KObject;
}

function bytesOf(fields: WireField[], no: number): Buffer | undefined {
  let found: Buffer | undefined;
  for (const f of fields) if (f.no === no && f.wire === 2) found = f.bytes;
  return found;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Types whose Go MarshalJSON writes something else than their fields. */
const HAND_DECODED: Record<string, (fields: WireField[], bytes: Buffer) => Json> = {
  // An empty Time is Go's zero Time (null); the API keeps whole seconds.
  'apis.meta.v1.Time': (f, b) => (b.length === 0 ? null : goTime(int(f, 1), 0, false)),
  'apis.meta.v1.MicroTime': (f, b) => (b.length === 0 ? null : goTime(int(f, 1), int(f, 2), true)),
  'apis.meta.v1.Duration': (f) => goDuration(BigInt.asIntN(64, varintOf(f, 1) ?? 0n)),
  'api.resource.Quantity': (f) => bytesOf(f, 1)?.toString('utf8') || '0',
  'util.intstr.IntOrString': (f) => (int(f, 1) === 1 ? (bytesOf(f, 3)?.toString('utf8') ?? '') : int(f, 2)),
  'runtime.RawExtension': (f) => rawJson(bytesOf(f, 1)),
  'apis.meta.v1.FieldsV1': (f) => rawJson(bytesOf(f, 1)),
};

function varintOf(fields: WireField[], no: number): bigint | undefined {
  let found: bigint | undefined;
  for (const f of fields) if (f.no === no && f.wire === 0) found = f.varint;
  return found;
}
const int = (fields: WireField[], no: number) => Number(BigInt.asIntN(64, varintOf(fields, no) ?? 0n));

/** The bytes of a RawExtension or FieldsV1: JSON, or a nested protobuf object. */
function rawJson(raw: Buffer | undefined): Json {
  if (!raw || raw.length === 0) return null;
  if (raw.subarray(0, 4).equals(MAGIC)) return decodeProtobufBody(raw) as unknown as Json;
  return JSON.parse(raw.toString('utf8')) as Json;
}

const isMessage = (type: string) => type.includes('.');

function decodeMessage(name: string, bytes: Buffer): Json {
  const fields = wireFields(bytes);
  const hand = HAND_DECODED[name];
  if (hand) return hand(fields, bytes);
  const table = PROTO_MESSAGES[name];
  if (!table) throw new Error(`no protobuf message ${name}`);
  if (PROTO_LIST_MESSAGES.has(name)) {
    const items = repeatedValues(table[0]![2], fields, table[0]![0]);
    return items.length ? items : null;
  }
  const out: { [key: string]: Json } = {};
  for (const field of table) decodeField(field, fields, out);
  return out;
}

function decodeField([no, json, type, flags]: ProtoField, fields: WireField[], out: { [key: string]: Json }) {
  const pointer = flags.includes('p');
  const omitempty = flags.includes('o');
  const absent = () => {
    if (!omitempty) out[json] = null;
  };
  const map = /^map<(\w+),([\w.]+)>$/.exec(type);
  if (map) {
    const entries = fields.filter((f) => f.no === no && f.wire === 2) as { bytes: Buffer }[];
    if (entries.length === 0) return absent();
    const value: { [key: string]: Json } = {};
    for (const e of entries) {
      const entry = wireFields(e.bytes);
      // An own property even for a key such as `__proto__` (as JSON.parse makes it).
      Object.defineProperty(value, String(single(map[1]!, entry, 1) ?? ''), {
        value: single(map[2]!, entry, 2) ?? zeroOf(map[2]!),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    out[json] = value;
    return;
  }
  if (flags.includes('r')) {
    const values = repeatedValues(type, fields, no);
    if (values.length === 0) return absent();
    out[json] = values;
    return;
  }
  const present = fields.some((f) => f.no === no);
  if (!present && pointer) return absent();
  const value = present ? single(type, fields, no)! : zeroOf(type);
  if (flags.includes('i')) {
    Object.assign(out, value);
    return;
  }
  if (!pointer && omitempty && isEmpty(type, value)) return;
  out[json] = value;
}

/** Go's omitempty: false, 0, "", a nil or empty slice or map; never a struct. */
function isEmpty(type: string, value: Json): boolean {
  if (isMessage(type)) return false;
  return value === null || value === false || value === 0 || value === '';
}

function zeroOf(type: string): Json {
  if (isMessage(type)) return decodeMessage(type, Buffer.alloc(0));
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null;
  return 0;
}

/** The last value of a field on the wire (proto2 semantics for a non-repeated field). */
function single(type: string, fields: WireField[], no: number): Json | undefined {
  let found: WireField | undefined;
  for (const f of fields) if (f.no === no) found = f;
  return found && scalarOrMessage(type, found);
}

function repeatedValues(type: string, fields: WireField[], no: number): Json[] {
  const out: Json[] = [];
  for (const f of fields) {
    if (f.no !== no) continue;
    // A packed run of varints (proto3 style); gogo's proto2 writes them one by one.
    if (f.wire === 2 && (type === 'int32' || type === 'int64' || type === 'bool')) {
      for (const v of packedVarints(f.bytes)) out.push(scalarOrMessage(type, { no, wire: 0, varint: v }));
    } else out.push(scalarOrMessage(type, f));
  }
  return out;
}

function scalarOrMessage(type: string, f: WireField): Json {
  if (isMessage(type)) return decodeMessage(type, expect(f, 2, type).bytes);
  switch (type) {
    case 'string':
      return expect(f, 2, type).bytes.toString('utf8');
    case 'bytes':
      return expect(f, 2, type).bytes.toString('base64');
    case 'bool':
      return expect(f, 0, type).varint !== 0n;
    case 'int32':
    case 'int64':
      return Number(BigInt.asIntN(64, expect(f, 0, type).varint));
    case 'uint32':
    case 'uint64':
      return Number(expect(f, 0, type).varint);
    case 'double':
      return expect(f, 1, type).fixed.readDoubleLE(0);
    case 'float':
      return expect(f, 5, type).fixed.readFloatLE(0);
    default:
      throw new Error(`unsupported protobuf type ${type}`);
  }
}

function expect<W extends WireField['wire']>(
  f: WireField,
  wire: W,
  type: string,
): Extract<WireField, { wire: W }> {
  if (f.wire !== wire) throw new Error(`field ${f.no}: wire type ${f.wire} for a ${type}`);
  return f as Extract<WireField, { wire: W }>;
}
