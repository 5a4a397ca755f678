// The subresources the endpoint serves, per resource, as discovery lists them: `status` where the
// API server has one, `scale` for the four scalable workloads, the pods' log, streams and eviction, and
// serviceaccounts/token. The REST, stream and token handlers serve exactly these; discovery
// announces them.

export interface SubresourceInfo {
  /** `status`, `scale`, `log`. */
  name: string;
  /** What a GET answers with: the resource's own kind, or autoscaling/v1 Scale. */
  responseKind?: { group: string; version: string; kind: string };
  verbs: string[];
}

const STATUS: SubresourceInfo = { name: 'status', verbs: ['get', 'patch', 'update'] };
const SCALE: SubresourceInfo = {
  name: 'scale',
  responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  verbs: ['get', 'patch', 'update'],
};
const LOG: SubresourceInfo = { name: 'log', verbs: ['get'] };
const ATTACH: SubresourceInfo = {
  name: 'attach',
  responseKind: { group: '', version: 'v1', kind: 'PodAttachOptions' },
  verbs: ['create', 'get'],
};
const EVICTION: SubresourceInfo = {
  name: 'eviction',
  responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
  verbs: ['create'],
};
const EXEC: SubresourceInfo = {
  name: 'exec',
  responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' },
  verbs: ['create', 'get'],
};

const PORTFORWARD: SubresourceInfo = {
  name: 'portforward',
  responseKind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' },
  verbs: ['create', 'get'],
};
const TOKEN: SubresourceInfo = {
  name: 'token',
  responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
  verbs: ['create'],
};

/** Keyed by `plural` for the core group, `plural.group` otherwise; in the API server's order (by name). */
const BY_RESOURCE: Record<string, SubresourceInfo[]> = {
  namespaces: [STATUS],
  nodes: [STATUS],
  persistentvolumeclaims: [STATUS],
  persistentvolumes: [STATUS],
  pods: [ATTACH, EVICTION, EXEC, LOG, PORTFORWARD, STATUS],
  replicationcontrollers: [SCALE, STATUS],
  resourcequotas: [STATUS],
  serviceaccounts: [TOKEN],
  services: [STATUS],
  'daemonsets.apps': [STATUS],
  'deployments.apps': [SCALE, STATUS],
  'replicasets.apps': [SCALE, STATUS],
  'statefulsets.apps': [SCALE, STATUS],
  'horizontalpodautoscalers.autoscaling': [STATUS],
  'cronjobs.batch': [STATUS],
  'jobs.batch': [STATUS],
  'ingresses.networking.k8s.io': [STATUS],
  'poddisruptionbudgets.policy': [STATUS],
};

/** The subresources of a resource (`group` '' for the core group), in name order. */
export function subresourcesOf(group: string, plural: string): readonly SubresourceInfo[] {
  return BY_RESOURCE[group ? `${plural}.${group}` : plural] ?? [];
}
