// The last-change trigger time (pkg/controller/util/endpoint TriggerTimeTracker): when the change
// that an Endpoints/EndpointSlice write reflects happened, so consumers can measure how late they
// are. The earliest of the trigger times (a pod's Ready transition, the Service's creation) that
// changed since the last sync of this Service; the Service's creation time on its first sync
// (also after an agent restart); none when nothing changed (e.g. only a pod deletion).
import type { KObject } from '../../api/types.js';
import { readyCondition, timeOf } from '../common/pods.js';

export interface TriggerState {
  /** Pod name -> its trigger time (ms) at the last sync. */
  pods: ReadonlyMap<string, number>;
  service: number;
}

const podTriggerTime = (pod: KObject): number => timeOf(readyCondition(pod)?.lastTransitionTime);

/** Pure: the trigger time to publish (undefined: none) and the state to keep for the next sync. */
export function computeTriggerTime(
  previous: TriggerState | undefined,
  service: KObject,
  pods: KObject[],
): { time: number | undefined; state: TriggerState } {
  let min: number | undefined;
  const changed = (t: number) => {
    min = min === undefined ? t : Math.min(min, t);
  };
  const podTimes = new Map<string, number>();
  for (const pod of pods) {
    const t = podTriggerTime(pod);
    if (!t) continue;
    podTimes.set(pod.metadata.name!, t);
    if (t > (previous?.pods.get(pod.metadata.name!) ?? 0)) changed(t);
  }
  const serviceTime = timeOf(service.metadata.creationTimestamp);
  if (serviceTime > (previous?.service ?? 0)) changed(serviceTime);
  const state = { pods: podTimes, service: serviceTime };
  return { time: previous ? min : serviceTime || undefined, state };
}

/** The tracker one controller keeps in memory, keyed by `namespace/name` of the Service. */
export class TriggerTimeTracker {
  private readonly states = new Map<string, TriggerState>();

  compute(key: string, service: KObject, pods: KObject[]): number | undefined {
    const { time, state } = computeTriggerTime(this.states.get(key), service, pods);
    this.states.set(key, state);
    return time;
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}
