// A StatefulSet pod's stable identity (`stateful_set_utils.go`): name `<set>-<ordinal>`,
// hostname = name, subdomain = serviceName, the pod-name and pod-index labels, the revision
// label, and one PersistentVolumeClaim per volumeClaimTemplate named `<template>-<set>-<ordinal>`,
// mounted through a `persistentVolumeClaim` volume named after the template.
import type { KObject } from '../../api/types.js';
import { CONTROLLER_REVISION_HASH, POD_INDEX, STATEFULSET_POD_NAME } from '../../api/well-known.js';
import { podFromTemplate } from '../common/template.js';

export const POD_NAME_LABEL = STATEFULSET_POD_NAME;
export const POD_INDEX_LABEL = POD_INDEX;
/** `apps.StatefulSetRevisionLabel`: the name of the pod's ControllerRevision. */
export const REVISION_LABEL = CONTROLLER_REVISION_HASH;

const ORDINAL = /^(.*)-([0-9]+)$/;

/** `getParentNameAndOrdinal`: ordinal -1 when the name has none. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = ORDINAL.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  return Number.isSafeInteger(ordinal) ? { parent: m[1]!, ordinal } : { parent: '', ordinal: -1 };
}

export const ordinalOf = (pod: KObject): number => parentAndOrdinal(pod.metadata.name ?? '').ordinal;

/** `isMemberOf`: the pod's name says it belongs to this set. */
export const isMemberOf = (set: KObject, pod: KObject): boolean =>
  parentAndOrdinal(pod.metadata.name ?? '').parent === set.metadata.name;

export const podName = (set: KObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export const startOrdinal = (set: KObject): number => set.spec?.ordinals?.start ?? 0;

export const replicasOf = (set: KObject): number => set.spec?.replicas ?? 1;

export const podRevision = (pod: KObject | undefined): string | undefined =>
  pod?.metadata.labels?.[REVISION_LABEL];

export const claimName = (template: string, set: KObject, ordinal: number): string =>
  `${template}-${set.metadata.name}-${ordinal}`;

/** An ownerReference from a claim to `owner`, so the garbage collector removes it with the owner. */
export const claimOwnerRef = (owner: KObject) => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name!,
  uid: owner.metadata.uid!,
  blockOwnerDeletion: true,
});

/**
 * `getPersistentVolumeClaims`: the claims pod `ordinal` needs, labelled with the set's
 * matchLabels; owned by the set when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete.
 */
export function claimsFor(set: KObject, ordinal: number): KObject[] {
  const matchLabels: Record<string, string> = set.spec?.selector?.matchLabels ?? {};
  const owned = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
  return (set.spec?.volumeClaimTemplates ?? []).map((t: KObject) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(t.metadata?.name ?? '', set, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...t.metadata?.labels, ...matchLabels },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ...(owned ? { ownerReferences: [claimOwnerRef(set)] } : {}),
    },
    spec: structuredClone(t.spec ?? {}),
  }));
}

/** `updateStorage`: one persistentVolumeClaim volume per claim template, replacing same-named ones. */
function withClaimVolumes(
  set: KObject,
  ordinal: number,
  volumes: { name: string }[] = [],
): { name: string }[] {
  const templates: string[] = (set.spec?.volumeClaimTemplates ?? []).map((t: KObject) => t.metadata?.name);
  const claims = templates.map((name) => ({
    name,
    persistentVolumeClaim: { claimName: claimName(name, set, ordinal) },
  }));
  return [...claims, ...volumes.filter((v) => !templates.includes(v.name))];
}

/** `identityMatches`: name, namespace and pod-name label are what the ordinal says. */
export function identityMatches(set: KObject, pod: KObject): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** `newVersionedStatefulSetPod` for an already-chosen revision: the pod to create at `ordinal`. */
export function newStatefulSetPod(set: KObject, ordinal: number, revisionName: string): KObject {
  const pod = podFromTemplate(set, set.spec?.template);
  const name = podName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [REVISION_LABEL]: revisionName,
  };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const volumes = withClaimVolumes(set, ordinal, pod.spec.volumes);
  if (volumes.length) pod.spec.volumes = volumes;
  return pod;
}
