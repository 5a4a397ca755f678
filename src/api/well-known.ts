// The well-known label and annotation keys mkube reads or writes, in one place (Kubernetes'
// staging/src/k8s.io/api/core/v1/well_known_labels.go and the controllers' own constants).

// ---- kubectl --------------------------------------------------------------------------------
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

// ---- Deployments and ReplicaSets ---------------------------------------------------------------
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
export const DEPLOYMENT_REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';

// ---- StatefulSets ------------------------------------------------------------------------------
export const STATEFULSET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

// ---- Nodes and namespaces ----------------------------------------------------------------------
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
