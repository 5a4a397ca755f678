// The shape every controller has, so the agent can wire them all the same way: which kinds
// wake it (mapped to the keys it reconciles), and a level-triggered reconcile of one key.
import type { KindInfo } from '../api/kinds.js';
import type { MetricsSnapshot } from '../api/metrics.js';
import type { KObject } from '../api/types.js';
import type { Registry } from '../registry/registry.js';

export interface ReconcileResult {
  /** Reconcile this key again after this long (waiting for minReadySeconds, a deadline, ...). */
  requeueAfterMs?: number;
}

export interface ControllerContext {
  registry: Registry;
  /** Record an Event (deduplicated as Kubernetes does). */
  recordEvent(input: {
    object: KObject;
    type: 'Normal' | 'Warning';
    reason: string;
    message: string;
    /** The event source when it is not the controller itself (e.g. a provisioner). */
    component?: string;
  }): Promise<void>;
  log(message: string): void;
  /** The latest resource metrics (metrics.k8s.io), undefined when none are served. */
  metrics?: () => MetricsSnapshot | undefined;
  /** The clock (ms since the epoch); tests step it by hand. Defaults to Date.now. */
  now?: () => number;
}

export interface Controller {
  /** e.g. `replicaset-controller` (also the event source component). */
  readonly name: string;
  /** Keys are `namespace/name` (or `name` for cluster-scoped owners). */
  watches: ReadonlyArray<{ kind: KindInfo; keys: (obj: KObject) => string[] }>;
  /** Every key to reconcile on a periodic resync. */
  resyncKeys(): string[];
  /** Make the world right for one key. Never branch on what woke you. */
  reconcile(key: string): Promise<ReconcileResult>;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;

/** `namespace/name` of an object. */
export const keyOf = (obj: KObject) =>
  obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;

/** Keys of the controllers named in an object's ownerReferences with the given kind. */
export function ownerKeys(obj: KObject, ownerKind: string): string[] {
  return (obj.metadata.ownerReferences ?? [])
    .filter((ref) => ref.kind === ownerKind)
    .map((ref) => (obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name));
}

export function splitKey(key: string): [namespace: string | undefined, name: string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}
