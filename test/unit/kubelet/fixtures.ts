// One base pod and observed-container builders; cases mutate copies of them.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { containerHash } from '../../../src/kubelet/container-spec.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';

export const NOW = Date.parse('2026-11-22T10:00:00Z');
export const iso = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString();

export function basePod(mutate: (p: Pod) => void = () => {}): Pod {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
    spec: {
      restartPolicy: 'Always',
      nodeName: 'node',
      containers: [
        { name: 'app', image: 'busybox:1.36' },
        { name: 'side', image: 'busybox:1.36' },
      ],
    },
  };
  mutate(pod);
  return pod;
}

let seq = 0;
export function sandbox(state: ObservedContainer['state'] = 'running'): ObservedContainer {
  return container('', 0, state, { type: 'sandbox', id: 'sandbox', ip: '172.18.0.2' });
}

export function container(
  name: string,
  attempt: number,
  state: ObservedContainer['state'],
  extra: Partial<ObservedContainer> = {},
): ObservedContainer {
  seq++;
  return {
    id: `${name || 'sandbox'}-${attempt}-${seq}`,
    dockerName: `mkube_default_web_${name}_${attempt}`,
    podUid: 'uid-1',
    namespace: 'default',
    podName: 'web',
    name,
    type: 'app',
    attempt,
    specHash: containerHash({ name, image: 'busybox:1.36' }),
    image: 'busybox:1.36',
    imageId: 'sha256:abc',
    state,
    exitCode: 0,
    oomKilled: false,
    createdAt: iso(60_000),
    startedAt: iso(50_000),
    finishedAt: state === 'exited' ? iso(5_000) : undefined,
    ...extra,
  };
}
