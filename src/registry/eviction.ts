// POST pods/NAME/eviction: delete a pod unless that would break its PodDisruptionBudget (429,
// as the API server's eviction REST does). mkube has no disruption controller, so the budget's
// numbers are computed here from the pods the budget selects, the way that controller would.
import { ApiError } from '../api/errors.js';
import { lookupKind, POD } from '../api/kinds.js';
import { labelSelectorFromObject, matchesLabels } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { Registry } from './registry.js';

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

const isReady = (p: KObject) =>
  (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
const isTerminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** An intOrString of a budget: a count, or a percentage of `expected` rounded up. */
function scaled(value: number | string, expected: number): number {
  if (typeof value === 'number') return value;
  const pct = Number.parseInt(value.replace('%', ''), 10);
  return Math.ceil((pct * expected) / 100);
}

export interface BudgetView {
  expected: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

/** The disruption controller's arithmetic for one budget over the pods it selects (pure). */
export function budgetView(pdb: KObject, pods: KObject[]): BudgetView {
  const selected = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const expected = selected.length;
  const currentHealthy = selected.filter(isReady).length;
  const spec = pdb.spec ?? {};
  let desiredHealthy = 0;
  if (spec.minAvailable !== undefined) desiredHealthy = scaled(spec.minAvailable, expected);
  else if (spec.maxUnavailable !== undefined)
    desiredHealthy = Math.max(0, expected - scaled(spec.maxUnavailable, expected));
  return {
    expected,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}

/** Whether evicting `pod` is allowed by `pdbs` (those in its namespace); the reason when not. */
export function evictionRefusal(
  pod: KObject,
  pdbs: KObject[],
  podsInNamespace: KObject[],
): ApiError | undefined {
  if (isTerminal(pod) || pod.metadata.deletionTimestamp) return undefined;
  const matching = pdbs.filter((pdb) => {
    const selector = labelSelectorFromObject(pdb.spec?.selector);
    return pdb.spec?.selector && matchesLabels(selector, pod.metadata.labels);
  });
  if (matching.length === 0) return undefined;
  if (matching.length > 1)
    return new ApiError(
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  const pdb = matching[0]!;
  const selector = labelSelectorFromObject(pdb.spec?.selector);
  const view = budgetView(
    pdb,
    podsInNamespace.filter((p) => matchesLabels(selector, p.metadata.labels)),
  );
  // IfHealthyBudget: an unready pod may go while the budget is met.
  if (!isReady(pod) && view.currentHealthy >= view.desiredHealthy) return undefined;
  if (view.disruptionsAllowed > 0) return undefined;
  return new ApiError('TooManyRequests', PDB_VIOLATION);
}

export interface EvictOptions {
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

/** Evict: the budget check, then the pod's ordinary graceful delete. NotFound when it is gone. */
export async function evictPod(
  registry: Registry,
  namespace: string,
  name: string,
  opts: EvictOptions = {},
): Promise<KObject> {
  const pod = registry.get(POD, namespace, name);
  if (!pod) throw ApiError.notFound('pods', name);
  const PDB = lookupKind('poddisruptionbudgets');
  const pdbs = PDB ? registry.list(PDB, { namespace }) : [];
  const refusal = evictionRefusal(pod, pdbs, registry.list(POD, { namespace }));
  if (refusal) throw refusal;
  return registry.delete(POD, namespace, name, {
    gracePeriodSeconds: opts.gracePeriodSeconds,
    uid: pod.metadata.uid,
    dryRun: opts.dryRun,
  });
}
