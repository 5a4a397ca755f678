// The protobuf wire format, read: a message is a run of (field number, wire type, value). Only
// what the Kubernetes protobuf encoding uses is kept: varints, length-delimited bytes and the
// fixed 64/32-bit values (doubles, floats). Pure.

export type WireField =
  | { no: number; wire: 0; varint: bigint }
  | { no: number; wire: 2; bytes: Buffer }
  | { no: number; wire: 1; fixed: Buffer }
  | { no: number; wire: 5; fixed: Buffer };

/** A varint at `at`: its value (64 bits, unsigned) and where the next field starts. */
export function readVarint(buf: Buffer, at: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length && shift < 70n; i++) {
    const b = buf[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [BigInt.asUintN(64, value), i + 1];
    shift += 7n;
  }
  throw new Error('truncated varint');
}

/** The fields of one message, in wire order. Throws on a malformed message. */
export function wireFields(buf: Buffer): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (no === 0) throw new Error('invalid field number 0');
    if (wire === 0) {
      const [varint, n] = readVarint(buf, at);
      fields.push({ no, wire, varint });
      at = n;
    } else if (wire === 2) {
      const [len, n] = readVarint(buf, at);
      const end = n + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      fields.push({ no, wire, bytes: buf.subarray(n, end) });
      at = end;
    } else if (wire === 1 || wire === 5) {
      const end = at + (wire === 1 ? 8 : 4);
      if (end > buf.length) throw new Error('truncated field');
      fields.push({ no, wire, fixed: buf.subarray(at, end) } as WireField);
      at = end;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

/** The varints of a packed repeated scalar (one length-delimited run). */
export function packedVarints(buf: Buffer): bigint[] {
  const out: bigint[] = [];
  let at = 0;
  while (at < buf.length) {
    const [v, n] = readVarint(buf, at);
    out.push(v);
    at = n;
  }
  return out;
}
