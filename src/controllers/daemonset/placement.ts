// Whether a DaemonSet's pod may run on a node (the daemon controller's `NodeShouldRunDaemonPod`
// through the scheduler's predicates): nodeSelector, required node affinity, and the node's
// NoSchedule/NoExecute taints against the pod's tolerations plus the ones every daemon pod gets.
import type { KObject } from '../../api/types.js';

interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** `AddOrUpdateDaemonPodTolerations`: what the controller adds to every daemon pod. */
export function daemonTolerations(podSpec: { hostNetwork?: boolean } | undefined): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({
    key: `node.kubernetes.io/${key}`,
    operator: 'Exists',
    effect,
  });
  return [
    t('not-ready', 'NoExecute'),
    t('unreachable', 'NoExecute'),
    t('disk-pressure', 'NoSchedule'),
    t('memory-pressure', 'NoSchedule'),
    t('pid-pressure', 'NoSchedule'),
    t('unschedulable', 'NoSchedule'),
    ...(podSpec?.hostNetwork ? [t('network-unavailable', 'NoSchedule')] : []),
  ];
}

/** The pod's tolerations with the daemon ones added where the same key and effect is missing. */
export function withDaemonTolerations(podSpec: any): Toleration[] {
  const own: Toleration[] = [...(podSpec?.tolerations ?? [])];
  for (const t of daemonTolerations(podSpec)) {
    if (!own.some((o) => o.key === t.key && o.effect === t.effect)) own.push(t);
  }
  return own;
}

const tolerates = (t: Toleration, taint: Taint): boolean =>
  (!t.effect || t.effect === taint.effect) &&
  (t.operator === 'Exists'
    ? !t.key || t.key === taint.key
    : t.key === taint.key && (t.value ?? '') === (taint.value ?? ''));

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

function requirementMatches(req: Requirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const a = Number(value);
      const b = Number(values[0]);
      if (value === undefined || !Number.isInteger(a) || !Number.isInteger(b)) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A node selector term: its expressions (labels) and fields (metadata.name) all match; empty matches nothing. */
function termMatches(
  term: { matchExpressions?: Requirement[]; matchFields?: Requirement[] },
  node: KObject,
): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name))
  );
}

/** Why the daemon pod may not run on `node`, or undefined when it may. */
export function placementProblem(podSpec: any, node: KObject): string | undefined {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((podSpec?.nodeSelector ?? {}) as Record<string, string>)) {
    if (labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  }
  const terms =
    podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t: any) => termMatches(t, node)))
    return "node(s) didn't match Pod's node affinity/selector";
  if (podSpec?.nodeName && podSpec.nodeName !== node.metadata.name)
    return 'node(s) did not match the requested node name';
  const tolerations = withDaemonTolerations(podSpec);
  for (const taint of (node.spec?.taints ?? []) as Taint[]) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => tolerates(t, taint)))
      return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  }
  return undefined;
}
