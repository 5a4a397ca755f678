// metrics.k8s.io at the endpoint, as metrics-server serves it: routes, lists with selectors, one
// object, and NotFound worded for a missing pod or node and for one not measured yet.
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../../src/api/metrics.js';
import { metricsResponse, parseMetricsRoute } from '../../../src/apiserver/rest/metrics.js';
import { HttpError } from '../../../src/apiserver/rest/status.js';

const pod = (namespace: string, name: string, labels: Record<string, string>) => ({
  kind: 'PodMetrics' as const,
  apiVersion: 'metrics.k8s.io/v1beta1' as const,
  metadata: { name, namespace, creationTimestamp: '2026-12-02T06:00:00Z', labels },
  timestamp: '2026-12-02T06:00:00Z',
  window: '15s',
  containers: [{ name: 'c', usage: { cpu: '1000n', memory: '1024Ki' } }],
});
const SNAPSHOT: MetricsSnapshot = {
  pods: [
    pod('default', 'web', { app: 'web' }),
    pod('default', 'db', { app: 'db' }),
    pod('dev', 'web', { app: 'web' }),
  ],
  nodes: [
    {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'vm', creationTimestamp: '2026-12-02T06:00:00Z' },
      timestamp: '2026-12-02T06:00:00Z',
      window: '15s',
      usage: { cpu: '5n', memory: '10Ki' },
    },
  ],
};
const none = () => false;
const answer = (path: string, query = '', exists: () => boolean = none) =>
  metricsResponse(parseMetricsRoute(path)!, SNAPSHOT, new URLSearchParams(query), exists);
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof HttpError ? [e.code, e.message, e.details] : e;
  }
  return 'no error';
};

describe('metrics.k8s.io routes', () => {
  it('names pods (all, a namespace, one) and nodes (all, one); nothing else', () => {
    expect(
      [
        '/apis/metrics.k8s.io/v1beta1/pods',
        '/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods',
        '/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/web',
        '/apis/metrics.k8s.io/v1beta1/nodes',
        '/apis/metrics.k8s.io/v1beta1/nodes/vm',
        '/apis/metrics.k8s.io/v1beta1/namespaces/dev/services',
        '/apis/metrics.k8s.io/v1beta1/pods/a/b',
        '/api/v1/pods',
      ].map(parseMetricsRoute),
    ).toEqual([
      { resource: 'pods', name: undefined },
      { resource: 'pods', namespace: 'dev', name: undefined },
      { resource: 'pods', namespace: 'dev', name: 'web' },
      { resource: 'nodes', name: undefined },
      { resource: 'nodes', name: 'vm' },
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('metricsResponse', () => {
  it("lists a namespace's pods matching the selectors, or every namespace's", () => {
    expect(answer('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', 'labelSelector=app%3Dweb')).toEqual(
      {
        kind: 'PodMetricsList',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {},
        items: [SNAPSHOT.pods[0]],
      },
    );
    expect(
      (
        answer('/apis/metrics.k8s.io/v1beta1/pods', 'fieldSelector=metadata.name%3Dweb') as {
          items: unknown[];
        }
      ).items,
    ).toEqual([SNAPSHOT.pods[0], SNAPSHOT.pods[2]]);
    expect(answer('/apis/metrics.k8s.io/v1beta1/nodes')).toEqual({
      kind: 'NodeMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: SNAPSHOT.nodes,
    });
  });

  it('answers one object, and with no scrape yet an empty list', () => {
    expect(answer('/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/web')).toEqual(SNAPSHOT.pods[2]);
    expect(answer('/apis/metrics.k8s.io/v1beta1/nodes/vm')).toEqual(SNAPSHOT.nodes[0]);
    expect(metricsResponse({ resource: 'pods' }, undefined, new URLSearchParams(), none)).toEqual({
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [],
    });
  });

  it('is NotFound as the pod or node when it is missing, as its metrics when not measured yet', () => {
    expect(failure(() => answer('/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/db'))).toEqual([
      404,
      'pods "dev/db" not found',
      { name: 'dev/db', group: '', kind: 'pods' },
    ]);
    expect(
      failure(() => answer('/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/db', '', () => true)),
    ).toEqual([
      404,
      'podmetrics.metrics.k8s.io "dev/db" not found',
      { name: 'dev/db', group: 'metrics.k8s.io', kind: 'podmetrics' },
    ]);
    expect(failure(() => answer('/apis/metrics.k8s.io/v1beta1/nodes/other', '', () => true))).toEqual([
      404,
      'nodemetrics.metrics.k8s.io "other" not found',
      { name: 'other', group: 'metrics.k8s.io', kind: 'nodemetrics' },
    ]);
  });
});
