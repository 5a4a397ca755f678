// Canonical JSON and spec hashes: the same for equal values whatever their key order, computed
// once for the informer cache's frozen objects, and always afresh for objects that may change.
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOf } from '../../../src/kubelet/hash.js';
import { deepFreeze } from '../../../src/registry/deep-freeze.js';

describe('canonicalJson and hashOf', () => {
  it('sort keys and drop undefined, for frozen and unfrozen values alike', () => {
    const loose = { b: [{ y: 1, x: undefined }, 'z'], a: null };
    const frozen = deepFreeze({ a: null, b: [{ x: undefined, y: 1 }, 'z'] });
    expect(canonicalJson(loose)).toBe('{"a":null,"b":[{"y":1},"z"]}');
    expect(canonicalJson(frozen)).toBe('{"a":null,"b":[{"y":1},"z"]}');
    expect(canonicalJson(frozen)).toBe('{"a":null,"b":[{"y":1},"z"]}');
    expect(hashOf(frozen)).toBe(hashOf(loose));
    expect(hashOf(frozen)).toBe(hashOf(structuredClone(loose)));
  });
  it('see every change of an object that is not frozen', () => {
    const container: Record<string, unknown> = { name: 'c', image: 'a' };
    const before = [canonicalJson(container), hashOf(container)];
    container.image = 'b';
    expect([canonicalJson(container), hashOf(container)]).toEqual([
      '{"image":"b","name":"c"}',
      hashOf({ name: 'c', image: 'b' }),
    ]);
    expect(before[0]).toBe('{"image":"a","name":"c"}');
    expect(before[1]).not.toBe(hashOf(container));
  });
});
