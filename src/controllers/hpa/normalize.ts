// From the metrics' proposal to the replicas the HPA sets (horizontal.go): stabilization over
// recent recommendations, then the min/max bounds and the rate limits — the fixed rules (double or
// +4 per sync, 5 min scale-down window) when the HPA has no `behavior`, its scaling policies when
// it has. Pure over an explicit history the controller keeps per HPA, as the controller keeps its
// in memory (a restarted agent starts a fresh one, as a restarted kube-controller-manager does).
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP } from '../../api/hpa-defaults.js';

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

export interface ScaleHistory {
  recommendations: { replicas: number; at: number }[];
  upEvents: { change: number; at: number }[];
  downEvents: { change: number; at: number }[];
}

export const emptyHistory = (): ScaleHistory => ({ recommendations: [], upEvents: [], downEvents: [] });

export interface Condition {
  type: 'AbleToScale' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface NormalizeInput {
  behavior?: Behavior;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  /** What the metrics propose. */
  desiredReplicas: number;
  now: number;
  /** Mutated: the recommendation is recorded, as the controller records it. */
  history: ScaleHistory;
}

export interface NormalizeResult {
  replicas: number;
  conditions: Condition[];
}

const READY: Condition = {
  type: 'AbleToScale',
  status: 'True',
  reason: 'ReadyForNewScale',
  message: 'recommended size matches current size',
};

const limited = (replicas: number, wanted: number, reason: string, message: string): Condition => ({
  type: 'ScalingLimited',
  status: replicas === wanted ? 'False' : 'True',
  reason,
  message,
});

/** Records the current size as the first recommendation, so a new HPA does not scale down at once. */
export function recordInitialRecommendation(
  history: ScaleHistory,
  currentReplicas: number,
  now: number,
): void {
  if (history.recommendations.length === 0)
    history.recommendations.push({ replicas: currentReplicas, at: now });
}

/** normalizeDesiredReplicas: no behavior written. */
function withoutBehavior(i: NormalizeInput): NormalizeResult {
  const cutoff = i.now - DOWNSCALE_STABILIZATION_MS;
  let stabilized = i.desiredReplicas;
  let oldIndex = -1;
  i.history.recommendations.forEach((rec, index) => {
    if (rec.at < cutoff) oldIndex = index;
    else if (rec.replicas > stabilized) stabilized = rec.replicas;
  });
  const record = { replicas: i.desiredReplicas, at: i.now };
  if (oldIndex >= 0) i.history.recommendations[oldIndex] = record;
  else i.history.recommendations.push(record);
  const able: Condition =
    stabilized !== i.desiredReplicas
      ? {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ScaleDownStabilized',
          message:
            'recent recommendations were higher than current one, applying the highest recent recommendation',
        }
      : READY;

  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * i.currentReplicas, SCALE_UP_LIMIT_MINIMUM);
  const [maxAllowed, maxReason, maxMessage] =
    i.maxReplicas > scaleUpLimit
      ? [
          scaleUpLimit,
          'ScaleUpLimit',
          'the desired replica count is increasing faster than the maximum scale rate',
        ]
      : [
          i.maxReplicas,
          'TooManyReplicas',
          'the desired replica count is more than the maximum replica count',
        ];
  const [minAllowed, minMessage] =
    i.minReplicas === 0
      ? [1, 'the desired replica count is zero']
      : [i.minReplicas, 'the desired replica count is less than the minimum replica count'];
  let replicas = stabilized;
  let cond: Condition;
  if (stabilized < minAllowed) {
    replicas = minAllowed;
    cond = limited(replicas, stabilized, 'TooFewReplicas', minMessage);
  } else if (stabilized > maxAllowed) {
    replicas = maxAllowed;
    cond = limited(replicas, stabilized, maxReason, maxMessage);
  } else
    cond = limited(
      replicas,
      stabilized,
      'DesiredWithinRange',
      'the desired count is within the acceptable range',
    );
  return { replicas, conditions: [able, cond] };
}

function changeInPeriod(
  events: { change: number; at: number }[],
  periodSeconds: number,
  now: number,
): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((sum, e) => sum + e.change, 0);
}

