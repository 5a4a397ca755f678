// `kubectl describe` for PersistentVolumes, PersistentVolumeClaims and StorageClasses
// (describe.go describePersistentVolume, describePersistentVolumeClaim, describeStorageClass,
// kubectl 1.32).
import { canonicalQuantity } from '../../api/quantity.js';
import { claimClass, isDefaultClass, podClaimNames, volumeClass } from '../../api/storage.js';
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { accessModesString } from '../tables/common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { rfc1123z } from './time.js';
import { PrefixWriter, type Writer } from './writer.js';

const finalizers = (obj: KObject) => `[${(obj.metadata.finalizers ?? []).join(' ')}]`;
const storage = (q: unknown) => (q === undefined || q === null ? '0' : canonicalQuantity(q));

function status(obj: KObject, now: number): string {
  return obj.metadata.deletionTimestamp
    ? `Terminating (lasts ${since(obj.metadata.deletionTimestamp, now)})`
    : (obj.status?.phase ?? '');
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
function formatLabels(map: Record<string, string> | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${map![k]}`).join(',') : '<none>';
}

function printNodeAffinity(w: Writer, affinity: any): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.write(0, '<none>\n');
    return;
  }
  w.write(0, '\n');
  w.write(1, 'Required Terms:\t');
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  w.write(0, '\n');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs: any[] = term.matchExpressions ?? [];
    if (reqs.length === 0) w.write(0, '<none>\n');
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = (req.values ?? []).length ? ` [${req.values.join(', ')}]` : '';
      w.write(0, `${req.key} ${String(req.operator).toLowerCase()}${values}\n`);
    });
  });
}

function printSource(w: Writer, spec: any): void {
  if (spec?.hostPath) {
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? ''}\n`,
    );
  } else if (spec?.local) {
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`,
    );
  } else {
    w.write(1, '<unknown>\n');
  }
}

export function describePersistentVolume(pv: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(pv)}\n`);
  w.write(0, `StorageClass:\t${volumeClass(pv)}\n`);
  w.write(0, `Status:\t${status(pv, now)}\n`);
  const ref = pv.spec?.claimRef;
  w.write(0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesString(pv.spec?.accessModes)}\n`);
  if (pv.spec?.volumeMode) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${storage(pv.spec?.capacity?.storage)}\n`);
  printNodeAffinity(w, pv.spec?.nodeAffinity);
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  printSource(w, pv.spec);
  describeEvents(events, w, now);
  return w.toString();
}

/** getPodsForPVC: pods whose volumes name the claim, then pods that own it (ephemeral volumes). */
export function podsUsingClaim(pvc: KObject, pods: readonly KObject[]): KObject[] {
  const users = pods.filter((p) =>
    (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
  );
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !users.includes(owner) && podClaimNames(owner).includes(pvc.metadata.name!))
      users.push(owner);
  }
  return users;
}

export function describePersistentVolumeClaim(
  pvc: KObject,
  pods: readonly KObject[],
  events: KObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(0, `Status:\t${status(pvc, now)}\n`);
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(pvc)}\n`);
  const bound = !!pvc.spec?.volumeName;
  w.write(0, `Capacity:\t${bound ? storage(pvc.status?.capacity?.storage) : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const ds = pvc.spec?.dataSource;
  if (ds) {
    w.write(0, 'DataSource:\n');
    if (ds.apiGroup) w.write(1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(1, `Kind:\t${ds.kind}\n`);
    w.write(1, `Name:\t${ds.name}\n`);
  }
  const users = podsUsingClaim(pvc, pods)
    .map((p) => p.metadata.name!)
    .sort();
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  users.forEach((name, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${name}\n`);
  });
  const conditions: any[] = pvc.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      const t = (s: unknown) => rfc1123z(Date.parse(String(s ?? '')) || Date.parse('0001-01-01T00:00:00Z'));
      w.write(
        1,
        `${c.type} \t${c.status} \t${t(c.lastProbeTime)} \t${t(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  describeEvents(events, w, now);
  return w.toString();
}

export function describeStorageClass(sc: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  const expansion = sc.allowVolumeExpansion;
  w.write(0, `AllowVolumeExpansion:\t${expansion === undefined ? 'Unset' : expansion ? 'True' : 'False'}\n`);
  const options: string[] = sc.mountOptions ?? [];
  if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of options) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.write(0, 'AllowedTopologies:\t');
    const terms: any[] = sc.allowedTopologies;
    if (terms.length === 0) w.write(0, '<none>\n');
    else {
      w.write(0, '\n');
      terms.forEach((term, i) => {
        w.write(1, `Term ${i}:\t`);
        const exprs: any[] = term.matchLabelExpressions ?? [];
        if (exprs.length === 0) w.write(0, '<none>\n');
        exprs.forEach((e, j) => {
          if (j !== 0) w.write(1, '\t');
          const values = (e.values ?? []).length ? ` [${e.values.join(', ')}]` : '';
          w.write(0, `${e.key} in${values}\n`);
        });
      });
    }
  }
  describeEvents(events, w, now);
  return w.toString();
}
