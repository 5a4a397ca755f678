// The kill path, shared by every reason a container stops (deletion, probes, a failed postStart,
// a changed spec, the pod's deadline): the Killing event, preStop inside the grace period, then
// the stop signal and SIGKILL at the deadline.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import type { KillAction } from './actions.js';
import type { KubeletDeps } from './deps.js';
import { runHandler } from './handlers.js';
import { stopHonouringShorterGrace } from './shortened-grace.js';

/** The object path of a container in its pod, as events name it. */
export const fieldPath = (start: { type: 'init' | 'app'; name: string }) =>
  `spec.${start.type === 'init' ? 'initContainers' : 'containers'}{${start.name}}`;

/** The grace period of a kill: the deletion's, a probe's override, or the pod's (default 30s). */
function graceSeconds(pod: Pod, kill: KillAction, container: Container | undefined): number {
  if (kill.reason === 'PodDeleted' && pod.metadata?.deletionGracePeriodSeconds !== undefined) {
    return pod.metadata.deletionGracePeriodSeconds;
  }
  const probe =
    kill.reason === 'LivenessProbe'
      ? container?.livenessProbe
      : kill.reason === 'StartupProbe'
        ? container?.startupProbe
        : undefined;
  return probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}

/**
 * preStop (inside the grace period), then the stop signal, then SIGKILL at the deadline.
 * `spentMs` of the grace period went already (the pod's drain out of the data plane).
 */
export async function killContainer(
  podObj: KObject,
  kill: KillAction,
  deps: KubeletDeps,
  spentMs = 0,
): Promise<void> {
  const pod = podObj as unknown as Pod;
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === kill.name);
  const container = (isInit ? pod.spec?.initContainers : pod.spec?.containers)?.find(
    (c) => c.name === kill.name,
  );
  const grace = Math.max(0, graceSeconds(pod, kill, container) - spentMs / 1000);
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    deps.events.record({
      object: podObj,
      type,
      reason,
      message,
      fieldPath: fieldPath({ type: isInit ? 'init' : 'app', name: kill.name }),
      component: 'kubelet',
      host: deps.nodeName,
    });
  await event('Normal', 'Killing', kill.message);
  let remaining = Math.ceil(grace);
  const preStop = container?.lifecycle?.preStop;
  if (preStop && grace > 0) {
    const started = Date.now();
    const outcome = await runHandler(preStop, {
      runtime: deps.runtime,
      containerId: kill.id,
      container,
      podIP: pod.status?.podIP,
      timeoutMs: grace * 1000,
    });
    if (!outcome.ok) {
      deps.log(`preStop of ${pod.metadata?.name}/${kill.name} failed: ${outcome.message}`);
      await event('Warning', 'FailedPreStopHook', 'PreStopHook failed');
    }
    const elapsed = (Date.now() - started) / 1000;
    // The kubelet grants a one-off 2s extension when preStop used up the grace period.
    remaining = Math.max(2, Math.ceil(grace - elapsed));
  }
  const stopping = deps.runtime.stopContainer(kill.id, remaining);
  const uid = podObj.metadata.uid;
  if (kill.reason !== 'PodDeleted' || !deps.currentPod || !uid) return stopping;
  const { namespace, name } = podObj.metadata;
  const current = deps.currentPod;
  await stopHonouringShorterGrace(stopping, uid, remaining, {
    current: () => current(namespace, name!),
    stopWithin: (seconds) => deps.runtime.stopContainer(kill.id, seconds),
  });
}
