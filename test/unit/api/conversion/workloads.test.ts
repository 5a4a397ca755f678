// extensions/v1beta1, apps/v1beta1 and apps/v1beta2 workloads -> apps/v1, each with its own
// version's defaults (pkg/apis/{extensions,apps}/<version>/defaults.go).
import { describe, expect, it } from 'vitest';
import { convertToStorageVersion } from '../../../../src/api/conversion/index.js';
import type { KObject } from '../../../../src/api/types.js';
import { TEMPLATE, withChange, workload } from './fixtures.js';

const SELECTED = { selector: { matchLabels: { app: 'web' } } };
const LABELLED = { name: 'web', labels: { app: 'web' } };
const MAX = 2147483647;

/** [case, manifest, the whole converted object] */
type Case = [string, KObject, KObject];

const cases: Case[] = [
  [
    'extensions/v1beta1 Deployment: selector and labels from the template, 1/1 surge, unlimited history, no deadline',
    workload('extensions/v1beta1', 'Deployment'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        progressDeadlineSeconds: MAX,
        revisionHistoryLimit: MAX,
      },
    },
  ],
  [
    'extensions/v1beta1 Deployment: keeps what the manifest set; labels still come from the template',
    workload('extensions/v1beta1', 'Deployment', {
      replicas: 0,
      selector: { matchLabels: { app: 'web', tier: 'x' } },
      strategy: { rollingUpdate: { maxSurge: '50%' } },
      progressDeadlineSeconds: 30,
      revisionHistoryLimit: 0,
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        replicas: 0,
        selector: { matchLabels: { app: 'web', tier: 'x' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 1 } },
        progressDeadlineSeconds: 30,
        revisionHistoryLimit: 0,
      },
    },
  ],
  [
    'extensions/v1beta1 Deployment: Recreate gets no rollingUpdate, object labels are not overwritten',
    withChange(workload('extensions/v1beta1', 'Deployment', { strategy: { type: 'Recreate' } }), (o) => {
      o.metadata.labels = { team: 'a' };
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { team: 'a' } },
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'Recreate' },
        progressDeadlineSeconds: MAX,
        revisionHistoryLimit: MAX,
      },
    },
  ],
  [
    'extensions/v1beta1 Deployment: a rollingUpdate beside Recreate is still defaulted (validation rejects it later)',
    workload('extensions/v1beta1', 'Deployment', { strategy: { type: 'Recreate', rollingUpdate: {} } }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'Recreate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        progressDeadlineSeconds: MAX,
        revisionHistoryLimit: MAX,
      },
    },
  ],
  [
    'extensions/v1beta1 Deployment: rollbackTo becomes the deprecated.deployment.rollback.to annotation',
    workload('extensions/v1beta1', 'Deployment', { rollbackTo: { revision: 3 } }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...LABELLED, annotations: { 'deprecated.deployment.rollback.to': '3' } },
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        progressDeadlineSeconds: MAX,
        revisionHistoryLimit: MAX,
      },
    },
  ],
  [
    'extensions/v1beta1 Deployment: a hand-written rollback annotation is dropped',
    withChange(workload('extensions/v1beta1', 'Deployment'), (o) => {
      o.metadata.annotations = { 'deprecated.deployment.rollback.to': '2', keep: 'me' };
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...LABELLED, annotations: { keep: 'me' } },
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        progressDeadlineSeconds: MAX,
        revisionHistoryLimit: MAX,
      },
    },
  ],
  [
    'extensions/v1beta1 DaemonSet: OnDelete updates, 10 revisions, templateGeneration dropped',
    workload('extensions/v1beta1', 'DaemonSet', { templateGeneration: 4 }),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        updateStrategy: { type: 'OnDelete' },
        revisionHistoryLimit: 10,
      },
    },
  ],
  [
    'extensions/v1beta1 DaemonSet: RollingUpdate gets maxUnavailable 1',
    workload('extensions/v1beta1', 'DaemonSet', { updateStrategy: { type: 'RollingUpdate' } }),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        revisionHistoryLimit: 10,
      },
    },
  ],
  [
    'extensions/v1beta1 ReplicaSet: selector, labels and 1 replica',
    workload('extensions/v1beta1', 'ReplicaSet'),
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: LABELLED,
      spec: { template: TEMPLATE, ...SELECTED, replicas: 1 },
    },
  ],
  [
    'extensions/v1beta1 ReplicaSet: a template without labels defaults nothing from them',
    withChange(workload('extensions/v1beta1', 'ReplicaSet'), (o) => {
      delete o.spec.template.metadata;
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { template: { spec: TEMPLATE.spec }, replicas: 1 },
    },
  ],
  [
    'extensions/v1beta1 ReplicaSet: empty template labels give an empty selector',
    withChange(workload('extensions/v1beta1', 'ReplicaSet'), (o) => {
      o.spec.template.metadata.labels = {};
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { template: { ...TEMPLATE, metadata: { labels: {} } }, selector: {}, replicas: 1 },
    },
  ],
  [
    'apps/v1beta1 Deployment: selector and labels from the template, 25%/25%, 2 revisions, 600 s deadline',
    workload('apps/v1beta1', 'Deployment'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 2,
        progressDeadlineSeconds: 600,
      },
    },
  ],
  [
    'apps/v1beta1 Deployment: a rollingUpdate beside Recreate is left as written; rollbackTo revision 0',
    workload('apps/v1beta1', 'Deployment', {
      strategy: { type: 'Recreate', rollingUpdate: {} },
      rollbackTo: {},
    }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...LABELLED, annotations: { 'deprecated.deployment.rollback.to': '0' } },
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        replicas: 1,
        strategy: { type: 'Recreate', rollingUpdate: {} },
        revisionHistoryLimit: 2,
        progressDeadlineSeconds: 600,
      },
    },
  ],
  [
    'apps/v1beta1 StatefulSet: OrderedReady, OnDelete updates, selector and labels from the template',
    workload('apps/v1beta1', 'StatefulSet', { serviceName: 'web' }),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        serviceName: 'web',
        ...SELECTED,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'OnDelete' },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    },
  ],
  [
    'apps/v1beta1 StatefulSet: a written rollingUpdate gets partition 0',
    workload('apps/v1beta1', 'StatefulSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } }),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: LABELLED,
      spec: {
        template: TEMPLATE,
        ...SELECTED,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    },
  ],
  [
    'apps/v1beta1 ControllerRevision: relabelled only',
    {
      apiVersion: 'apps/v1beta1',
      kind: 'ControllerRevision',
      metadata: { name: 'r' },
      data: { a: 1 },
      revision: 2,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r' },
      data: { a: 1 },
      revision: 2,
    },
  ],
  ...['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'].map(
    (kind): Case => [
      `apps/v1beta2 ${kind}: relabelled only (its defaults are apps/v1's, applied later)`,
      workload('apps/v1beta2', kind, SELECTED),
      { apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec: { template: TEMPLATE, ...SELECTED } },
    ],
  ),
  [
    "batch/v1beta1 CronJob: relabelled only (its defaults are batch/v1's)",
    {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: TEMPLATE } } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: TEMPLATE } } },
    },
  ],
  [
    'extensions/v1beta1 NetworkPolicy: TCP ingress ports, policyTypes from the rules',
    {
      apiVersion: 'extensions/v1beta1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: {
        podSelector: {},
        ingress: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }],
        egress: [{}],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: {
        podSelector: {},
        ingress: [
          {
            ports: [
              { port: 80, protocol: 'TCP' },
              { port: 53, protocol: 'UDP' },
            ],
          },
        ],
        egress: [{}],
        policyTypes: ['Ingress', 'Egress'],
      },
    },
  ],
  [
    'extensions/v1beta1 NetworkPolicy: written policyTypes are kept',
    {
      apiVersion: 'extensions/v1beta1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    },
  ],
  [
    'a field neither version knows stays where it was written',
    workload('extensions/v1beta1', 'ReplicaSet', { replicaz: 3 }),
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: LABELLED,
      spec: { template: TEMPLATE, replicaz: 3, ...SELECTED, replicas: 1 },
    },
  ],
];

describe('converting old workload versions', () => {
  for (const [name, manifest, want] of cases) {
    it(name, () => expect(convertToStorageVersion(manifest)?.obj).toEqual(want));
  }
});
