// The node lifecycle controller's rule, applied when reading: a node whose kubelet (the agent)
// has not posted status for the grace period is Ready=Unknown, whoever looks. On a cluster the
// controller-manager writes this; here the agent that would write it may be the one that died.
import type { KObject } from './types.js';

/** kube-controller-manager's --node-monitor-grace-period. */
export const NODE_MONITOR_GRACE_MS = 40_000;

export function withNodeLifecycle(node: KObject, now = Date.now()): KObject {
  const conditions: any[] = node.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'Unknown') return node;
  const beat = Date.parse(ready.lastHeartbeatTime ?? '');
  if (Number.isFinite(beat) && now - beat <= NODE_MONITOR_GRACE_MS) return node;
  const at = `${new Date(now).toISOString().slice(0, 19)}Z`;
  const stale = conditions.map((c) =>
    ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type)
      ? {
          ...c,
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: at,
        }
      : c,
  );
  return { ...node, status: { ...node.status, conditions: stale } };
}
