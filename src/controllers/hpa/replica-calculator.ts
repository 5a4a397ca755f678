// The HPA's replica calculator for Resource metrics (pkg/controller/podautoscaler/replica_calculator.go):
// usage against requests (Utilization) or per pod (AverageValue), with the controller's rules for
// pods it cannot trust yet — failed and deleting pods ignored, pending and not-yet-ready pods set
// aside, pods without metrics assumed idle on a scale-up and fully used on a scale-down — and the
// 10 % tolerance. Values are in milli-units (millicores, milli-bytes), as the metrics client's.

/** --horizontal-pod-autoscaler-tolerance. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodSample {
  /** The pod's summed usage, milli-units. */
  value: number;
  /** When the sample was taken and over how long (ms). */
  timestamp: number;
  windowMs: number;
}

export interface CalcPod {
  name: string;
  phase?: string;
  deleting: boolean;
  startTime?: number;
  ready?: { status: string; lastTransitionTime: number };
  /** Per container: its request for the resource in milli-units, undefined when it has none. */
  containers: { name: string; request: number | undefined }[];
}

export class CalcError extends Error {}

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

function groupPods(pods: CalcPod[], metrics: Map<string, PodSample>, resource: string, now: number): Groups {
  const g: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      g.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      g.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      g.missing.add(pod.name);
      continue;
    }
    if (resource === 'cpu') {
      let unready: boolean;
      const cond = pod.ready;
      if (!cond || pod.startTime === undefined) unready = true;
      else if (pod.startTime + CPU_INITIALIZATION_PERIOD_MS > now)
        // Still initialising: trust only a sample taken wholly after the pod became ready.
        unready = cond.status === 'False' || metric.timestamp < cond.lastTransitionTime + metric.windowMs;
      else
        unready =
          cond.status === 'False' && pod.startTime + INITIAL_READINESS_DELAY_MS > cond.lastTransitionTime;
      if (unready) {
        g.unready.add(pod.name);
        continue;
      }
    }
    g.readyCount++;
  }
  return g;
}

function podRequests(pods: CalcPod[], resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.containers) {
      if (c.request === undefined)
        throw new CalcError(`missing request for ${resource} in container ${c.name} of Pod ${pod.name}`);
      sum += c.request;
    }
    requests.set(pod.name, sum);
  }
  return requests;
}

function utilizationRatio(metrics: Map<string, PodSample>, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entities = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entities++;
  }
  if (requestsTotal === 0) throw new CalcError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, raw: Math.trunc(metricsTotal / entities) };
}

function usageRatio(metrics: Map<string, PodSample>, target: number) {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

export interface CalcInput {
  currentReplicas: number;
  pods: CalcPod[];
  /** Samples by pod name, from the metrics API (only pods that have one). */
  metrics: Map<string, PodSample>;
  resource: string;
  now: number;
}

export interface CalcResult {
  replicas: number;
  /** Utilization: percentage of requests; AverageValue: undefined. */
  utilization?: number;
  /** Average usage per pod, milli-units. */
  rawAverage: number;
  timestamp: number;
}

const oldestTimestamp = (metrics: Map<string, PodSample>) =>
  Math.min(...[...metrics.values()].map((m) => m.timestamp));

/** GetResourceReplicas (targetUtilization in percent) or GetRawResourceReplicas (targetAverage in milli). */
export function resourceReplicas(
  input: CalcInput,
  target: { utilization: number } | { averageValue: number },
): CalcResult {
  const { currentReplicas, pods, resource, now } = input;
  if (pods.length === 0) throw new CalcError('no pods returned by selector while calculating replica count');
  const metrics = new Map(input.metrics);
  const g = groupPods(pods, metrics, resource, now);
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name);
  const requests = 'utilization' in target ? podRequests(pods, resource) : undefined;
  if (metrics.size === 0)
    throw new CalcError('did not receive metrics for targeted pods (pods might be unready)');
  const timestamp = oldestTimestamp(metrics);

  const measure = () => {
    if (requests && 'utilization' in target) {
      const r = utilizationRatio(metrics, requests, target.utilization);
      return { ratio: r.ratio, utilization: r.utilization as number | undefined, raw: r.raw };
    }
    const r = usageRatio(metrics, (target as { averageValue: number }).averageValue);
    return { ratio: r.ratio, utilization: undefined, raw: r.usage };
  };
  const first = measure();
  const unchanged = (): CalcResult => ({
    replicas: currentReplicas,
    utilization: first.utilization,
    rawAverage: first.raw,
    timestamp,
  });
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= TOLERANCE) return unchanged();
    return { ...unchanged(), replicas: Math.ceil(first.ratio * g.readyCount) };
  }
  // Fill in the pods it could not measure, in the direction that dampens the change.
  for (const name of g.missing) {
    let value = 0;
    if (first.ratio < 1) {
      if (requests && 'utilization' in target)
        value = (requests.get(name) ?? 0) * (Math.max(100, target.utilization) / 100);
      else value = (target as { averageValue: number }).averageValue;
    }
    metrics.set(name, { value, timestamp, windowMs: 0 });
  }
  if (scaleUpWithUnready)
    for (const name of g.unready) metrics.set(name, { value: 0, timestamp, windowMs: 0 });
  const second = measure();
  if (
    Math.abs(1 - second.ratio) <= TOLERANCE ||
    (first.ratio < 1 && second.ratio > 1) ||
    (first.ratio > 1 && second.ratio < 1)
  )
    return unchanged();
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas))
    return unchanged();
  return { ...unchanged(), replicas };
}
