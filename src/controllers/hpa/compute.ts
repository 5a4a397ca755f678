// One HPA sync as a pure step (reconcileAutoscaler in horizontal.go): from the HPA, the target's
// scale, its pods and their metrics to the replicas to set, the new status and the events.
import { formatQuantity, parseQuantity, quantityMilli } from '../../api/quantity.js';
import {
  type Behavior,
  normalizeReplicas,
  recordInitialRecommendation,
  recordScaleEvent,
  type ScaleHistory,
} from './normalize.js';
import {
  CalcError,
  type CalcPod,
  type CalcResult,
  type PodSample,
  resourceReplicas,
} from './replica-calculator.js';

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

export interface HpaCondition {
  type: ConditionType;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface HpaEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface SyncInput {
  hpa: any;
  /** The target's scale, or why it could not be read. */
  scale: { replicas: number } | { error: string };
  /** The target's pods, with their requests for one resource. */
  pods: (resource: string) => CalcPod[];
  /** Per resource name: samples by pod name; undefined when the metrics API has nothing. */
  metrics: (resource: string) => Map<string, PodSample> | undefined;
  now: number;
  history: ScaleHistory;
}

export interface SyncResult {
  /** Set the target's replicas to this (undefined: leave it). */
  rescaleTo?: number;
  /** The status fields this sync decided (conditions merged by the caller with their times). */
  status: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: any[];
    lastScaleTime?: boolean;
  };
  conditions: HpaCondition[];
  events: HpaEvent[];
}

const milliQuantity = (milli: number) =>
  formatQuantity({ nanos: BigInt(Math.round(milli)) * 1_000_000n, format: 'DecimalSI' });

interface MetricOutcome {
  replicas: number;
  name: string;
  status: any;
}

function resourceMetric(spec: any, i: SyncInput, currentReplicas: number, events: HpaEvent[]): MetricOutcome {
  const source = spec.resource ?? {};
  const resource: string = source.name;
  const target = source.target ?? {};
  const samples = i.metrics(resource);
  const averageValue = target.averageValue !== undefined ? parseQuantity(target.averageValue) : undefined;
  const what = averageValue ? 'usage' : 'utilization';
  let result: CalcResult;
  try {
    if (!samples || samples.size === 0)
      throw new CalcError(
        `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
      );
    if (averageValue)
      result = resourceReplicas(
        { currentReplicas, pods: i.pods(resource), metrics: samples, resource, now: i.now },
        { averageValue: quantityMilli(averageValue) },
      );
    else if (target.averageUtilization === undefined)
      throw new CalcError(
        'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
      );
    else
      result = resourceReplicas(
        { currentReplicas, pods: i.pods(resource), metrics: samples, resource, now: i.now },
        { utilization: target.averageUtilization },
      );
  } catch (e) {
    const message = `failed to get ${resource} ${what}: ${(e as Error).message}`;
    events.push({ type: 'Warning', reason: 'FailedGetResourceMetric', message });
    throw Object.assign(new Error(`failed to get ${resource} resource metric value: ${message}`), {
      condition: {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message: `the HPA was unable to compute the replica count: ${message}`,
      } satisfies HpaCondition,
    });
  }
  const current: Record<string, unknown> = {};
  if (!averageValue) current.averageUtilization = result.utilization;
  current.averageValue = milliQuantity(result.rawAverage);
  return {
    replicas: result.replicas,
    name: averageValue ? `${resource} resource` : `${resource} resource utilization (percentage of request)`,
    status: { type: 'Resource', resource: { name: resource, current } },
  };
}

/** computeReplicasForMetrics: the highest proposal; errors when every metric failed (or some did on a scale-down). */
function replicasForMetrics(
  i: SyncInput,
  currentReplicas: number,
  conditions: HpaCondition[],
  events: HpaEvent[],
) {
  const specs: any[] = i.hpa.spec?.metrics ?? [];
  const statuses: any[] = [];
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let firstError: (Error & { condition?: HpaCondition }) | undefined;
  for (const spec of specs) {
    try {
      if (spec.type !== 'Resource')
        throw Object.assign(new Error(`unsupported metric source type "${spec.type}"`), {
          condition: {
            type: 'ScalingActive',
            status: 'False',
            reason: 'InvalidMetricSourceType',
            message: `the HPA was unable to compute the replica count: unsupported metric source type "${spec.type}"`,
          } satisfies HpaCondition,
        });
      const outcome = resourceMetric(spec, i, currentReplicas, events);
      statuses.push(outcome.status);
      if (replicas === 0 || outcome.replicas > replicas) {
        replicas = outcome.replicas;
        metric = outcome.name;
      }
    } catch (e) {
      if (!firstError) firstError = e as Error & { condition?: HpaCondition };
      invalid++;
    }
  }
  if (firstError && (invalid >= specs.length || replicas < currentReplicas)) {
    if (firstError.condition) conditions.push(firstError.condition);
    return {
      replicas: undefined,
      metric: '',
      error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.message}`,
      statuses,
    };
  }
  conditions.push({
    type: 'ScalingActive',
    status: 'True',
    reason: 'ValidMetricFound',
    message: `the HPA was able to successfully calculate a replica count from ${metric}`,
  });
  return { replicas, metric, statuses, error: undefined };
}

