import { describe, expect, it } from 'vitest';
import { fromFieldsV1, members, pathText, toFieldsV1 } from '../../../../src/api/ssa/field-set.js';

describe('FieldsV1', () => {
  const v1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {} } },
      'f:finalizers': { 'v:"x"': {} },
    },
  };

  it('reads and writes the same tree; members are the leaves and the "." nodes', () => {
    const set = fromFieldsV1(v1);
    expect(toFieldsV1(set)).toEqual(v1);
    expect(members(set).map(pathText)).toEqual([
      '.metadata.labels',
      '.metadata.labels.app',
      '.spec.containers[name="app"]',
      '.spec.containers[name="app"].image',
      '.spec.finalizers[="x"]',
    ]);
  });
});
