// The resource metrics API (metrics.k8s.io/v1beta1) at the endpoint, as metrics-server serves it
// through the aggregator: GET of pods (all, a namespace's, one) and nodes (all, one), with label
// and field selectors, from the agent's latest scrape in the home's metrics.json. So the real
// `kubectl top pod|node` works against mkube as `mkube top` does. Read-only: other verbs get 405.

import { lookupKind } from '../../api/kinds.js';
import type { MetricsSnapshot } from '../../api/metrics.js';
import { METRICS_API_VERSION } from '../../api/metrics.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import { readMetrics } from '../../state/metrics-file.js';
import type { ApiHandler } from '../types.js';
import { sendJson, sendStatus } from './respond.js';
import { HttpError, methodNotAllowed, statusOf } from './status.js';

const PREFIX = '/apis/metrics.k8s.io/v1beta1/';
const POD = lookupKind('pods')!;
const NODE = lookupKind('nodes')!;

export interface MetricsRoute {
  resource: 'pods' | 'nodes';
  namespace?: string;
  name?: string;
}

/** The route of a metrics path, or undefined when it names none; pure. */
export function parseMetricsRoute(pathname: string): MetricsRoute | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  const parts = pathname.slice(PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'namespaces' && parts[2] === 'pods' && parts.length <= 4)
    return { resource: 'pods', namespace: parts[1], name: parts[3] };
  if ((parts[0] === 'pods' || parts[0] === 'nodes') && parts.length <= 2)
    return { resource: parts[0], name: parts[1] };
  return undefined;
}

/**
 * What metrics-server answers for `route` from `snapshot` (none yet: nothing measured); `exists`
 * says whether the pod or node itself is there (a missing one is NotFound as the core resource,
 * one without metrics as the metrics resource, both named `namespace/name` as metrics-server
 * names them). Pure.
 */
export function metricsResponse(
  route: MetricsRoute,
  snapshot: MetricsSnapshot | undefined,
  query: URLSearchParams,
  exists: (route: MetricsRoute & { name: string }) => boolean,
): object {
  const all: KObject[] = (route.resource === 'pods' ? snapshot?.pods : snapshot?.nodes) ?? ([] as never);
  const inScope = all.filter(
    (m) => route.namespace === undefined || m.metadata.namespace === route.namespace,
  );
  if (route.name !== undefined) {
    const found = inScope.find((m) => m.metadata.name === route.name);
    if (found) return found;
    const name = route.namespace === undefined ? route.name : `${route.namespace}/${route.name}`;
    const missing = !exists({ ...route, name: route.name });
    const resource = missing ? route.resource : `${route.resource === 'pods' ? 'pod' : 'node'}metrics`;
    const group = missing ? '' : 'metrics.k8s.io';
    throw new HttpError(404, 'NotFound', `${group ? `${resource}.${group}` : resource} "${name}" not found`, {
      name,
      group,
      kind: resource,
    });
  }
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  return {
    kind: route.resource === 'pods' ? 'PodMetricsList' : 'NodeMetricsList',
    apiVersion: METRICS_API_VERSION,
    metadata: {},
    items: inScope.filter((m) => matchesLabels(labels, m.metadata.labels) && matchesFields(fields, m)),
  };
}

export const handleMetrics: ApiHandler = async (req, res, url, ctx) => {
  const route = parseMetricsRoute(url.pathname);
  if (!route) return false;
  try {
    if (req.method !== 'GET') throw methodNotAllowed();
    const exists = (r: MetricsRoute & { name: string }) =>
      r.resource === 'pods'
        ? !!ctx.registry.get(POD, r.namespace, r.name)
        : !!ctx.registry.get(NODE, undefined, r.name);
    sendJson(
      res,
      200,
      JSON.stringify(metricsResponse(route, readMetrics(ctx.home), url.searchParams, exists)),
    );
  } catch (err) {
    sendStatus(res, statusOf(err));
  }
  return true;
};
