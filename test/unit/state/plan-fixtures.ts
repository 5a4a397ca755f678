// Stored objects the plan tables start from; each table mutates a fresh copy.
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';

export const CM = lookupKind('configmaps')!;
export const DEPLOY = lookupKind('deployments')!;
export const NOW = new Date('2026-11-22T06:50:04.123Z');

/** A stored pod: bound to the node, running, at resourceVersion 10. */
export function storedPod(mutate: (p: KObject) => void = () => undefined): KObject {
  const p: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'u-1',
      resourceVersion: '10',
      generation: 1,
      creationTimestamp: '2026-11-22T06:00:00Z',
      labels: { app: 'web' },
    },
    spec: { nodeName: 'laptop', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running' },
  };
  mutate(p);
  return p;
}

export function storedDeployment(mutate: (d: KObject) => void = () => undefined): KObject {
  const d: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u-2', resourceVersion: '7', generation: 3 },
    spec: { replicas: 1 },
    status: { observedGeneration: 3, replicas: 1 },
  };
  mutate(d);
  return d;
}
