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

// ---- Jobs --------------------------------------------------------------------------------------
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const CRONJOB_SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
