import { describe, expect, it } from 'vitest';
import { alreadyTainted, parseTaintSpecs, reorganizeTaints } from '../../../src/commands/node/taint-spec.js';

const now = () => '2026-01-01T00:00:00Z';

describe('parseTaintSpecs', () => {
  it('parses additions and removals as kubectl taint does', () => {
    expect(
      parseTaintSpecs(['dedicated=gpu:NoSchedule', 'maint:NoExecute', 'old:NoSchedule-', 'gone-'], now),
    ).toEqual({
      add: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'maint', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
      ],
      remove: [{ key: 'old', effect: 'NoSchedule' }, { key: 'gone' }],
    });
  });
  it('refuses an unknown effect, a spec without one, and duplicates', () => {
    expect(() => parseTaintSpecs(['k=v:Sometimes'], now)).toThrow(
      'invalid taint spec: k=v:Sometimes, invalid taint effect: Sometimes, unsupported taint effect',
    );
    expect(() => parseTaintSpecs(['k=v'], now)).toThrow('invalid taint spec: k=v');
    expect(() => parseTaintSpecs(['k=a:NoSchedule', 'k=b:NoSchedule'], now)).toThrow(
      'duplicated taints with the same key and effect: k=b:NoSchedule',
    );
  });
});

describe('reorganizeTaints', () => {
  const gpu = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it('adding is "tainted"', () => {
    expect(reorganizeTaints([], { add: [gpu], remove: [] }, false)).toEqual({
      taints: [gpu],
      operation: 'tainted',
      errors: [],
    });
  });
  it('removing is "untainted"; a missing taint is an error', () => {
    expect(
      reorganizeTaints([gpu], { add: [], remove: [{ key: 'dedicated', effect: 'NoSchedule' }] }, false),
    ).toEqual({
      taints: [],
      operation: 'untainted',
      errors: [],
    });
    expect(reorganizeTaints([], { add: [], remove: [{ key: 'x' } as never] }, false).errors).toEqual([
      'taint "x" not found',
    ]);
  });
  it('--overwrite replaces the same key and effect and is "modified"', () => {
    const cpu = { ...gpu, value: 'cpu' };
    expect(reorganizeTaints([gpu], { add: [cpu], remove: [] }, true)).toEqual({
      taints: [cpu],
      operation: 'modified',
      errors: [],
    });
    expect(alreadyTainted([gpu], [cpu])).toEqual(['dedicated']);
  });
});
