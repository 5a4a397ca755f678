// The protobuf bodies kubectl's typed clients send, decoded, against the JSON kubectl itself
// prints for the same command with --dry-run=client -o json (fixtures captured from the real
// kubectl by scripts/capture-protobuf-fixtures.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProtobufBody, UnknownProtobufKind } from '../../../src/apiserver/rest/protobuf-body.js';
import { goDuration } from '../../../src/apiserver/rest/protobuf-go-values.js';

const DIR = join(import.meta.dirname, 'fixtures/protobuf');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { command: string; body: string; json: unknown },
  );

describe('decodeProtobufBody against kubectl --dry-run=client -o json', () => {
  it.each(fixtures.map((f) => [f.command, f] as const))('%s', (_, fixture) => {
    expect(decodeProtobufBody(Buffer.from(fixture.body, 'hex'))).toStrictEqual(fixture.json);
  });
});

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('decodeProtobufBody of a TokenRequest (kubectl create token)', () => {
  it('reads an empty spec (kubectl create token default)', () => {
    const body =
      hex(`6b 38 73 00 0a 28 0a 18 61 75 74 68 65 6e 74 69 63 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 2f 76 31
      12 0c 54 6f 6b 65 6e 52 65 71 75 65 73 74 12 1a 0a 10 0a 00 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00
      12 00 1a 04 0a 00 12 00 1a 00 22 00`);
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: null, expirationSeconds: null, boundObjectRef: null },
      status: { token: '', expirationTimestamp: null },
    });
  });
  it('reads audiences, expiry and the bound object (--duration 20m --audience a --audience b --bound-object-*)', () => {
    const body =
      hex(`6b 38 73 00 0a 28 0a 18 61 75 74 68 65 6e 74 69 63 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 2f 76 31
      12 0c 54 6f 6b 65 6e 52 65 71 75 65 73 74 12 35 0a 10 0a 00 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00
      12 1b 0a 01 61 0a 01 62 1a 10 0a 03 50 6f 64 12 02 76 31 1a 01 70 22 02 75 31 20 b0 09 1a 04 0a 00 12 00
      1a 00 22 00`);
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: {
        audiences: ['a', 'b'],
        expirationSeconds: 1200,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p', uid: 'u1' },
      },
      status: { token: '', expirationTimestamp: null },
    });
  });
  it('refuses a body without the envelope', () => {
    expect(() => decodeProtobufBody(Buffer.from('{}'))).toThrow('not a Kubernetes protobuf envelope');
  });
});

describe('decodeProtobufBody of a DeleteOptions (kubectl drain --force --grace-period=0 --disable-eviction)', () => {
  it('keeps the zero grace period of a pointer field (captured from kubectl drain deleting a pod)', () => {
    const body = hex('6b3873000a130a02763112 0d 44656c6574654f7074696f6e73 12 02 0800 1a00 2200');
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 0,
    });
  });
});

// A protobuf writer for the cases kubectl has no command for.
const varint = (n: bigint): Buffer => {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return Buffer.from(out);
};
const num = (no: number, n: number) => Buffer.concat([varint(BigInt(no << 3)), varint(BigInt(n))]);
const len = (no: number, value: Buffer | string) => {
  const b = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([varint(BigInt((no << 3) | 2)), varint(BigInt(b.length)), b]);
};
const msg = (...fields: Buffer[]) => Buffer.concat(fields);
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([Buffer.from('k8s\0', 'latin1'), len(1, msg(len(1, apiVersion), len(2, kind))), len(2, raw)]);
const meta = (name: string) => len(1, msg(len(1, name)));

