// The kinds registry: what `kubectl api-resources` would list for the kinds mkube knows.
// Every module resolves user words ("po", "deployments.apps", "Pod") through here.

export interface KindInfo {
  kind: string;
  /** Lower-case plural, the REST resource name: `pods`, `deployments`. */
  plural: string;
  singular: string;
  shortNames: string[];
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Verbs as api-resources prints them; kept for `-o wide`. */
  verbs?: string[];
}

const k = (
  kind: string,
  plural: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
): KindInfo => ({ kind, plural, singular: kind.toLowerCase(), shortNames, group, version, namespaced });

/** Ordered as `kubectl api-resources` orders them: core group first, then by group name. */
export const KINDS: readonly KindInfo[] = [
  k('Binding', 'bindings', '', 'v1', true),
  k('ComponentStatus', 'componentstatuses', '', 'v1', false, ['cs']),
  k('ConfigMap', 'configmaps', '', 'v1', true, ['cm']),
  k('Endpoints', 'endpoints', '', 'v1', true, ['ep']),
  k('Event', 'events', '', 'v1', true, ['ev']),
  k('LimitRange', 'limitranges', '', 'v1', true, ['limits']),
  k('Namespace', 'namespaces', '', 'v1', false, ['ns']),
  k('Node', 'nodes', '', 'v1', false, ['no']),
  k('PersistentVolumeClaim', 'persistentvolumeclaims', '', 'v1', true, ['pvc']),
  k('PersistentVolume', 'persistentvolumes', '', 'v1', false, ['pv']),
  k('Pod', 'pods', '', 'v1', true, ['po']),
  k('PodTemplate', 'podtemplates', '', 'v1', true),
  k('ReplicationController', 'replicationcontrollers', '', 'v1', true, ['rc']),
  k('ResourceQuota', 'resourcequotas', '', 'v1', true, ['quota']),
  k('Secret', 'secrets', '', 'v1', true),
  k('ServiceAccount', 'serviceaccounts', '', 'v1', true, ['sa']),
  k('Service', 'services', '', 'v1', true, ['svc']),
  k('ControllerRevision', 'controllerrevisions', 'apps', 'v1', true),
  k('DaemonSet', 'daemonsets', 'apps', 'v1', true, ['ds']),
  k('Deployment', 'deployments', 'apps', 'v1', true, ['deploy']),
  k('ReplicaSet', 'replicasets', 'apps', 'v1', true, ['rs']),
  k('StatefulSet', 'statefulsets', 'apps', 'v1', true, ['sts']),
  k('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', 'v2', true, ['hpa']),
  k('CronJob', 'cronjobs', 'batch', 'v1', true, ['cj']),
  k('Job', 'jobs', 'batch', 'v1', true),
  k('Lease', 'leases', 'coordination.k8s.io', 'v1', true),
  k('EndpointSlice', 'endpointslices', 'discovery.k8s.io', 'v1', true),
  k('IngressClass', 'ingressclasses', 'networking.k8s.io', 'v1', false),
  k('Ingress', 'ingresses', 'networking.k8s.io', 'v1', true, ['ing']),
  k('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', 'v1', true, ['netpol']),
  k('PodDisruptionBudget', 'poddisruptionbudgets', 'policy', 'v1', true, ['pdb']),
  k('StorageClass', 'storageclasses', 'storage.k8s.io', 'v1', false, ['sc']),
];

const byWord = new Map<string, KindInfo>();
for (const info of KINDS) {
  const qualified = info.group ? `.${info.group}` : '';
  for (const word of [info.plural, info.singular, info.kind.toLowerCase(), ...info.shortNames]) {
    if (!byWord.has(word)) byWord.set(word, info);
    byWord.set(word + qualified, info);
  }
  // `deployments.v1.apps`, `pods.v1.` are accepted by kubectl too.
  byWord.set(`${info.plural}.${info.version}.${info.group}`, info);
}

/** Resolve what a user typed for a resource type: `po`, `pods`, `Pod`, `deployments.apps`. */
export function lookupKind(word: string): KindInfo | undefined {
  return byWord.get(word.toLowerCase());
}

/** Resolve `apiVersion` + `kind` as written in a manifest. */
export function kindFor(apiVersion: string, kind: string): KindInfo | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return KINDS.find((info) => info.kind === kind && info.group === group && info.version === version);
}

/** The kind's apiVersion string: `v1`, `apps/v1`. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The resource as API errors name it: `pods`, `deployments.apps`. */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** The kind as `-o name` and apply messages print it: `pod`, `deployment.apps`. */
export function qualifiedKind(info: KindInfo): string {
  const lower = info.kind.toLowerCase();
  return info.group ? `${lower}.${info.group}` : lower;
}

export const POD = lookupKind('pods')!;
export const NODE = lookupKind('nodes')!;
export const NAMESPACE = lookupKind('namespaces')!;
export const EVENT = lookupKind('events')!;

/** The `all` category (`kubectl get all`), in the order kubectl prints it. */
export const ALL_CATEGORY: readonly string[] = [
  'pods',
  'replicationcontrollers',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'horizontalpodautoscalers',
  'cronjobs',
  'jobs',
];
