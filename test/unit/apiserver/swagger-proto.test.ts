// The protobuf encoding of the Swagger document, byte for byte on a small document (kubectl
// decoding the whole one is in explain-kubectl.test.ts).
import { describe, expect, it } from 'vitest';
import { swaggerProtobuf } from '../../../src/apiserver/openapi/swagger-proto.js';

describe('swaggerProtobuf', () => {
  it('encodes the document, its definitions and their vendor extensions as gnostic messages', () => {
    const bytes = swaggerProtobuf({
      swagger: '2.0',
      info: { title: 'K', version: 'v1' },
      definitions: { A: { type: 'object', required: ['x'], 'x-k': 1 } },
    });
    const schema = Buffer.from([
      ...[0x9a, 0x01, 0x01, 0x78], // required (19): "x"
      ...[0xb2, 0x01, 0x08, 0x0a, 0x06, ...Buffer.from('object')], // type (22): TypeItem{value: "object"}
      // vendor_extension (31): NamedAny{name: "x-k", value: Any{yaml: "1\n"}} (JSON is YAML)
      ...[0xfa, 0x01, 0x0b, 0x0a, 0x03, ...Buffer.from('x-k'), 0x12, 0x04, 0x12, 0x02, 0x31, 0x0a],
    ]);
    expect(bytes).toEqual(
      Buffer.from([
        ...[0x0a, 0x03, ...Buffer.from('2.0')],
        ...[0x12, 0x07, 0x0a, 0x01, 0x4b, 0x12, 0x02, ...Buffer.from('v1')],
        ...[0x42, 0x00], // paths (8), empty
        ...[
          0x4a,
          schema.length + 7,
          0x0a,
          schema.length + 5,
          0x0a,
          0x01,
          0x41,
          0x12,
          schema.length,
          ...schema,
        ],
      ]),
    );
  });
});
