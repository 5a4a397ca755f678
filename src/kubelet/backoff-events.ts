// The events a container held in back-off gets each time the kubelet looks at it, worded as the
// kubelet's: a crash loop's Warning BackOff (kuberuntime_manager), an image pull's Normal BackOff
// then the sync error `Error: ImagePullBackOff` (images/image_manager.go).
import type { Container } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import type { WaitingInfo } from './actions.js';
import type { KubeletDeps } from './deps.js';
import { fieldPath } from './kill.js';

/** The back-off reasons that have events. */
export const BACKOFF_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff']);

/** Events (type, reason, message) for one container waiting with `info`. Pure. */
export function backOffEvents(
  pod: KObject,
  container: Container,
  info: WaitingInfo,
): Array<{ type: 'Normal' | 'Warning'; reason: string; message: string }> {
  const m = pod.metadata;
  if (info.reason === 'CrashLoopBackOff') {
    const message = `Back-off restarting failed container ${container.name} in pod ${m.name}_${m.namespace}(${m.uid})`;
    return [{ type: 'Warning', reason: 'BackOff', message }];
  }
  if (info.reason === 'ImagePullBackOff') {
    return [
      { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${container.image}"` },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
    ];
  }
  return [];
}

export async function recordBackOff(
  podObj: KObject,
  name: string,
  info: WaitingInfo,
  deps: KubeletDeps,
): Promise<void> {
  const init = (podObj.spec?.initContainers ?? []).find((c: Container) => c.name === name);
  const container = init ?? (podObj.spec?.containers ?? []).find((c: Container) => c.name === name);
  if (!container) return;
  for (const e of backOffEvents(podObj, container, info)) {
    await deps.events.record({
      object: podObj,
      ...e,
      fieldPath: fieldPath({ type: init ? 'init' : 'app', name }),
      component: 'kubelet',
      host: deps.nodeName,
    });
  }
}
