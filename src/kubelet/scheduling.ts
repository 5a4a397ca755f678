// The scheduler's filter and the taint manager's clock for a one-node cluster (pure). The filter
// runs kube-scheduler's plugins in their order (NodeUnschedulable, TaintToleration, NodeAffinity's
// nodeSelector) and stops at the first that rejects the node, as the framework does; the message
// is FitError's, with the preemption plugin's verdict, word for word.
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';

export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** v1helper.ToleratesTaint: key (empty + Exists = any), operator Equal/Exists, effect (empty = any). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      // An empty key tolerates everything only with Exists (validation refuses Equal there).
      if (!toleration.key) return false;
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function toleratesAll(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** Why the node does not fit the pod (a scheduler plugin's reason), or undefined when it fits. */
export function unfitReason(pod: Pod, node: Node): string | undefined {
  const tolerations = pod.spec?.tolerations;
  if (
    node.spec?.unschedulable &&
    !toleratesAll(tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })
  )
    return 'node(s) were unschedulable';
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!toleratesAll(tolerations, taint))
      return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  }
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  }
  return undefined;
}

/** FitError.Error() for one node plus the default preemption plugin's message. */
export function failedSchedulingMessage(reason: string): string {
  return `0/1 nodes are available: 1 ${reason}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
}

export type NoExecuteVerdict = { evict: true } | { evict: false; recheckInMs?: number };

/**
 * The taint manager for one pod: a NoExecute taint the pod does not tolerate evicts it now; when
 * every one is tolerated, the smallest tolerationSeconds among the matching tolerations (counted
 * from the taint's timeAdded) is when it goes; none set means it stays.
 */
export function noExecuteVerdict(pod: Pod, node: Node, now: number): NoExecuteVerdict {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  let deadline: number | undefined;
  for (const taint of taints) {
    const matching = (pod.spec?.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return { evict: true };
    const seconds = matching
      .map((t) => t.tolerationSeconds)
      .filter((s): s is number => s !== undefined && s !== null);
    if (seconds.length === 0) continue;
    const since = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
    const at = since + Math.max(0, Math.min(...seconds)) * 1000;
    deadline = deadline === undefined ? at : Math.min(deadline, at);
  }
  if (deadline === undefined) return { evict: false };
  if (deadline <= now) return { evict: true };
  return { evict: false, recheckInMs: deadline - now };
}
