import { describe, expect, it } from 'vitest';
import {
  LAST_APPLIED,
  lastAppliedOf,
  sameIgnoringStatus,
  withLastApplied,
} from '../../../src/api/apply-merge.js';
// The strategic three-way merge kubectl's client-side apply computes (list semantics from the
// schema's patch strategies, covered by Kubernetes' own tables in patch/strategic-k8s.test.ts).
import { computeApplied } from '../../../src/api/patch/apply-strategic.js';
import type { KObject } from '../../../src/api/types.js';

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
