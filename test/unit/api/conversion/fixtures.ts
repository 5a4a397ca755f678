// Minimal manifests for the conversion tables: one base per kind, changed by small mutators.
import type { KObject } from '../../../../src/api/types.js';

export const TEMPLATE = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
};

/** A workload manifest with only a pod template (what the old versions let one write). */
export function workload(apiVersion: string, kind: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion,
    kind,
    metadata: { name: 'web' },
    spec: { template: structuredClone(TEMPLATE), ...spec },
  };
}

/** The same object, with `edit` applied to a copy. */
export function withChange(obj: KObject, edit: (o: any) => void): KObject {
  const copy = structuredClone(obj);
  edit(copy);
  return copy;
}
