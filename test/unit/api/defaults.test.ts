import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultPullPolicy } from '../../../src/api/defaults.js';
import type { KObject } from '../../../src/api/types.js';

const pod = (spec: any): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('imagePullPolicy', () => {
  const cases: Array<[string, string, string]> = [
    ['no tag means latest: Always', 'nginx', 'Always'],
    [':latest is Always', 'nginx:latest', 'Always'],
    ['a tag is IfNotPresent', 'nginx:1.25', 'IfNotPresent'],
    ['a registry port is not a tag', 'localhost:5000/app', 'Always'],
    ['a registry port and a tag', 'localhost:5000/app:v1', 'IfNotPresent'],
    ['a digest is IfNotPresent', 'nginx@sha256:abc', 'IfNotPresent'],
  ];
  for (const [name, image, want] of cases) it(name, () => expect(defaultPullPolicy(image)).toBe(want));
});

describe('applyDefaults', () => {
  it('fills a pod as `kubectl get pod -o yaml` shows it', () => {
    const out = applyDefaults(
      pod({ containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 80 }] }] }),
    );
    expect(out.spec).toEqual({
      containers: [
        {
          name: 'c',
          image: 'busybox:1.36',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
      ],
    });
  });

  it('keeps what the user set and does not mutate its input', () => {
    const input = pod({
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }],
    });
    const copy = structuredClone(input);
    const out = applyDefaults(input);
    expect(input).toEqual(copy);
    expect(out.spec.restartPolicy).toBe('Never');
    expect(out.spec.terminationGracePeriodSeconds).toBe(0);
    expect(out.spec.containers[0].imagePullPolicy).toBe('Never');
  });

  it('defaults probes and their http handlers', () => {
    const out = applyDefaults(
      pod({ containers: [{ name: 'c', image: 'x', readinessProbe: { httpGet: { port: 80 } } }] }),
    );
    expect(out.spec.containers[0].readinessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('defaults volume modes and downward API versions', () => {
    const out = applyDefaults(
      pod({
        containers: [
          {
            name: 'c',
            image: 'x',
            env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        ],
        volumes: [{ name: 'v', configMap: { name: 'cm' } }],
      }),
    );
    expect(out.spec.volumes[0].configMap.defaultMode).toBe(420);
    expect(out.spec.containers[0].env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
  });

  const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
  const specs: Array<[string, KObject, Record<string, unknown>]> = [
    [
      'a Deployment: replicas 1, RollingUpdate 25%/25%, history 10, deadline 600',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template } },
      {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    ],
    [
      'a Recreate Deployment gets no rollingUpdate',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { strategy: { type: 'Recreate' }, template },
      },
      { strategy: { type: 'Recreate' } },
    ],
    [
      'a StatefulSet: OrderedReady, RollingUpdate partition 0',
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { template } },
      {
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        revisionHistoryLimit: 10,
      },
    ],
    [
      'a ReplicaSet: replicas 1',
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { template } },
      { replicas: 1 },
    ],
    [
      'a Job: one completion, backoff 6',
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template } },
      { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false },
    ],
    [
      'a Service: ClusterIP, TCP, targetPort = port',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
      { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
    ],
  ];
  for (const [name, obj, want] of specs) {
    it(`defaults ${name}`, () => expect(applyDefaults(obj).spec).toMatchObject(want));
  }

  it('defaults the pod template of workloads but not the pod-only fields', () => {
    const out = applyDefaults({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template },
    });
    expect(out.spec.template.spec.restartPolicy).toBe('Always');
    expect(out.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(out.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it('turns Secret stringData into base64 data and types it Opaque', () => {
    const out = applyDefaults({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { pw: 'hi' },
    });
    expect(out.data).toEqual({ pw: 'aGk=' });
    expect(out.type).toBe('Opaque');
    expect(out.stringData).toBeUndefined();
  });

  it('gives Endpoints and EndpointSlice ports the TCP protocol, and unnamed slice ports name ""', () => {
    const ep = applyDefaults({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'e' },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }],
    });
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.0.0.1' }],
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    ]);
    const slice = applyDefaults({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: [],
      ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }],
    });
    expect(slice.ports).toEqual([
      { name: '', port: 80, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]);
  });

  it('labels a Namespace with its name', () => {
    const out = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
  });
});
