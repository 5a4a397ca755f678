// A pod already being killed can be deleted again with a shorter grace period: the API server
// shortens deletionGracePeriodSeconds (never lengthens it), and the kubelet's pod worker cancels
// the kill in flight and kills again within the new period (pod_workers.go, "grace period
// shortened"). mkube's kill waits in one `docker stop`; this watches the pod meanwhile.
import type { KObject } from '../api/types.js';

/**
 * The grace period to kill with now, if the pod's deletion asks for less than `current` seconds
 * (undefined otherwise). A pod gone from the API (a forced deletion) is 0. Pure.
 */
export function shortenedGrace(pod: KObject | undefined, uid: string, current: number): number | undefined {
  if (!pod || pod.metadata.uid !== uid) return 0;
  const requested = pod.metadata.deletionGracePeriodSeconds;
  return requested !== undefined && requested < current ? requested : undefined;
}

export interface GraceWatch {
  /** The pod as the API has it now. */
  current(): KObject | undefined;
  /** Stop the container again within `graceSeconds` (resolves when it has stopped). */
  stopWithin(graceSeconds: number): Promise<void>;
  pollMs?: number;
}

/**
 * Wait for `stopping` (the stop in flight, given `grace` seconds), stopping again each time the
 * pod's deletion grace period becomes shorter than the one in force.
 */
export async function stopHonouringShorterGrace(
  stopping: Promise<void>,
  uid: string,
  grace: number,
  watch: GraceWatch,
): Promise<void> {
  let done = false;
  const finished = stopping.finally(() => {
    done = true;
  });
  let inForce = grace;
  const restops: Promise<void>[] = [];
  while (!done) {
    await Promise.race([finished, new Promise((r) => setTimeout(r, watch.pollMs ?? 250))]);
    if (done) break;
    const shorter = shortenedGrace(watch.current(), uid, inForce);
    if (shorter === undefined) continue;
    inForce = shorter;
    restops.push(watch.stopWithin(shorter));
  }
  await finished;
  await Promise.all(restops);
}
