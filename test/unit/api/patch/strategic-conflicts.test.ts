// MergingMapsHaveConflicts (apimachinery strategicpatch), which `apply --overwrite=false` uses:
// same field changed to different values, directives, merging and non-merging lists.
import { describe, expect, it } from 'vitest';
import { structSchema } from '../../../../src/api/patch/schema.js';
import { mergingMapsHaveConflicts } from '../../../../src/api/patch/strategic-conflicts.js';

const pod = structSchema('Pod');

describe('mergingMapsHaveConflicts', () => {
  it.each([
    ['different scalars', { a: 1 }, { a: 2 }, true],
    ['equal scalars', { a: 1 }, { a: 1 }, false],
    ['disjoint keys', { a: 1 }, { b: 2 }, false],
    ['map against scalar', { a: { b: 1 } }, { a: 1 }, true],
    ['nested difference', { spec: { x: { y: 1 } } }, { spec: { x: { y: 2 } } }, true],
    ['one side with a directive', { a: { $patch: 'replace', b: 1 } }, { a: { b: 1 } }, true],
    ['same directives', { a: { $patch: 'replace', b: 1 } }, { a: { $patch: 'replace', c: 1 } }, false],
    ['non-merging lists of other lengths', { l: [1, 2] }, { l: [1] }, true],
    ['non-merging scalar lists in another order', { l: [2, 1] }, { l: [1, 2] }, false],
  ])('%s', (_name, left, right, want) => {
    expect(mergingMapsHaveConflicts(left, right, structSchema('ConfigMap'))).toBe(want);
  });

  it('compares merging lists of maps by merge key', () => {
    const mine = { spec: { containers: [{ name: 'a', image: 'x:1' }] } };
    expect(mergingMapsHaveConflicts(mine, { spec: { containers: [{ name: 'b', image: 'y' }] } }, pod)).toBe(
      false,
    );
    expect(mergingMapsHaveConflicts(mine, { spec: { containers: [{ name: 'a', image: 'x:2' }] } }, pod)).toBe(
      true,
    );
  });
});
