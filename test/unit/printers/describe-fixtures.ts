// A pod as the kubelet reports it, and its events, for the describe golden tests.
import type { KObject } from '../../../src/api/types.js';
import { ago, event, pod } from './fixtures.js';

export function podForDescribe(): KObject {
  const p = pod('nginx', 600);
  p.spec.serviceAccountName = 'default';
  p.spec.priority = 0;
  p.spec.containers[0] = {
    name: 'nginx',
    image: 'nginx:1.25',
    ports: [{ containerPort: 80, protocol: 'TCP' }],
    env: [
      { name: 'MODE', value: 'prod' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'pass' } } },
    ],
    resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
    volumeMounts: [
      {
        name: 'kube-api-access-x',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
      },
      { name: 'data', mountPath: '/data' },
    ],
  };
  p.spec.volumes = [
    { name: 'data', emptyDir: {} },
    {
      name: 'kube-api-access-x',
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [] } },
        ],
      },
    },
  ];
  p.spec.tolerations = [
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  p.status = {
    phase: 'Running',
    hostIP: '172.18.0.1',
    podIP: '172.18.0.5',
    podIPs: [{ ip: '172.18.0.5' }],
    startTime: ago(600),
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'nginx',
        ready: true,
        restartCount: 1,
        image: 'nginx:1.25',
        imageID: 'docker-pullable://nginx@sha256:abc',
        containerID: 'docker://0123456789ab',
        state: { running: { startedAt: ago(300) } },
        lastState: {
          terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(590), finishedAt: ago(301) },
        },
      },
    ],
  };
  p.metadata.ownerReferences = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d7c9f8b6d', uid: 'u', controller: true },
  ];
  return p;
}

export function eventsForDescribe(): KObject[] {
  const base = {
    ...event,
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', uid: 'uid-nginx' },
  };
  return [
    {
      ...base,
      reason: 'Pulled',
      message: 'Container image "nginx:1.25" already present on machine',
      count: 2,
      firstTimestamp: ago(590),
      lastTimestamp: ago(300),
    },
    {
      ...base,
      reason: 'Scheduled',
      message: 'Successfully assigned default/nginx to mkube',
      source: { component: 'default-scheduler' },
      count: 1,
      firstTimestamp: ago(600),
      lastTimestamp: ago(600),
    },
    {
      ...base,
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container nginx in pod nginx_default(uid-nginx)',
      count: 1,
      firstTimestamp: ago(301),
      lastTimestamp: ago(301),
    },
  ];
}
