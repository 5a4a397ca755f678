// The executor's volume step for configMap, secret, downwardAPI and projected volumes: write them
// (first time, or the live update of a running pod) and, when a source is missing for a pod that
// has something to start, say so with the kubelet's FailedMount event (at most once per back-off
// period) so the caller holds the pod in ContainerCreating, as WaitForAttachAndMount does.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import type { PodActions } from './actions.js';
import { setUpConfigVolumes } from './config-volumes.js';
import type { KubeletDeps } from './deps.js';
import type { PodState } from './pod-state.js';
import { isProjectedKind } from './volume-payload.js';

/** How soon a pod waiting for a volume's source looks again (a watch event usually comes first). */
export const VOLUME_RETRY_MS = 2000;
/** How long a source may be missing before the FailedMount event (the pod waits either way). */
const MOUNT_EVENT_GRACE_MS = 1000;

function configVolumes(pod: Pod, podIP: string | undefined, actions: PodActions, deps: KubeletDeps) {
  if (!(pod.spec?.volumes ?? []).some(isProjectedKind)) return { ok: true as const };
  if (!deps.volumeDirs) return { ok: false as const, message: 'the kubelet has no directory for volumes' };
  // A pod on its way out keeps what it has.
  if (pod.metadata?.deletionTimestamp || actions.stopSandbox) return { ok: true as const };
  return setUpConfigVolumes(pod, deps.volumeDirs, deps.payloadSources, { podIP, hostIP: deps.hostIP });
}

/** True when the pod must wait for its volumes (nothing may be created or started this sync). */
export async function mustWaitForVolumes(
  podObj: KObject,
  podIP: string | undefined,
  actions: PodActions,
  state: PodState,
  deps: KubeletDeps,
): Promise<boolean> {
  const pod = podObj as unknown as Pod;
  const volumes = configVolumes(pod, podIP, actions, deps);
  if (volumes.ok || !(actions.createSandbox || actions.start.length)) {
    state.doneWaiting('FailedMount');
    return false;
  }
  // A source written a moment ago (the agent's own `default` ServiceAccount and kube-root-ca.crt at
  // start, a ConfigMap applied with its pod) may not have reached the kubelet's cache yet: wait a
  // little before calling it missing.
  const now = Date.now();
  if (now - state.waitingSince('FailedMount', now) < MOUNT_EVENT_GRACE_MS) return true;
  if (state.backOffEventDue('FailedMount', now)) {
    deps.log(`pod ${pod.metadata?.namespace}/${pod.metadata?.name}: ${volumes.message}`);
    await deps.events.record({
      object: podObj,
      type: 'Warning',
      reason: 'FailedMount',
      message: volumes.message,
      component: 'kubelet',
      host: deps.nodeName,
    });
  }
  return true;
}
