// StatefulSet ordering decisions (`updateStatefulSet` in stateful_set_control.go), pure: given
// the set and its pods, what to do this pass. OrderedReady ("monotonic") stops at the first
// thing it must wait for: create 0..N-1 one at a time, each after its predecessors are Running
// and Ready; remove N-1..0 one at a time. Parallel creates and removes all at once. Updates
// (RollingUpdate) delete the highest-ordinal pod not at the update revision, down to partition.
import type { KObject } from '../../api/types.js';
import { isPodAvailable, isPodReady, isTerminating } from '../common/pods.js';
import { identityMatches, ordinalOf, podRevision, replicasOf, startOrdinal } from './identity.js';

export type StsAction =
  | { type: 'create'; ordinal: number; revision: 'current' | 'update' }
  | { type: 'delete'; pod: KObject; reason: 'finished' | 'scale-down' | 'update' }
  /** A Pending pod whose claims may be missing (deleted by hand): create them again. */
  | { type: 'ensure-claims'; pod: KObject }
  | { type: 'fix-identity'; pod: KObject };

export interface StsPlanInput {
  set: KObject;
  /** The pods the set owns. */
  pods: KObject[];
  currentRevision: string;
  updateRevision: string;
  now: number;
}

export interface StsPlan {
  actions: StsAction[];
  /** Why the pass stopped early (for tests and logs). */
  waiting?: string;
}

const phase = (pod: KObject) => pod.status?.phase;
const isRunningAndReady = (pod: KObject) => phase(pod) === 'Running' && isPodReady(pod);
const isRunningAndAvailable = (pod: KObject, minReady: number, now: number) =>
  phase(pod) === 'Running' && isPodAvailable(pod, minReady, now);
export const isHealthy = (pod: KObject | undefined): boolean =>
  Boolean(pod) && isRunningAndReady(pod!) && !isTerminating(pod!);

/** `newVersionedStatefulSetPod`'s choice (with Go's && / || precedence kept). */
function revisionFor(set: KObject, ordinal: number): 'current' | 'update' {
  const strategy = set.spec?.updateStrategy ?? { type: 'RollingUpdate' };
  const start = startOrdinal(set);
  const current =
    (strategy.type === 'RollingUpdate' &&
      !strategy.rollingUpdate &&
      ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (strategy.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  return current ? 'current' : 'update';
}

/** Split pods into the ordinal range [start, start+replicas) and the condemned (highest first). */
export function partitionPods(set: KObject, pods: KObject[]) {
  const start = startOrdinal(set);
  const replicas: (KObject | undefined)[] = new Array(replicasOf(set)).fill(undefined);
  const condemned: KObject[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(pod);
    if (ord >= start && ord < start + replicas.length) replicas[ord - start] = pod;
    else if (ord >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  return { replicas, condemned };
}

export function computeStatefulSetPlan({ set, pods, updateRevision, now }: StsPlanInput): StsPlan {
  const actions: StsAction[] = [];
  if (set.metadata.deletionTimestamp) return { actions };
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  const start = startOrdinal(set);
  const { replicas, condemned } = partitionPods(set, pods);
  // A missing replica counts as unhealthy, as Kubernetes' not-yet-created pod object does.
  const firstUnhealthy =
    replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));
  const stop = (waiting: string): StsPlan => ({ actions, waiting });

  for (let i = 0; i < replicas.length; i++) {
    const pod = replicas[i];
    const ordinal = start + i;
    if (!pod) {
      actions.push({ type: 'create', ordinal, revision: revisionFor(set, ordinal) });
      if (monotonic) return stop(`pod ${ordinal} to be created`);
      continue;
    }
    if (phase(pod) === 'Failed' || phase(pod) === 'Succeeded') {
      // A finished pod is deleted and created afresh on a later pass.
      if (!isTerminating(pod)) actions.push({ type: 'delete', pod, reason: 'finished' });
      if (monotonic) return stop(`${pod.metadata.name} to be replaced`);
      continue;
    }
    if (!phase(pod) || phase(pod) === 'Pending') actions.push({ type: 'ensure-claims', pod });
    if (monotonic && isTerminating(pod)) return stop(`${pod.metadata.name} to terminate`);
    if (monotonic && !isRunningAndReady(pod)) return stop(`${pod.metadata.name} to be Running and Ready`);
    if (monotonic && !isRunningAndAvailable(pod, minReady, now))
      return stop(`${pod.metadata.name} to be available`);
    if (!identityMatches(set, pod)) actions.push({ type: 'fix-identity', pod });
  }

  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return stop(`${pod.metadata.name} to terminate`);
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && !isRunningAndAvailable(pod, minReady, now)) {
      return stop(`${pod.metadata.name} to be Running and available before scaling down`);
    }
    actions.push({ type: 'delete', pod, reason: 'scale-down' });
    if (monotonic) return stop(`${pod.metadata.name} to terminate`);
  }

  const strategy = set.spec?.updateStrategy ?? { type: 'RollingUpdate' };
  if (strategy.type === 'OnDelete') return { actions };
  const updateMin: number = strategy.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target];
    if (pod && podRevision(pod) !== updateRevision && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod, reason: 'update' });
      return stop(`${pod.metadata.name} to be updated`);
    }
    if (!isHealthy(pod))
      return stop(`${pod?.metadata.name ?? `pod ${start + target}`} to be updated and healthy`);
  }
  return { actions };
}
