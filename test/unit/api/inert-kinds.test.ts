import { describe, expect, it } from 'vitest';
import { INERT_KINDS, inertKindWarning } from '../../../src/api/inert-kinds.js';
import { KINDS } from '../../../src/api/kinds.js';

describe('the warning for kinds nothing acts on yet', () => {
  it('covers exactly the stored kinds without a controller or consumer', () =>
    expect(Object.fromEntries(KINDS.map((k) => [k.kind, inertKindWarning(k) ?? null]))).toEqual({
      Binding: 'mkube stores Binding objects but does not act on them yet',
      ComponentStatus: null,
      ConfigMap: null,
      EndpointSlice: null,
      Endpoints: null,
      Event: null,
      LimitRange: 'mkube stores LimitRange objects but does not act on them yet',
      Namespace: null,
      Node: null,
      PersistentVolumeClaim: null,
      PersistentVolume: null,
      Pod: null,
      PodTemplate: 'mkube stores PodTemplate objects but does not act on them yet',
      ReplicationController: null,
      ResourceQuota: 'mkube stores ResourceQuota objects but does not act on them yet',
      Secret: null,
      ServiceAccount: null,
      Service: null,
      ControllerRevision: null,
      DaemonSet: null,
      Deployment: null,
      ReplicaSet: null,
      StatefulSet: null,
      HorizontalPodAutoscaler: null,
      CronJob: null,
      Job: null,
      Lease: null,
      IngressClass: null,
      Ingress: null,
      NetworkPolicy: 'mkube stores NetworkPolicy objects but does not act on them yet',
      PodDisruptionBudget: null,
      StorageClass: null,
    }));

  it('names only kinds mkube knows', () =>
    expect([...INERT_KINDS].filter((kind) => !KINDS.some((k) => k.kind === kind))).toEqual([]));
});
