// Which of a workload's pods kubectl picks (polymorphichelpers GetFirstPod): `logs` sorts with
// podutils.ByLogging, `exec`/`attach`/`port-forward` with sort.Reverse(podutils.ActivePods). Both
// put scheduled, running, ready pods first, then the longest ready; they differ on restarts
// (logs prefers the pod that restarted most: its log is the interesting one) and on Unknown.
import type { KObject } from '../api/types.js';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

const readyCondition = (p: KObject): Condition | undefined =>
  (p.status?.conditions ?? []).find((c: Condition) => c.type === 'Ready');
const isReady = (p: KObject) => readyCondition(p)?.status === 'True';
/** When the pod became ready; Infinity for none (afterOrZero: a zero time sorts last). */
const readySince = (p: KObject) => Date.parse(readyCondition(p)?.lastTransitionTime ?? '') || Infinity;
const maxRestarts = (p: KObject) =>
  Math.max(
    0,
    ...(p.status?.containerStatuses ?? []).map((c: { restartCount?: number }) => c.restartCount ?? 0),
  );
const created = (p: KObject) => Date.parse(p.metadata.creationTimestamp ?? '') || Infinity;

/** Compare by a list of keys, each ascending. */
function byKeys(keys: (p: KObject) => number[]): (a: KObject, b: KObject) => number {
  return (a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  };
}

const ATTACH_PHASE: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const LOGGING_PHASE: Record<string, number> = { Unknown: 0, Running: 1, Pending: 2 };

/** sort.Reverse(ActivePods): scheduled, running, ready, ready longest, fewer restarts, older first. */
export const mostActiveFirst = byKeys((p) => [
  p.spec?.nodeName ? 0 : 1,
  ATTACH_PHASE[p.status?.phase ?? 'Pending'] ?? 2,
  isReady(p) ? 0 : 1,
  isReady(p) ? readySince(p) : 0,
  maxRestarts(p),
  created(p),
]);

/** ByLogging: scheduled, Unknown/Running/Pending, ready, ready longest, more restarts, older first. */
export const byLogging = byKeys((p) => [
  p.spec?.nodeName ? 0 : 1,
  LOGGING_PHASE[p.status?.phase ?? 'Pending'] ?? 2,
  isReady(p) ? 0 : 1,
  isReady(p) ? readySince(p) : 0,
  -maxRestarts(p),
  created(p),
]);
