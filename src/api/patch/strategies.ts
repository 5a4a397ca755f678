// The strategic-merge-patch metadata of the Kubernetes types mkube knows: for each Go struct, the
// fields whose Go tags carry `patchStrategy` (and `patchMergeKey`). kubernetes-types' .d.ts files
// do not carry these, so they are taken from the struct tags in k8s.io/api (core, apps, batch,
// networking, storage v1 at 10b39a39) and k8s.io/apimachinery meta/v1 (at eed236ce), for the
// struct names and fields of src/api/schema/fields.gen.ts (Go's EphemeralContainerCommon is
// EphemeralContainer; fields newer than that schema are left out).
// Every field not listed here is a plain field: maps merge key by key, lists are replaced whole.
// Note: topologySpreadConstraints merge by topologyKey alone (whenUnsatisfiable is a list-map key
// for server-side apply only), as Kubernetes' strategic merge does.

/** `merge` lists merge item by item (by mergeKey, or as sets of scalars); `retainKeys` clears
 * the keys a patch's `$retainKeys` does not name; `replace` swaps a map whole. */
export type PatchStrategy = 'merge' | 'retainKeys' | 'merge,retainKeys' | 'replace';

export interface FieldPatchMeta {
  strategy: PatchStrategy;
  mergeKey?: string;
}

export const PATCH_STRATEGIES: Record<string, Record<string, FieldPatchMeta>> = {
  ComponentStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  Container: {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  },
  ContainerStatus: {
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  },
  DaemonSetStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  DeploymentSpec: {
    strategy: { strategy: 'retainKeys' },
  },
  DeploymentStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  EphemeralContainer: {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  },
  JobStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  NamespaceStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  NodeSpec: {
    podCIDRs: { strategy: 'merge' },
  },
  NodeStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
    addresses: { strategy: 'merge', mergeKey: 'type' },
  },
  ObjectMeta: {
    ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
    finalizers: { strategy: 'merge' },
  },
  PersistentVolumeClaimStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: { strategy: 'merge', mergeKey: 'name' },
    containers: { strategy: 'merge', mergeKey: 'name' },
    ephemeralContainers: { strategy: 'merge', mergeKey: 'name' },
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
    hostAliases: { strategy: 'merge', mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
    schedulingGates: { strategy: 'merge', mergeKey: 'name' },
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  PodStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
    hostIPs: { strategy: 'merge', mergeKey: 'ip' },
    podIPs: { strategy: 'merge', mergeKey: 'ip' },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  ReplicaSetStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  ReplicationControllerStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  ServiceAccount: {
    secrets: { strategy: 'merge', mergeKey: 'name' },
  },
  ServiceSpec: {
    ports: { strategy: 'merge', mergeKey: 'port' },
  },
  ServiceStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  StatefulSetStatus: {
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
};