describe('decodeProtobufBody of the types with their own JSON', () => {
  it('writes Time in whole seconds, MicroTime in microseconds, zero times as null', () => {
    const body = envelope(
      'v1',
      'Event',
      msg(
        meta('e1'),
        len(3, 'Started'),
        len(6, msg(num(1, 1_700_000_000), num(2, 5))),
        num(8, 3),
        len(10, msg(num(1, 1_700_000_000), num(2, 123_456_789))),
      ),
    );
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: 'e1', creationTimestamp: null },
      involvedObject: {},
      reason: 'Started',
      source: {},
      firstTimestamp: '2023-11-14T22:13:20Z',
      lastTimestamp: null,
      count: 3,
      eventTime: '2023-11-14T22:13:20.123456Z',
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it('inlines RawExtension and FieldsV1 JSON, skips unknown fields, reads a negative int32', () => {
    const managed = msg(
      len(1, 'kubectl'),
      len(2, 'Update'),
      len(6, 'FieldsV1'),
      len(7, msg(len(1, '{"f:data":{}}'))),
    );
    const body = envelope(
      'apps/v1',
      'ControllerRevision',
      msg(
        len(1, msg(len(1, 'r1'), len(17, managed), len(99, 'unknown'))),
        len(2, msg(len(1, '{"spec":{"x":1}}'))),
        num(3, -1),
        len(42, 'skipped'),
      ),
    );
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: {
        name: 'r1',
        creationTimestamp: null,
        managedFields: [
          { manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } },
        ],
      },
      data: { spec: { x: 1 } },
      revision: -1,
    });
  });

  it('writes a map of named slices (UserInfo.extra) as arrays', () => {
    const extra = len(4, msg(len(1, 'scopes'), len(2, msg(len(1, 'x'), len(1, 'y')))));
    const body = envelope(
      'authentication.k8s.io/v1',
      'TokenReview',
      msg(meta('r'), len(2, msg(len(1, 't'))), len(3, msg(num(1, 1), len(2, msg(len(1, 'u'), extra))))),
    );
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: 'r', creationTimestamp: null },
      spec: { token: 't' },
      status: { authenticated: true, user: { username: 'u', extra: { scopes: ['x', 'y'] } } },
    });
  });

  // kubectl drain --grace-period=0 sends this Eviction in JSON, exactly as expected here.
  it('reads an Eviction as drain builds it (DeleteOptions with gracePeriodSeconds 0)', () => {
    const body = envelope(
      'policy/v1',
      'Eviction',
      msg(len(1, msg(len(1, 'web-0'), len(3, 'default'))), len(2, msg(num(1, 0)))),
    );
    expect(decodeProtobufBody(body)).toStrictEqual({
      kind: 'Eviction',
      apiVersion: 'policy/v1',
      metadata: { name: 'web-0', namespace: 'default', creationTimestamp: null },
      deleteOptions: { gracePeriodSeconds: 0 },
    });
  });

  it('keeps a map key named __proto__ as data, as JSON.parse does', () => {
    const entry = (k: string, v: string) => len(2, msg(len(1, k), len(2, v)));
    const decoded = decodeProtobufBody(
      envelope('v1', 'ConfigMap', msg(meta('c'), entry('__proto__', 'x'), entry('a', 'b'))),
    );
    expect(JSON.stringify(decoded)).toBe(
      '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"data":{"__proto__":"x","a":"b"}}',
    );
  });

  it('answers a kind without a message with UnknownProtobufKind', () => {
    expect(() => decodeProtobufBody(envelope('example.com/v1', 'Widget', msg()))).toThrow(
      UnknownProtobufKind,
    );
  });
});

describe('goDuration writes time.Duration.String()', () => {
  it.each([
    [0n, '0s'],
    [999n, '999ns'],
    [1_500n, '1.5µs'],
    [150_000_000n, '150ms'],
    [1_000_000_000n, '1s'],
    [90_500_000_000n, '1m30.5s'],
    [3_600_000_000_000n, '1h0m0s'],
    [-2_000_000_000n, '-2s'],
  ])('%s ns -> %s', (ns, text) => {
    expect(goDuration(ns)).toBe(text);
  });
});