export function syncHpa(i: SyncInput): SyncResult {
  const conditions: HpaCondition[] = [];
  const events: HpaEvent[] = [];
  const spec = i.hpa.spec ?? {};
  if ('error' in i.scale) {
    conditions.push({
      type: 'AbleToScale',
      status: 'False',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: ${i.scale.error}`,
    });
    events.push({ type: 'Warning', reason: 'FailedGetScale', message: i.scale.error });
    return { status: {}, conditions, events };
  }
  conditions.push({
    type: 'AbleToScale',
    status: 'True',
    reason: 'SucceededGetScale',
    message: "the HPA controller was able to get the target's current scale",
  });
  const currentReplicas = i.scale.replicas;
  recordInitialRecommendation(i.history, currentReplicas, i.now);
  const minReplicas: number = spec.minReplicas ?? 1;
  const maxReplicas: number = spec.maxReplicas;
  let desired = 0;
  let reason = '';
  let rescale = true;
  let metricStatuses: any[] | undefined;
  if (currentReplicas === 0 && minReplicas !== 0) {
    rescale = false;
    conditions.push({
      type: 'ScalingActive',
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    });
  } else if (currentReplicas > maxReplicas) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = minReplicas;
  } else {
    const computed = replicasForMetrics(i, currentReplicas, conditions, events);
    metricStatuses = computed.statuses;
    if (computed.error !== undefined) {
      events.push({ type: 'Warning', reason: 'FailedComputeMetricsReplicas', message: computed.error });
      return {
        status: { currentReplicas, currentMetrics: metricStatuses },
        conditions,
        events,
      };
    }
    desired = computed.replicas ?? 0;
    if (desired > currentReplicas) reason = `${computed.metric} above target`;
    if (desired < currentReplicas) reason = 'All metrics below target';
    const normalized = normalizeReplicas({
      behavior: spec.behavior as Behavior | undefined,
      minReplicas,
      maxReplicas,
      currentReplicas,
      desiredReplicas: desired,
      now: i.now,
      history: i.history,
    });
    desired = normalized.replicas;
    conditions.push(...normalized.conditions);
    rescale = desired !== currentReplicas;
  }
  if (rescale) {
    conditions.push({
      type: 'AbleToScale',
      status: 'True',
      reason: 'SucceededRescale',
      message: `the HPA controller was able to update the target scale to ${desired}`,
    });
    events.push({
      type: 'Normal',
      reason: 'SuccessfulRescale',
      message: `New size: ${desired}; reason: ${reason}`,
    });
    recordScaleEvent({
      behavior: spec.behavior,
      history: i.history,
      from: currentReplicas,
      to: desired,
      now: i.now,
    });
  } else desired = currentReplicas;
  return {
    rescaleTo: rescale ? desired : undefined,
    status: {
      currentReplicas,
      desiredReplicas: desired,
      currentMetrics: metricStatuses,
      lastScaleTime: rescale,
    },
    conditions,
    events,
  };
}

/**
 * setCondition over a sync's conditions, in order: a later condition of the same type replaces an
 * earlier one; the transition time moves only when the status changes.
 */
export function mergeConditions(previous: any[] | undefined, next: HpaCondition[], now: string): any[] {
  const out: any[] = (previous ?? []).map((c) => ({ ...c }));
  for (const c of next) {
    const existing = out.find((o) => o.type === c.type);
    if (!existing) out.push({ ...c, lastTransitionTime: now });
    else {
      if (existing.status !== c.status) existing.lastTransitionTime = now;
      existing.status = c.status;
      existing.reason = c.reason;
      existing.message = c.message;
    }
  }
  return out.map((c) => ({
    type: c.type,
    status: c.status,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  }));
}
