// Objects for the printer tests, with timestamps relative to a fixed NOW.
import type { KObject } from '../../../src/api/types.js';

export const NOW = Date.parse('2024-05-01T12:00:00Z');
export const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

const meta = (name: string, ageSeconds: number, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  creationTimestamp: ago(ageSeconds),
  ...extra,
});

export function pod(name: string, ageSeconds = 10, extra: Partial<KObject> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, ageSeconds, { labels: { app: 'web' } }),
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], nodeName: 'mkube' },
    status: {
      phase: 'Running',
      podIP: '172.18.0.5',
      podIPs: [{ ip: '172.18.0.5' }],
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: ago(ageSeconds - 2) } } },
      ],
    },
    ...extra,
  };
}

export const deployment: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('web', 3 * 60 + 2),
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25' },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
  status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
};

export const replicaSet: KObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: meta('web-5d7c9f8b6d', 3 * 60, {
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true },
    ],
  }),
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d7c9f8b6d' } },
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
  },
  status: { replicas: 3, readyReplicas: 2 },
};

export const statefulSet: KObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: meta('db', 2 * 3600),
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } } },
  status: { replicas: 2, readyReplicas: 1 },
};

export const daemonSet: KObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: meta('agent', 5 * 86400),
  spec: {
    selector: { matchLabels: { name: 'agent' } },
    template: {
      spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'a', image: 'agent:1' }] },
    },
  },
  status: {
    desiredNumberScheduled: 1,
    currentNumberScheduled: 1,
    numberReady: 1,
    updatedNumberScheduled: 1,
    numberAvailable: 1,
  },
};

export const replicationController: KObject = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: meta('legacy', 40),
  spec: {
    replicas: 2,
    selector: { app: 'legacy' },
    template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
  status: { replicas: 2, readyReplicas: 2 },
};

export const job: KObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta('pi', 120),
  spec: {
    completions: 1,
    parallelism: 1,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
    template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } },
  },
  status: {
    succeeded: 1,
    startTime: ago(118),
    completionTime: ago(100),
    conditions: [{ type: 'Complete', status: 'True' }],
  },
};

export const runningJob: KObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta('loop', 65),
  spec: { parallelism: 2, template: { spec: { containers: [{ name: 'l', image: 'busybox' }] } } },
  status: { active: 2, startTime: ago(64) },
};

export const service: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('web', 600),
  spec: {
    type: 'NodePort',
    clusterIP: '10.96.0.12',
    clusterIPs: ['10.96.0.12'],
    selector: { app: 'web' },
    ports: [
      { port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
      { port: 443, nodePort: 30443, protocol: 'TCP' },
    ],
  },
};

export const headless: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('db', 600),
  spec: {
    type: 'ClusterIP',
    clusterIP: 'None',
    clusterIPs: ['None'],
    ports: [{ port: 5432, protocol: 'TCP' }],
  },
};

export const loadBalancer: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('lb', 600),
  spec: {
    type: 'LoadBalancer',
    clusterIPs: ['10.96.0.40'],
    ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }],
  },
  status: { loadBalancer: {} },
};

export const externalName: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('ext', 600),
  spec: { type: 'ExternalName', externalName: 'example.com' },
};

export const endpoints: KObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: meta('web', 600),
  subsets: [
    {
      addresses: [{ ip: '172.18.0.5' }, { ip: '172.18.0.6' }],
      ports: [{ port: 8080 }, { port: 8443 }],
    },
  ],
};

export const emptyEndpoints: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('db', 600) };

export const configMap: KObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta('settings', 86400 + 3600),
  data: { a: '1', b: '2' },
  binaryData: { c: 'AA==' },
};

export const secret: KObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: meta('creds', 30),
  type: 'Opaque',
  data: { user: 'YWRtaW4=', pass: 'cGFzcw==' },
};

export const namespace: KObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'demo', uid: 'uid-demo', creationTimestamp: ago(45 * 86400) },
  status: { phase: 'Active' },
};

export const node: KObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'mkube',
    uid: 'uid-node',
    creationTimestamp: ago(3 * 3600 + 5 * 60),
    labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'mkube' },
  },
  spec: {},
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    addresses: [
      { type: 'InternalIP', address: '172.18.0.1' },
      { type: 'Hostname', address: 'mkube' },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.32.0',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-18-amd64',
      containerRuntimeVersion: 'docker://27.3.1',
    },
  },
};

export const event: KObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: meta('nginx.17a1b2c3d4e5f6a7', 60),
  involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx"  \n',
  source: { component: 'kubelet', host: 'mkube' },
  firstTimestamp: ago(60),
  lastTimestamp: ago(20),
  count: 3,
  type: 'Normal',
};

export const pv: KObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1', uid: 'uid-pv', creationTimestamp: ago(600) },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    persistentVolumeReclaimPolicy: 'Delete',
    storageClassName: 'standard',
    claimRef: { namespace: 'default', name: 'data' },
  },
  status: { phase: 'Bound' },
};

export const pvc: KObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: meta('data', 600),
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    storageClassName: 'standard',
    volumeName: 'pv-1',
  },
  status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
};

export const pendingPvc: KObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: meta('wait', 5),
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  status: { phase: 'Pending' },
};

export const controllerRevision: KObject = {
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: meta('db-7c9d5', 7200, {
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }],
  }),
  revision: 1,
};

export const serviceAccount: KObject = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: meta('default', 86400 * 3),
};
