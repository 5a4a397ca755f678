// The node lifecycle controller's rule, applied when reading: a node whose kubelet (the agent)
// has not posted status for the grace period reads as Ready=Unknown, whoever looks, and carries
// the `node.kubernetes.io/unreachable` taints. On a cluster kube-controller-manager writes this;
// here the agent that would write it may be the one that died, so readers compute it.

import { rfc3339 } from './time.js';
import type { KObject } from './types.js';

/**
 * kube-controller-manager's --node-monitor-grace-period (40 s); MKUBE_NODE_MONITOR_GRACE_MS changes it
 * for every reader and the agent alike, as the flag does (it must stay above the 10 s heartbeat).
 */
export const NODE_MONITOR_GRACE_MS = Number(process.env.MKUBE_NODE_MONITOR_GRACE_MS) || 40_000;
/** --node-startup-grace-period: for a node whose kubelet never posted a Ready condition. */
export const NODE_STARTUP_GRACE_MS = 60_000;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

/** The conditions the controller takes over (NetworkUnavailable belongs to the control plane). */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface Condition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/**
 * When the node's status goes stale (ms since the epoch): its last heartbeat plus the grace
 * period, or its creation plus the startup grace period when it never posted Ready.
 * Undefined when it has no time to go by.
 */
export function nodeStaleAt(node: KObject): number | undefined {
  const ready = readyCondition(node);
  const created = Date.parse(node.metadata?.creationTimestamp ?? '');
  if (!ready) return Number.isFinite(created) ? created + NODE_STARTUP_GRACE_MS : undefined;
  const beat = Date.parse(ready.lastHeartbeatTime ?? '');
  if (Number.isFinite(beat)) return beat + NODE_MONITOR_GRACE_MS;
  return Number.isFinite(created) ? created + NODE_MONITOR_GRACE_MS : undefined;
}

/**
 * The node as the lifecycle controller leaves it at `now` (tryUpdateNodeHealth, then the
 * NoSchedule and NoExecute tainting passes). The same object when nothing changes.
 */
export function withNodeLifecycle(node: KObject, now = Date.now()): KObject {
  const conditions = staleConditions(node, now);
  const status = conditions ? { ...node.status, conditions } : node.status;
  const ready = (status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
  const taints = lifecycleTaints(node.spec?.taints ?? [], ready);
  if (!conditions && !taints) return node;
  const out: KObject = { ...node, status };
  if (taints) {
    const { taints: _old, ...spec } = node.spec ?? {};
    out.spec = taints.length ? { ...spec, taints } : spec;
  }
  return out;
}

function readyCondition(node: KObject): Condition | undefined {
  return (node.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
}

/** tryUpdateNodeHealth past the grace period: the new conditions, or undefined if none change. */
function staleConditions(node: KObject, now: number): Condition[] | undefined {
  const staleAt = nodeStaleAt(node);
  if (staleAt !== undefined && now <= staleAt) return undefined;
  // The controller notices within its 5s monitor period; the grace's end is the stable answer.
  const at = rfc3339(staleAt ?? now);
  const conditions: Condition[] = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of MONITORED) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: at,
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
      changed = true;
    } else if (conditions[i]!.status !== 'Unknown') {
      conditions[i] = {
        ...conditions[i]!,
        status: 'Unknown',
        lastTransitionTime: at,
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/**
 * The taints after the controller's passes for the Ready condition: Unknown -> unreachable,
 * False -> not-ready, each as NoSchedule and NoExecute; True (or absent) -> neither. Others'
 * taints stay as they are. Undefined when nothing changes.
 */
function lifecycleTaints(taints: Taint[], ready: Condition | undefined): Taint[] | undefined {
  const key =
    ready?.status === 'Unknown' ? TAINT_UNREACHABLE : ready?.status === 'False' ? TAINT_NOT_READY : undefined;
  const ours = (t: Taint) =>
    (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY) &&
    (t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const wanted = (t: Taint) => t.key === key;
  const kept = taints.filter((t) => !ours(t) || wanted(t));
  const added = ['NoSchedule', 'NoExecute']
    .filter((effect) => key && !kept.some((t) => t.key === key && t.effect === effect))
    .map((effect) => ({
      key: key!,
      effect,
      ...(ready?.lastTransitionTime ? { timeAdded: ready.lastTransitionTime } : {}),
    }));
  if (added.length === 0 && kept.length === taints.length) return undefined;
  return [...kept, ...added];
}
