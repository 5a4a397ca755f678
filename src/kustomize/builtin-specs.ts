// kustomize's built-in field specs (api/internal/konfig/builtinpluginconsts), as data.
import type { FieldSpec } from './fieldspec.js';

const fs = (path: string, kind?: string, group?: string, create = false, version?: string): FieldSpec => ({
  path,
  kind,
  group,
  create,
  version,
});

/** Where labels go on objects and pod templates (metadatalabels.go). */
export const METADATA_LABELS: readonly FieldSpec[] = [
  fs('metadata/labels', undefined, undefined, true),
  fs('spec/template/metadata/labels', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/template/metadata/labels', 'Deployment', undefined, true),
  fs('spec/template/metadata/labels', 'ReplicaSet', undefined, true),
  fs('spec/template/metadata/labels', 'DaemonSet', undefined, true),
  fs('spec/template/metadata/labels', 'StatefulSet', 'apps', true),
  fs('spec/template/metadata/labels', 'Job', 'batch', true),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', 'batch', true),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', 'batch', true),
];

export const VOLUME_CLAIM_TEMPLATE_LABELS: readonly FieldSpec[] = [
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', 'apps', true),
];

const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** commonLabels and `labels` with includeSelectors (commonlabels.go). */
export const COMMON_LABELS: readonly FieldSpec[] = [
  fs('spec/selector', 'Service', undefined, true, 'v1'),
  fs('spec/selector', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/selector/matchLabels', 'Deployment', undefined, true),
  ...AFFINITY.map((p) => fs(p, 'Deployment', 'apps')),
  fs('spec/selector/matchLabels', 'ReplicaSet', undefined, true),
  fs('spec/selector/matchLabels', 'DaemonSet', undefined, true),
  fs('spec/selector/matchLabels', 'StatefulSet', 'apps', true),
  ...AFFINITY.map((p) => fs(p, 'StatefulSet', 'apps')),
  fs('spec/selector/matchLabels', 'Job', 'batch'),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', 'batch'),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', 'policy'),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  ...METADATA_LABELS,
  ...VOLUME_CLAIM_TEMPLATE_LABELS,
];

/** commonAnnotations (commonannotations.go). */
export const COMMON_ANNOTATIONS: readonly FieldSpec[] = [
  fs('metadata/annotations', undefined, undefined, true),
  fs('spec/template/metadata/annotations', 'ReplicationController', undefined, true, 'v1'),
  fs('spec/template/metadata/annotations', 'Deployment', undefined, true),
  fs('spec/template/metadata/annotations', 'ReplicaSet', undefined, true),
  fs('spec/template/metadata/annotations', 'DaemonSet', undefined, true),
  fs('spec/template/metadata/annotations', 'StatefulSet', undefined, true),
  fs('spec/template/metadata/annotations', 'Job', 'batch', true),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', 'batch', true),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', 'batch', true),
];

/** replicas (replicas.go). */
export const REPLICAS: readonly FieldSpec[] = [
  'Deployment',
  'ReplicationController',
  'ReplicaSet',
  'StatefulSet',
].map((kind) => fs('spec/replicas', kind, undefined, true));

/** One kind of referral and the fields of other kinds that name it (namereference.go). */
export interface NameReference {
  kind: string;
  group?: string;
  specs: FieldSpec[];
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_AT: ReadonlyArray<[kind: string, prefix: string]> = [
  ['Pod', 'spec'],
  ['PodTemplate', 'template/spec'],
  ['Deployment', 'spec/template/spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
  ['ReplicationController', 'spec/template/spec'],
];

function inPodSpecs(paths: string[], kinds?: string[]): FieldSpec[] {
  return POD_SPEC_AT.filter(([kind]) => !kinds || kinds.includes(kind)).flatMap(([kind, prefix]) =>
    paths.map((p) => fs(`${prefix}/${p}`, kind)),
  );
}

const CONTAINERS = ['containers', 'initContainers'];
const WORKLOADS_BUT_RC = [
  'Pod',
  'PodTemplate',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
];
const SA_KINDS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];

export const NAME_REFERENCES: readonly NameReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    specs: [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')],
  })),
  {
    kind: 'ConfigMap',
    specs: [
      ...inPodSpecs(
        [
          'volumes/configMap/name',
          ...CONTAINERS.flatMap((c) => [
            `${c}/env/valueFrom/configMapKeyRef/name`,
            `${c}/envFrom/configMapRef/name`,
          ]),
          'volumes/projected/sources/configMap/name',
        ],
        WORKLOADS_BUT_RC,
      ),
      fs('spec/configSource/configMap', 'Node'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    kind: 'Secret',
    specs: [
      ...inPodSpecs(
        [
          'volumes/secret/secretName',
          ...CONTAINERS.flatMap((c) => [
            `${c}/env/valueFrom/secretKeyRef/name`,
            `${c}/envFrom/secretRef/name`,
          ]),
          'imagePullSecrets/name',
          'volumes/projected/sources/secret/name',
        ],
        WORKLOADS_BUT_RC,
      ),
      fs('spec/tls/secretName', 'Ingress'),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      fs('imagePullSecrets/name', 'ServiceAccount'),
      fs('parameters/secretName', 'StorageClass'),
      fs('parameters/adminSecretName', 'StorageClass'),
      fs('parameters/userSecretName', 'StorageClass'),
      fs('parameters/secretRef', 'StorageClass'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    kind: 'Service',
    specs: [
      fs('spec/serviceName', 'StatefulSet', 'apps'),
      fs('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      fs('spec/backend/serviceName', 'Ingress'),
      fs('spec/rules/http/paths/backend/service/name', 'Ingress'),
      fs('spec/defaultBackend/service/name', 'Ingress'),
      fs('spec/service/name', 'APIService', 'apiregistration.k8s.io'),
    ],
  },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', specs: [fs('roleRef/name', 'RoleBinding')] },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    specs: [fs('roleRef/name', 'RoleBinding'), fs('roleRef/name', 'ClusterRoleBinding')],
  },
  {
    kind: 'ServiceAccount',
    specs: [
      fs('subjects', 'RoleBinding'),
      fs('subjects', 'ClusterRoleBinding'),
      ...inPodSpecs(['serviceAccountName'], SA_KINDS),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    specs: inPodSpecs(['volumes/persistentVolumeClaim/claimName'], SA_KINDS),
  },
  {
    kind: 'PersistentVolume',
    specs: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')],
  },
  {
    kind: 'StorageClass',
    specs: [
      fs('spec/storageClassName', 'PersistentVolume'),
      fs('spec/storageClassName', 'PersistentVolumeClaim'),
      fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
    ],
  },
  { kind: 'PriorityClass', specs: inPodSpecs(['priorityClassName'], SA_KINDS) },
  {
    kind: 'IngressClass',
    specs: [fs('spec/ingressClassName', 'Ingress')],
  },
];
