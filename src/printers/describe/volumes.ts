// The Volumes block of `describe pod` (describeVolumes and the print*VolumeSource helpers for
// the sources mkube runs).
import { canonicalQuantity } from '../../api/quantity.js';
import type { Writer } from './writer.js';

/** Go's %v of a *bool: `<nil>` when unset. */
const ptrBool = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

function describeSource(v: any, w: Writer): void {
  if (v.hostPath) {
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`,
    );
  } else if (v.emptyDir) {
    const size =
      v.emptyDir.sizeLimit && canonicalQuantity(v.emptyDir.sizeLimit) !== '0'
        ? canonicalQuantity(v.emptyDir.sizeLimit)
        : '<unset>';
    w.write(
      2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`,
    );
  } else if (v.secret) {
    w.write(
      2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${!!v.secret.optional}\n`,
    );
  } else if (v.configMap) {
    w.write(
      2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${!!v.configMap.optional}\n`,
    );
  } else if (v.persistentVolumeClaim) {
    w.write(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`,
    );
  } else if (v.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret)
        w.write(2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${ptrBool(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap)
        w.write(
          2,
          `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${ptrBool(s.configMap.optional)}\n`,
        );
      else if (s.serviceAccountToken)
        w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
    }
  } else if (v.nfs) {
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${!!v.nfs.readOnly}\n`,
    );
  } else if (v.ephemeral) {
    w.write(
      2,
      'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
    );
  } else w.write(1, '<unknown>\n');
}

/** describeVolumes: `Volumes:  <none>` or one block per volume. */
export function describeVolumes(volumes: any[] | undefined, w: Writer, space = ''): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    describeSource(v, w);
  }
}
