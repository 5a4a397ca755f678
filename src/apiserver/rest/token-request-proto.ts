// kubectl sends a TokenRequest as protobuf (`application/vnd.kubernetes.protobuf`) and, for this
// typed call, does not fall back to JSON on a 415: decode the few fields a TokenRequest's spec
// has from the `k8s\0` envelope (runtime.Unknown{raw: 2}) -> TokenRequest{spec: 2} ->
// TokenRequestSpec{audiences: 1, boundObjectRef: 3 {kind 1, apiVersion 2, name 3, uid 4},
// expirationSeconds: 4}. Pure.
import type { TokenRequestSpec } from '../../registry/token-request.js';

type Field = { no: number; varint?: bigint; bytes?: Buffer };

function readVarint(buf: Buffer, at: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length; i++) {
    const b = buf[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [value, i + 1];
    shift += 7n;
  }
  throw new Error('truncated varint');
}

/** The fields of one protobuf message (varint and length-delimited ones; others skipped). */
export function protoFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, n] = readVarint(buf, at);
      fields.push({ no, varint: v });
      at = n;
    } else if (wire === 2) {
      const [len, n] = readVarint(buf, at);
      const end = n + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      fields.push({ no, bytes: buf.subarray(n, end) });
      at = end;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

const str = (f: Field | undefined) => f?.bytes?.toString('utf8');
const first = (fields: Field[], no: number) => fields.find((f) => f.no === no);

/** The spec of a protobuf-encoded TokenRequest (the whole `k8s\0` envelope). */
export function decodeTokenRequestSpec(body: Buffer): TokenRequestSpec {
  const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('not a Kubernetes protobuf envelope');
  const raw = first(protoFields(body.subarray(4)), 2)?.bytes ?? Buffer.alloc(0);
  const specBytes = first(protoFields(raw), 2)?.bytes ?? Buffer.alloc(0);
  const spec = protoFields(specBytes);
  const out: TokenRequestSpec = {};
  const audiences = spec.filter((f) => f.no === 1).map((f) => str(f)!);
  if (audiences.length) out.audiences = audiences;
  const seconds = first(spec, 4)?.varint;
  if (seconds !== undefined) out.expirationSeconds = Number(BigInt.asIntN(64, seconds));
  const ref = first(spec, 3)?.bytes;
  if (ref) {
    const r = protoFields(ref);
    const [kind, apiVersion, name, uid] = [1, 2, 3, 4].map((no) => str(first(r, no)) || undefined);
    out.boundObjectRef = {
      ...(kind ? { kind } : {}),
      ...(apiVersion ? { apiVersion } : {}),
      ...(name ? { name } : {}),
      ...(uid ? { uid } : {}),
    };
  }
  return out;
}
