// Defaulting as the API server does it on create and update (SetDefaults_* in pkg/apis/*/v1 plus
// the admission plug-ins every cluster runs: ServiceAccount, Priority, DefaultTolerationSeconds),
// limited to what `kubectl get -o yaml` shows. Pure: returns a new object, never mutates.
import { defaultHorizontalPodAutoscaler } from './hpa-defaults.js';
import type { KObject } from './types.js';
import { NAMESPACE_NAME_LABEL } from './well-known.js';

type Obj = Record<string, any>;

const setIfAbsent = (o: Obj, key: string, value: unknown): void => {
  if (o[key] === undefined || o[key] === null) o[key] = value;
};

/** `o[key]`, created as `{}` (or `init`) when absent. */
function child(o: Obj, key: string, init: unknown = {}): any {
  setIfAbsent(o, key, init);
  return o[key];
}

/** Always for `:latest` or no tag (and no digest), otherwise IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  setIfAbsent(p, 'timeoutSeconds', 1);
  setIfAbsent(p, 'periodSeconds', 10);
  setIfAbsent(p, 'successThreshold', 1);
  setIfAbsent(p, 'failureThreshold', 3);
  defaultHandler(p);
}

function defaultHandler(h: Obj | undefined): void {
  if (h?.httpGet) {
    setIfAbsent(h.httpGet, 'path', '/');
    setIfAbsent(h.httpGet, 'scheme', 'HTTP');
  }
}

function defaultFieldRef(o: Obj | undefined): void {
  if (o?.fieldRef) setIfAbsent(o.fieldRef, 'apiVersion', 'v1');
}

function defaultContainer(c: Obj): void {
  setIfAbsent(c, 'imagePullPolicy', defaultPullPolicy(c.image));
  setIfAbsent(c, 'terminationMessagePath', '/dev/termination-log');
  setIfAbsent(c, 'terminationMessagePolicy', 'File');
  setIfAbsent(c, 'resources', {});
  for (const p of c.ports ?? []) setIfAbsent(p, 'protocol', 'TCP');
  for (const e of c.env ?? []) defaultFieldRef(e.valueFrom);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

function defaultVolume(v: Obj): void {
  for (const src of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    if (v[src]) setIfAbsent(v[src], 'defaultMode', 420);
  }
  for (const item of v.downwardAPI?.items ?? []) defaultFieldRef(item);
  for (const s of v.projected?.sources ?? [])
    for (const item of s.downwardAPI?.items ?? []) defaultFieldRef(item);
  if (v.hostPath) setIfAbsent(v.hostPath, 'type', '');
}

/** SetDefaults_PodSpec + containers: for pods and for every pod template. */
export function defaultPodSpec(spec: Obj): void {
  setIfAbsent(spec, 'restartPolicy', 'Always');
  setIfAbsent(spec, 'dnsPolicy', 'ClusterFirst');
  setIfAbsent(spec, 'schedulerName', 'default-scheduler');
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  setIfAbsent(spec, 'securityContext', {});
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** What only a Pod gets: SetDefaults_Pod and the admission plug-ins. */
function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec', {});
  defaultPodSpec(spec);
  setIfAbsent(spec, 'enableServiceLinks', true);
  setIfAbsent(spec, 'serviceAccountName', spec.serviceAccount ?? 'default');
  setIfAbsent(spec, 'serviceAccount', spec.serviceAccountName);
  setIfAbsent(spec, 'priority', 0);
  setIfAbsent(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations: Obj[] = child(spec, 'tolerations', []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => t.key === key && t.effect === 'NoExecute')) {
      tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
}

function defaultTemplate(spec: Obj): void {
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
}

function defaultDeployment(spec: Obj): void {
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'strategy', {});
  setIfAbsent(spec.strategy, 'type', 'RollingUpdate');
  if (spec.strategy.type === 'RollingUpdate') {
    setIfAbsent(spec.strategy, 'rollingUpdate', {});
    setIfAbsent(spec.strategy.rollingUpdate, 'maxUnavailable', '25%');
    setIfAbsent(spec.strategy.rollingUpdate, 'maxSurge', '25%');
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setIfAbsent(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultStatefulSet(spec: Obj): void {
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'podManagementPolicy', 'OrderedReady');
  setIfAbsent(spec, 'updateStrategy', {});
  setIfAbsent(spec.updateStrategy, 'type', 'RollingUpdate');
  if (spec.updateStrategy.type === 'RollingUpdate') {
    setIfAbsent(spec.updateStrategy, 'rollingUpdate', {});
    setIfAbsent(spec.updateStrategy.rollingUpdate, 'partition', 0);
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setIfAbsent(spec, 'persistentVolumeClaimRetentionPolicy', {});
  setIfAbsent(spec.persistentVolumeClaimRetentionPolicy, 'whenDeleted', 'Retain');
  setIfAbsent(spec.persistentVolumeClaimRetentionPolicy, 'whenScaled', 'Retain');
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    if (pvc.spec) setIfAbsent(pvc.spec, 'volumeMode', 'Filesystem');
  }
  defaultTemplate(spec);
}

function defaultDaemonSet(spec: Obj): void {
  setIfAbsent(spec, 'updateStrategy', {});
  setIfAbsent(spec.updateStrategy, 'type', 'RollingUpdate');
  if (spec.updateStrategy.type === 'RollingUpdate') {
    setIfAbsent(spec.updateStrategy, 'rollingUpdate', {});
    setIfAbsent(spec.updateStrategy.rollingUpdate, 'maxUnavailable', 1);
    setIfAbsent(spec.updateStrategy.rollingUpdate, 'maxSurge', 0);
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

function defaultReplicationController(rc: Obj): void {
  const spec = child(rc, 'spec', {});
  setIfAbsent(spec, 'replicas', 1);
  const labels = spec.template?.metadata?.labels;
  if (labels && !Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
  if (labels && !Object.keys(rc.metadata?.labels ?? {}).length) rc.metadata.labels = { ...labels };
  defaultTemplate(spec);
}

function defaultJobSpec(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfAbsent(spec, 'parallelism', 1);
  setIfAbsent(spec, 'backoffLimit', 6);
  setIfAbsent(spec, 'completionMode', 'NonIndexed');
  setIfAbsent(spec, 'suspend', false);
  setIfAbsent(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
}

function defaultService(spec: Obj): void {
  setIfAbsent(spec, 'type', 'ClusterIP');
  if (spec.type !== 'ExternalName') {
    setIfAbsent(spec, 'sessionAffinity', 'None');
    setIfAbsent(spec, 'internalTrafficPolicy', 'Cluster');
    setIfAbsent(spec, 'ipFamilyPolicy', 'SingleStack');
    setIfAbsent(spec, 'ipFamilies', ['IPv4']);
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
    setIfAbsent(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setIfAbsent(spec, 'allocateLoadBalancerNodePorts', true);
  for (const p of spec.ports ?? []) {
    setIfAbsent(p, 'protocol', 'TCP');
    if (spec.type !== 'ExternalName') setIfAbsent(p, 'targetPort', p.port);
  }
}

/** Secrets store `stringData` merged into base64 `data`, as the API server does on write. */
function defaultSecret(secret: Obj): void {
  setIfAbsent(secret, 'type', 'Opaque');
  if (secret.stringData) {
    child(secret, 'data');
    for (const [k, v] of Object.entries(secret.stringData)) {
      secret.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    }
    delete secret.stringData;
  }
}

/** The object as the API server would store it: defaults filled in. Returns a copy. */
export function applyDefaults(input: KObject): KObject {
  const obj = structuredClone(input) as Obj;
  obj.metadata ??= {};
  switch (obj.kind) {
    case 'Pod':
      defaultPod(obj);
      break;
    case 'PodTemplate':
      if (obj.template?.spec) defaultPodSpec(obj.template.spec);
      break;
    case 'Deployment':
      defaultDeployment(child(obj, 'spec', {}));
      break;
    case 'ReplicaSet':
      setIfAbsent(child(obj, 'spec', {}), 'replicas', 1);
      defaultTemplate(obj.spec);
      break;
    case 'StatefulSet':
      defaultStatefulSet(child(obj, 'spec', {}));
      break;
    case 'DaemonSet':
      defaultDaemonSet(child(obj, 'spec', {}));
      break;
    case 'ReplicationController':
      defaultReplicationController(obj);
      break;
    case 'Job':
      defaultJobSpec(child(obj, 'spec', {}));
      break;
    case 'CronJob': {
      const spec = child(obj, 'spec', {});
      setIfAbsent(spec, 'concurrencyPolicy', 'Allow');
      setIfAbsent(spec, 'suspend', false);
      setIfAbsent(spec, 'successfulJobsHistoryLimit', 3);
      setIfAbsent(spec, 'failedJobsHistoryLimit', 1);
      if (spec.jobTemplate?.spec) defaultTemplate(spec.jobTemplate.spec);
      break;
    }
    case 'Service':
      defaultService(child(obj, 'spec', {}));
      break;
    case 'Secret':
      defaultSecret(obj);
      break;
    case 'Endpoints':
      // SetDefaults_EndpointPort.
      for (const subset of obj.subsets ?? [])
        for (const p of subset.ports ?? []) setIfAbsent(p, 'protocol', 'TCP');
      break;
    case 'EndpointSlice':
      // discovery/v1 SetDefaults_EndpointPort: an unnamed port is `name: ""`.
      for (const p of obj.ports ?? []) {
        setIfAbsent(p, 'name', '');
        setIfAbsent(p, 'protocol', 'TCP');
      }
      break;
    case 'Namespace':
      if (obj.metadata.name) {
        obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: obj.metadata.name };
      }
      break;
    case 'PersistentVolumeClaim':
      setIfAbsent(child(obj, 'spec', {}), 'volumeMode', 'Filesystem');
      break;
    case 'HorizontalPodAutoscaler':
      defaultHorizontalPodAutoscaler(child(obj, 'spec', {}));
      break;
    case 'PersistentVolume':
      setIfAbsent(child(obj, 'spec', {}), 'persistentVolumeReclaimPolicy', 'Retain');
      setIfAbsent(obj.spec, 'volumeMode', 'Filesystem');
      break;
    case 'StorageClass':
      setIfAbsent(obj, 'reclaimPolicy', 'Delete');
      setIfAbsent(obj, 'volumeBindingMode', 'Immediate');
      break;
  }
  return obj as KObject;
}
