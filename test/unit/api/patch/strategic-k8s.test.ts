// Kubernetes' own strategic merge patch tables (see the fixture's header), run against mkube's
// implementation with the tables' MergeItem schema. Each case asserts the whole two-way patch,
// the whole three-way patch and the whole object each patch produces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonMap } from '../../../../src/api/patch/json-value.js';
import { OPAQUE, type PatchMeta, type PatchSchema } from '../../../../src/api/patch/schema.js';
import { threeWayWithSchema, twoWayWithSchema } from '../../../../src/api/patch/strategic-diff.js';
import { strategicMergeWithSchema } from '../../../../src/api/patch/strategic-merge.js';

interface RawCase {
  description: string;
  original: JsonMap;
  twoWay: JsonMap;
  modified: JsonMap;
  current?: JsonMap;
  threeWay?: JsonMap;
  result?: JsonMap;
  twoWayResult?: JsonMap;
  expectedError?: string;
}

const tables = parse(
  readFileSync(join(import.meta.dirname, 'fixtures/strategicpatch-raw-cases.yaml'), 'utf8'),
) as {
  raw: RawCase[];
  custom: RawCase[];
};

type Field = Partial<PatchMeta> & { type?: string };
/** patch_test.go's MergeItem and RetainKeysMergeItem, as their Go struct tags declare them. */
const TYPES: Record<string, Record<string, Field>> = {
  MergeItem: {
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
    mergingIntList: { strategy: 'merge' },
    mergeItemPtr: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { retainKeys: true, type: 'RetainKeysMergeItem' },
    retainKeysMergingList: { strategy: 'merge', retainKeys: true, mergeKey: 'name', type: 'MergeItem' },
  },
  RetainKeysMergeItem: {
    mergingIntList: { strategy: 'merge' },
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
  },
};

function testSchema(type: string): PatchSchema {
  return {
    name: 'struct',
    lookup(field) {
      const f = TYPES[type]?.[field] ?? {};
      const meta: PatchMeta = {
        strategy: f.strategy,
        retainKeys: f.retainKeys ?? false,
        mergeKey: f.mergeKey,
      };
      return { meta, schema: f.type ? testSchema(f.type) : OPAQUE };
    },
  };
}
const schema = testSchema('MergeItem');

describe('strategic merge patch: Kubernetes strategicMergePatchRawTestCases', () => {
  for (const c of tables.raw) {
    it(`${c.description} (two-way)`, () => {
      const patch = twoWayWithSchema(c.original, c.modified, schema);
      expect(patch).toEqual(c.twoWay);
      if (c.expectedError) {
        expect(() => strategicMergeWithSchema(c.original, patch, schema)).toThrow(c.expectedError);
        return;
      }
      expect(strategicMergeWithSchema(c.original, patch, schema)).toEqual(c.twoWayResult ?? c.modified);
    });
    it(`${c.description} (three-way)`, () => {
      const patch = threeWayWithSchema(c.original, c.modified, c.current ?? {}, schema);
      expect(patch).toEqual(c.threeWay);
      if (c.expectedError) {
        expect(() => strategicMergeWithSchema(c.current ?? {}, patch, schema)).toThrow(c.expectedError);
        return;
      }
      expect(strategicMergeWithSchema(c.current ?? {}, patch, schema)).toEqual(c.result);
    });
  }
});

describe('strategic merge patch: Kubernetes customStrategicMergePatchRawTestCases', () => {
  for (const c of tables.custom) {
    it(c.description, () => {
      if (c.expectedError) {
        expect(() => strategicMergeWithSchema(c.original, c.twoWay, schema)).toThrow(c.expectedError);
        return;
      }
      expect(strategicMergeWithSchema(c.original, c.twoWay, schema)).toEqual(c.twoWayResult ?? c.modified);
    });
  }
});