function scaleUpLimit(current: number, h: ScaleHistory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const p of rules.policies ?? []) {
    const start =
      current -
      changeInPeriod(h.upEvents, p.periodSeconds, now) +
      changeInPeriod(h.downEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

function scaleDownLimit(current: number, h: ScaleHistory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const p of rules.policies ?? []) {
    const start =
      current -
      changeInPeriod(h.upEvents, p.periodSeconds, now) +
      changeInPeriod(h.downEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    // Min picks the policy that changes least: the highest floor.
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors. */
function withBehavior(i: NormalizeInput, behavior: Behavior): NormalizeResult {
  const up = { ...DEFAULT_SCALE_UP, ...behavior.scaleUp } as ScalingRules;
  const down = { ...DEFAULT_SCALE_DOWN, ...behavior.scaleDown } as ScalingRules;
  const upWindow = (up.stabilizationWindowSeconds ?? 0) * 1000;
  const downWindow =
    down.stabilizationWindowSeconds !== undefined
      ? down.stabilizationWindowSeconds * 1000
      : DOWNSCALE_STABILIZATION_MS;
  const upCutoff = i.now - upWindow;
  const downCutoff = i.now - downWindow;
  let upRecommendation = i.desiredReplicas;
  let downRecommendation = i.desiredReplicas;
  let oldIndex = -1;
  i.history.recommendations.forEach((rec, index) => {
    if (rec.at > upCutoff) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (rec.at > downCutoff) downRecommendation = Math.max(rec.replicas, downRecommendation);
    if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = index;
  });
  let stabilized = i.currentReplicas;
  if (stabilized < upRecommendation) stabilized = upRecommendation;
  if (stabilized > downRecommendation) stabilized = downRecommendation;
  const record = { replicas: i.desiredReplicas, at: i.now };
  if (oldIndex >= 0) i.history.recommendations[oldIndex] = record;
  else i.history.recommendations.push(record);
  const able: Condition =
    stabilized === i.desiredReplicas
      ? READY
      : i.desiredReplicas >= i.currentReplicas
        ? {
            type: 'AbleToScale',
            status: 'True',
            reason: 'ScaleUpStabilized',
            message:
              'recent recommendations were lower than current one, applying the lowest recent recommendation',
          }
        : {
            type: 'AbleToScale',
            status: 'True',
            reason: 'ScaleDownStabilized',
            message:
              'recent recommendations were higher than current one, applying the highest recent recommendation',
          };

  let replicas = stabilized;
  let cond = limited(
    replicas,
    stabilized,
    'DesiredWithinRange',
    'the desired count is within the acceptable range',
  );
  if (stabilized > i.currentReplicas) {
    const limit = Math.max(scaleUpLimit(i.currentReplicas, i.history, up, i.now), i.currentReplicas);
    const [maxAllowed, reason, message] =
      i.maxReplicas > limit
        ? [
            limit,
            'ScaleUpLimit',
            'the desired replica count is increasing faster than the maximum scale rate',
          ]
        : [
            i.maxReplicas,
            'TooManyReplicas',
            'the desired replica count is more than the maximum replica count',
          ];
    if (stabilized > maxAllowed) {
      replicas = maxAllowed;
      cond = limited(replicas, stabilized, reason, message);
    }
  } else if (stabilized < i.currentReplicas) {
    const limit = Math.min(scaleDownLimit(i.currentReplicas, i.history, down, i.now), i.currentReplicas);
    const [minAllowed, reason, message] =
      i.minReplicas < limit
        ? [
            limit,
            'ScaleDownLimit',
            'the desired replica count is decreasing faster than the maximum scale rate',
          ]
        : [
            i.minReplicas,
            'TooFewReplicas',
            'the desired replica count is less than the minimum replica count',
          ];
    if (stabilized < minAllowed) {
      replicas = minAllowed;
      cond = limited(replicas, stabilized, reason, message);
    }
  }
  return { replicas, conditions: [able, cond] };
}

export function normalizeReplicas(i: NormalizeInput): NormalizeResult {
  return i.behavior ? withBehavior(i, i.behavior) : withoutBehavior(i);
}

/** storeScaleEvent: only HPAs with a behavior keep scale events (their policies need them). */
export function recordScaleEvent(i: {
  behavior?: Behavior;
  history: ScaleHistory;
  from: number;
  to: number;
  now: number;
}): void {
  if (!i.behavior) return;
  const longest = Math.max(
    0,
    ...[...(i.behavior.scaleUp?.policies ?? []), ...(i.behavior.scaleDown?.policies ?? [])].map(
      (p) => p.periodSeconds,
    ),
  );
  const cutoff = i.now - longest * 1000;
  i.history.upEvents = i.history.upEvents.filter((e) => e.at > cutoff);
  i.history.downEvents = i.history.downEvents.filter((e) => e.at > cutoff);
  if (i.to > i.from) i.history.upEvents.push({ change: i.to - i.from, at: i.now });
  else if (i.to < i.from) i.history.downEvents.push({ change: i.from - i.to, at: i.now });
}
