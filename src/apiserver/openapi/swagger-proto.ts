// The Swagger 2.0 document in the protobuf encoding kubectl asks /openapi/v2 for
// (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`: gnostic's openapi_v2.Document),
// for `kubectl explain -o plaintext-openapiv2` and kubectl's fallbacks. Only the messages and
// fields mkube's document uses are encoded; vendor extensions travel as YAML (JSON is YAML),
// as gnostic carries them.

type Json = Record<string, any>;

/** A protobuf message being written: fields appended in any order, as the format allows. */
class Message {
  private parts: Buffer[] = [];

  private varint(n: number): void {
    const bytes: number[] = [];
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    this.parts.push(Buffer.from(bytes));
  }

  private bytes(field: number, data: Buffer): void {
    this.varint((field << 3) | 2);
    this.varint(data.length);
    this.parts.push(data);
  }

  string(field: number, value: unknown): this {
    if (typeof value === 'string' && value !== '') this.bytes(field, Buffer.from(value, 'utf8'));
    return this;
  }

  strings(field: number, values: unknown): this {
    if (Array.isArray(values)) for (const v of values) this.bytes(field, Buffer.from(String(v), 'utf8'));
    return this;
  }

  bool(field: number, value: unknown): this {
    if (value === true) {
      this.varint(field << 3);
      this.varint(1);
    }
    return this;
  }

  message(field: number, m: Message | undefined): this {
    if (m) this.bytes(field, m.encode());
    return this;
  }

  encode(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** NamedAny entries for the object's `x-` keys. */
function vendorExtensions(m: Message, field: number, o: Json): Message {
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith('x-')) continue;
    m.message(
      field,
      new Message().string(1, k).message(2, new Message().string(2, `${JSON.stringify(v)}\n`)),
    );
  }
  return m;
}

function schema(s: Json): Message {
  const m = new Message()
    .string(1, s.$ref)
    .string(2, s.format)
    .string(4, s.description)
    .strings(19, s.required);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    m.message(21, new Message().message(1, schema(s.additionalProperties)));
  else if (s.additionalProperties === true) m.message(21, new Message().bool(2, true));
  if (s.type) m.message(22, new Message().strings(1, [s.type]));
  if (s.items) m.message(23, new Message().message(1, schema(s.items)));
  for (const sub of s.allOf ?? []) m.message(24, schema(sub));
  if (s.properties) {
    const props = new Message();
    for (const [k, v] of Object.entries(s.properties as Json))
      props.message(1, new Message().string(1, k).message(2, schema(v)));
    m.message(25, props);
  }
  return vendorExtensions(m, 31, s);
}

function parameter(p: Json): Message {
  if (p.in === 'body') {
    const body = new Message()
      .string(1, p.description)
      .string(2, p.name)
      .string(3, p.in)
      .bool(4, p.required)
      .message(5, schema(p.schema ?? {}));
    return new Message().message(1, new Message().message(1, body));
  }
  const sub = new Message().bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name);
  // Query (3) and path (4) sub-schemas number `type` and `unique_items` differently.
  const nonBody =
    p.in === 'path'
      ? new Message().message(4, sub.string(5, p.type).bool(19, p.uniqueItems))
      : new Message().message(3, sub.string(6, p.type).bool(20, p.uniqueItems));
  return new Message().message(1, new Message().message(2, nonBody));
}

function operation(op: Json): Message {
  const m = new Message()
    .strings(1, op.tags)
    .string(3, op.description)
    .string(5, op.operationId)
    .strings(6, op.produces)
    .strings(7, op.consumes);
  for (const p of op.parameters ?? []) m.message(8, parameter(p));
  const responses = new Message();
  for (const [code, r] of Object.entries((op.responses ?? {}) as Json)) {
    const response = new Message().string(1, r.description);
    if (r.schema) response.message(2, new Message().message(1, schema(r.schema)));
    responses.message(1, new Message().string(1, code).message(2, new Message().message(1, response)));
  }
  m.message(9, responses).strings(10, op.schemes);
  return vendorExtensions(m, 13, op);
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

export function swaggerProtobuf(doc: Json): Buffer {
  const paths = new Message();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    const pathItem = new Message();
    for (const [method, field] of Object.entries(METHOD_FIELDS))
      if (item[method]) pathItem.message(field, operation(item[method]));
    for (const p of item.parameters ?? []) pathItem.message(9, parameter(p));
    paths.message(2, new Message().string(1, path).message(2, pathItem));
  }
  const definitions = new Message();
  for (const [name, s] of Object.entries((doc.definitions ?? {}) as Json))
    definitions.message(1, new Message().string(1, name).message(2, schema(s)));
  return new Message()
    .string(1, doc.swagger)
    .message(2, new Message().string(1, doc.info?.title).string(2, doc.info?.version))
    .message(8, paths)
    .message(9, definitions)
    .encode();
}
