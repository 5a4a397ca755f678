// Which Docker container a pod container's log comes from (the kubelet's choice of attempt),
// shared by `mkube logs` and the API server's pods/log.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../api/errors.js';
import type { ObservedContainer } from './types.js';

/** Attempts of one container, newest first. */
export function attemptsOf(observed: ObservedContainer[], name: string): ObservedContainer[] {
  return observed
    .filter((c) => c.type !== 'sandbox' && c.name === name)
    .sort((a, b) => b.attempt - a.attempt);
}

interface ContainerStatusLike {
  name: string;
  state?: { waiting?: { reason?: string } };
}

/**
 * The Docker container whose log `logs` prints, following the kubelet's validateContainerLogStatus:
 * --previous is the attempt before the newest; otherwise the newest that has started (during a
 * restart back-off that is the one that exited). No such container is a BadRequest with the
 * kubelet's wording.
 */
export function logsTarget(
  pod: Pod,
  name: string,
  observed: ObservedContainer[],
  previous: boolean,
): ObservedContainer {
  const podName = pod.metadata?.name ?? '';
  const attempts = attemptsOf(observed, name);
  const bad = (msg: string) => new ApiError('BadRequest', msg);
  if (previous) {
    const prev = attempts[1];
    if (!prev) throw bad(`previous terminated container "${name}" in pod "${podName}" not found`);
    return prev;
  }
  const started = attempts.find((c) => c.state !== 'created');
  if (started) return started;
  const statuses: ContainerStatusLike[] = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === name);
  if (!status) throw bad(`container "${name}" in pod "${podName}" is not available`);
  const reason = status.state?.waiting?.reason;
  if (reason === 'ErrImagePull')
    throw bad(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') {
    throw bad(
      `container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
    );
  }
  if (reason) throw bad(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
  throw bad(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}
