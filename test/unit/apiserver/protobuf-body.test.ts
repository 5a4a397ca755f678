// The protobuf bodies kubectl's typed clients send, decoded, against the JSON kubectl itself
// prints for the same command with --dry-run=client -o json (fixtures captured from the real
// kubectl by scripts/capture-protobuf-fixtures.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProtobufBody } from '../../../src/apiserver/rest/protobuf-body.js';

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
