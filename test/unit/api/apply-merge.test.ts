import { describe, expect, it } from 'vitest';
import {
  computeApplied,
  LAST_APPLIED,
  lastAppliedOf,
  merge3,
  sameIgnoringStatus,
  withLastApplied,
} from '../../../src/api/apply-merge.js';
import type { KObject } from '../../../src/api/types.js';

describe('merge3 (last-applied, manifest, live)', () => {
  const cases: Array<[string, unknown, unknown, unknown, unknown]> = [
    ['takes a changed value from the manifest', { a: 1 }, { a: 2 }, { a: 1 }, { a: 2 }],
    ['keeps fields others set', { a: 1 }, { a: 1 }, { a: 1, b: 9 }, { a: 1, b: 9 }],
    ['removes fields dropped from the manifest', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2 }, { a: 1 }],
    ['overrides a field someone else changed', { a: 1 }, { a: 1 }, { a: 5 }, { a: 1 }],
    ['deletes a field set to null in the manifest', {}, { a: null }, { a: 1 }, {}],
    [
      'replaces lists without a merge key',
      { args: ['a'] },
      { args: ['b'] },
      { args: ['a'] },
      { args: ['b'] },
    ],
    [
      'merges containers by name, keeping defaulted fields',
      { containers: [{ name: 'c', image: 'v1' }] },
      { containers: [{ name: 'c', image: 'v2' }] },
      { containers: [{ name: 'c', image: 'v1', imagePullPolicy: 'IfNotPresent' }] },
      { containers: [{ name: 'c', image: 'v2', imagePullPolicy: 'IfNotPresent' }] },
    ],
    [
      'drops a container removed from the manifest and keeps one added by others',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      { containers: [{ name: 'a' }] },
      { containers: [{ name: 'a' }, { name: 'b' }, { name: 'x' }] },
      { containers: [{ name: 'a' }, { name: 'x' }] },
    ],
    [
      'merges container ports by containerPort and service ports by port',
      { ports: [{ port: 80 }] },
      { ports: [{ port: 80, name: 'http' }] },
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
      { ports: [{ port: 80, name: 'http', protocol: 'TCP', targetPort: 80 }] },
    ],
    [
      'merges finalizers as a set',
      { finalizers: ['a'] },
      { finalizers: ['b'] },
      { finalizers: ['a', 'other'] },
      { finalizers: ['b', 'other'] },
    ],
  ];
  for (const [name, original, modified, live, want] of cases) {
    it(name, () => expect(merge3(original, modified, live)).toEqual(want));
  }
});

describe('last-applied configuration', () => {
  const manifest: KObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x' }] },
  };

  it('is sorted JSON with an empty annotations map and a newline, as kubectl writes it', () => {
    expect(lastAppliedOf(manifest)).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"p","namespace":"default"},"spec":{"containers":[{"image":"x","name":"c"}]}}\n',
    );
  });

  it('reports unchanged when the manifest is applied again over a defaulted live object', () => {
    const live: KObject = {
      ...withLastApplied(manifest),
      metadata: { ...withLastApplied(manifest).metadata, uid: 'u', resourceVersion: '3' },
      spec: { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Always' }], restartPolicy: 'Always' },
      status: { phase: 'Running' },
    };
    const next = computeApplied(manifest, live);
    expect(sameIgnoringStatus(next, live)).toBe(true);
  });

  it('records a new annotation and keeps status when the manifest changed', () => {
    const live: KObject = { ...withLastApplied(manifest), status: { phase: 'Running' } };
    const changed = { ...manifest, metadata: { ...manifest.metadata, labels: { a: 'b' } } };
    const next = computeApplied(changed, live);
    expect(next.metadata.labels).toEqual({ a: 'b' });
    expect(next.metadata.annotations?.[LAST_APPLIED]).toContain('"labels":{"a":"b"}');
    expect(next.status).toEqual({ phase: 'Running' });
    expect(sameIgnoringStatus(next, live)).toBe(false);
  });
});
