// JSON patch cases; the error texts were checked against `kubectl patch --local --type json`
// (the same library the API server uses).
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../../../../src/api/patch/json-patch.js';
import type { Json } from '../../../../src/api/patch/json-value.js';

const pod = () => ({
  metadata: { name: 'p', finalizers: ['a', 'b'] },
  spec: { containers: [{ name: 'app' }, { name: 'side' }] },
});

const run = (doc: Json, ops: Json): Json => applyJsonPatch(doc, decodeJsonPatch(ops));

describe('applyJsonPatch', () => {
  const cases: Array<[string, Json, Json]> = [
    [
      'adds, replaces through ~1, copies, appends with -, moves to a negative index and tests a missing value against null',
      [
        { op: 'add', path: '/metadata/labels', value: { 'a/b': '1' } },
        { op: 'replace', path: '/metadata/labels/a~1b', value: '2' },
        { op: 'copy', from: '/metadata/name', path: '/metadata/labels/n' },
        { op: 'add', path: '/spec/containers/-', value: { name: 'z' } },
        { op: 'move', from: '/spec/containers/0', path: '/spec/containers/-1' },
        { op: 'test', path: '/metadata/nothing', value: null },
      ],
      {
        metadata: { name: 'p', finalizers: ['a', 'b'], labels: { 'a/b': '2', n: 'p' } },
        spec: { containers: [{ name: 'side' }, { name: 'z' }, { name: 'app' }] },
      },
    ],
    [
      'inserts at an index, removes by a negative index and unescapes ~0',
      [
        { op: 'add', path: '/metadata/finalizers/1', value: 'x' },
        { op: 'remove', path: '/metadata/finalizers/-1' },
        { op: 'add', path: '/metadata/a~0b', value: 1 },
        { op: 'test', path: '/metadata/finalizers', value: ['a', 'x'] },
      ],
      {
        metadata: { name: 'p', finalizers: ['a', 'x'], 'a~b': 1 },
        spec: { containers: [{ name: 'app' }, { name: 'side' }] },
      },
    ],
    [
      'replaces an absent map key as an add, and ignores a whole-document replace by a scalar (v4.12)',
      [
        { op: 'replace', path: '/metadata/newkey', value: 'v' },
        { op: 'replace', path: '', value: 5 },
      ],
      {
        metadata: { name: 'p', finalizers: ['a', 'b'], newkey: 'v' },
        spec: { containers: [{ name: 'app' }, { name: 'side' }] },
      },
    ],
    ['replaces the whole document', [{ op: 'replace', path: '', value: { kind: 'X' } }], { kind: 'X' }],
    ['applies nothing for a null patch', null, pod()],
  ];
  for (const [name, ops, expected] of cases) {
    it(name, () => {
      const doc = pod();
      expect(run(doc, ops)).toEqual(expected);
      expect(doc).toEqual(pod());
    });
  }

  const errors: Array<[Json, string, boolean]> = [
    [
      [{ op: 'test', path: '/metadata/name', value: 'x' }],
      'testing value /metadata/name failed: test failed',
      false,
    ],
    [
      [{ op: 'remove', path: '/metadata/nope' }],
      "error in remove for path: '/metadata/nope': Unable to remove nonexistent key: nope: missing value",
      false,
    ],
    [
      [{ op: 'replace', path: '/spec/containers/5/image', value: 'x' }],
      'replace operation does not apply: doc is missing path: /spec/containers/5/image: missing value',
      false,
    ],
    [
      [{ op: 'replace', path: '/spec/containers/5', value: 'x' }],
      'replace operation does not apply: doc is missing key: /spec/containers/5: missing value',
      false,
    ],
    [
      [{ op: 'add', path: '/spec/containers/x', value: {} }],
      `error in add for path: '/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
      false,
    ],
    [
      [{ op: 'add', path: '/spec/containers/3', value: {} }],
      "error in add for path: '/spec/containers/3': Unable to access invalid index: 3: invalid index referenced",
      false,
    ],
    [
      [{ op: 'add', path: '/a/b', value: 1 }],
      'add operation does not apply: doc is missing path: "/a/b": missing value',
      false,
    ],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value', false],
    [
      [{ op: 'replace', path: 5, value: 1 }],
      'replace operation failed to decode path: json: cannot unmarshal number into Go value of type string',
      false,
    ],
    [
      [{ op: 'move', from: '/metadata/zz', path: '/metadata/y' }],
      "error in move for path: 'zz': Unable to remove nonexistent key: zz: missing value",
      false,
    ],
    [
      [{ op: 'move', path: '/metadata/y' }],
      'move operation failed to decode from: operation, missing from field: missing value',
      false,
    ],
    [
      [{ op: 'copy', from: '/spec/containers/0', path: '/nope/x' }],
      'copy operation does not apply: doc is missing destination path: /nope/x: missing value',
      false,
    ],
    [
      [{ op: 'remove', path: '/spec/containers/-' }],
      `error in remove for path: '/spec/containers/-': strconv.Atoi: parsing "-": invalid syntax`,
      false,
    ],
    [
      [{ op: 'test', path: '/spec/containers/9', value: 1 }],
      "error in test for path: '/spec/containers/9': Unable to access invalid index: 9: invalid index referenced",
      false,
    ],
    [[{ op: 'test', path: '/metadata/name' }], 'testing value /metadata/name failed: test failed', false],
    [[{ op: 'bogus', path: '/a' }], 'Unexpected kind: bogus', false],
    [[null], 'Unexpected kind: unknown', false],
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch', true],
    [['add'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation', true],
  ];
  for (const [ops, message, decode] of errors) {
    it(`fails with: ${message}`, () => {
      let caught: unknown;
      try {
        run(pod(), ops);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(JsonPatchError);
      expect({
        message: (caught as JsonPatchError).message,
        decode: (caught as JsonPatchError).decode,
      }).toEqual({
        message,
        decode,
      });
    });
  }
});
