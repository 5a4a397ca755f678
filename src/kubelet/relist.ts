// The PLEG's relist decision, pure: which pods to sync after one `docker ps`. A pod is synced
// when its containers changed since the last relist (a Docker event we missed), when it is not
// settled here yet (unbound, being deleted), when the engine could not be listed, or on a full
// resync. Everything else already got its sync from the event that changed it.
import type { KObject } from '../api/types.js';
import type { ObservedContainer } from '../runtime/types.js';

export interface RelistInput {
  pods: readonly KObject[];
  /** undefined when the engine could not be listed. */
  containers: readonly ObservedContainer[] | undefined;
  /** Each pod's containers at the last relist, by pod uid. */
  previous: ReadonlyMap<string, string>;
  full: boolean;
}

export interface RelistPlan {
  /** `namespace/name` of the pods to sync, in the pods' order. */
  sync: string[];
  /** Each live pod's containers now, by pod uid (the next relist's `previous`). */
  prints: Map<string, string>;
}

/** What matters of a pod's containers: which ones, and their state and times. */
function printsOf(containers: readonly ObservedContainer[]): Map<string, string> {
  const prints = new Map<string, string>();
  for (const c of containers) {
    const line = `${c.id}:${c.state}:${c.exitCode}:${c.startedAt ?? ''}:${c.finishedAt ?? ''}`;
    prints.set(c.podUid, prints.has(c.podUid) ? `${prints.get(c.podUid)}|${line}` : line);
  }
  return prints;
}

export function computeRelist({ pods, containers, previous, full }: RelistInput): RelistPlan {
  const now = printsOf(containers ?? []);
  const sync: string[] = [];
  const prints = new Map<string, string>();
  for (const pod of pods) {
    const uid = pod.metadata.uid!;
    const print = now.get(uid) ?? '';
    prints.set(uid, print);
    const unsettled = !pod.spec?.nodeName || !!pod.metadata.deletionTimestamp;
    if (full || containers === undefined || unsettled || previous.get(uid) !== print) {
      sync.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
    }
  }
  return { sync, prints };
}
