import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/api/patch/json-value.js';
import { jsonMergePatch, MergePatchError } from '../../../../src/api/patch/merge.js';

describe('jsonMergePatch', () => {
  const cases: Array<[string, Json, Json, Json]> = [
    [
      'merges maps and replaces scalars',
      { a: 1, m: { x: 1, y: 2 } },
      { a: 2, m: { y: 3 } },
      { a: 2, m: { x: 1, y: 3 } },
    ],
    [
      'deletes a key set to null, and ignores a null for an absent key',
      { a: 1, b: 2 },
      { a: null, c: null },
      { b: 2 },
    ],
    ['replaces lists whole', { l: [1, 2, 3] }, { l: [4] }, { l: [4] }],
    [
      'drops nulls from the maps of a value that is set whole, keeping null list items',
      { l: [1], s: 'x' },
      { l: [{ a: null, b: 1 }, null], s: { k: null, v: 2 } },
      { l: [{ b: 1 }, null], s: { v: 2 } },
    ],
    ['replaces a map by a scalar', { m: { x: 1 } }, { m: 'v' }, { m: 'v' }],
    ['returns a list patch as the document', { a: 1 }, [{ a: null }, 2], [{}, 2]],
    ['returns the patch over a document that is not a map', [1, 2], { a: null, b: 1 }, { b: 1 }],
    ['changes nothing for an empty patch', { a: { b: [1] } }, {}, { a: { b: [1] } }],
  ];
  for (const [name, original, patch, expected] of cases) {
    it(name, () => {
      const before = structuredClone(original);
      expect(jsonMergePatch(original, patch)).toEqual(expected);
      expect(original).toEqual(before);
    });
  }

  const errors: Array<[string, Json, Json, string]> = [
    ['a null patch', { a: 1 }, null, 'Invalid JSON Patch'],
    ['a scalar patch', { a: 1 }, 5, 'Invalid JSON Patch'],
    ['a null document', null, { a: 1 }, 'Invalid JSON Document'],
  ];
  for (const [name, original, patch, message] of errors) {
    it(`rejects ${name}: ${message}`, () => {
      expect(() => jsonMergePatch(original, patch)).toThrow(MergePatchError);
      expect(() => jsonMergePatch(original, patch)).toThrow(message);
    });
  }
});
