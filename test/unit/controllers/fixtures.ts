// Small builders for controller tests: pods in a given state, and sets.
import type { KObject } from '../../../src/api/types.js';

export const T0 = Date.parse('2025-06-01T12:00:00Z');
export const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export interface PodState {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  /** When the pod became ready. */
  readySince?: number;
  restarts?: number;
  created?: number;
  terminating?: boolean;
  labels?: Record<string, string>;
  ownerUid?: string;
}

export function pod(s: PodState): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'default',
      uid: `uid-${s.name}`,
      creationTimestamp: iso(s.created ?? T0),
      labels: s.labels ?? { app: 'web' },
      ...(s.terminating ? { deletionTimestamp: iso(T0) } : {}),
      ...(s.ownerUid
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: s.ownerUid, controller: true },
            ],
          }
        : {}),
    },
    spec: { nodeName: s.node ?? 'node', containers: [{ name: 'c', image: 'busybox' }] },
    status: {
      phase: s.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: s.ready === false ? 'False' : 'True',
          lastTransitionTime: iso(s.readySince ?? s.created ?? T0),
        },
      ],
      containerStatuses: [{ name: 'c', restartCount: s.restarts ?? 0 }],
    },
  };
}

export const names = (pods: KObject[]) => pods.map((p) => p.metadata.name);
