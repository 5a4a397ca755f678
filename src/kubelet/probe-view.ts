// What the pod sync reads from the probe results cache: which running containers a failed
// liveness or startup probe condemns, and readiness/startup per container for the status. App
// containers and sidecars (restartable init containers) are probed alike.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { isSidecar } from './actions.js';
import type { PodObservation } from './observed.js';
import type { ProbeManager, RunningContainer } from './prober/manager.js';

/** Running containers whose liveness or startup probe says Failure must be killed. */
export function probeKills(
  observed: PodObservation,
  probes: ProbeManager,
): Map<string, 'liveness' | 'startup'> {
  const kills = new Map<string, 'liveness' | 'startup'>();
  for (const list of observed.byName.values()) {
    const cur = list[0];
    if (cur?.state !== 'running') continue;
    if (probes.result(cur.id, 'startup') === 'Failure') kills.set(cur.id, 'startup');
    else if (probes.result(cur.id, 'liveness') === 'Failure') kills.set(cur.id, 'liveness');
  }
  return kills;
}

/** The containers that have probes run while they run: sidecars, then app containers. */
export const probedContainers = (pod: Pod): Container[] => [
  ...(pod.spec?.initContainers ?? []).filter(isSidecar),
  ...(pod.spec?.containers ?? []),
];

/** Readiness and startup per container name, from the probe results of its current container. */
export function probeView(pod: Pod, observed: PodObservation, probes: ProbeManager) {
  const readiness = new Map<string, boolean>();
  const started = new Map<string, boolean>();
  const running: RunningContainer[] = [];
  for (const c of probedContainers(pod)) {
    const cur = observed.byName.get(c.name)?.[0];
    if (cur?.state !== 'running') continue;
    running.push({
      container: c,
      id: cur.id,
      startedAt: cur.startedAt ? Date.parse(cur.startedAt) : Date.now(),
    });
    const startup = probes.result(cur.id, 'startup');
    started.set(c.name, !c.startupProbe || startup === 'Success');
    const ready = probes.result(cur.id, 'readiness');
    readiness.set(c.name, !c.readinessProbe || ready === 'Success');
  }
  return { readiness, started, running };
}
