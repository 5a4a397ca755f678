// The ReplicaSet and ReplicationController controllers: the same loop (sync.ts) over two kinds
// that differ only in how their selector is written.
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { getControllerOf } from '../common/owners.js';
import { mapSelectorMatcher, selectorMatcher } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf } from '../controller.js';
import { type ReplicaSetFlavor, syncReplicaSet } from './sync.js';

export const REPLICASET = lookupKind('replicasets')!;
export const REPLICATIONCONTROLLER = lookupKind('replicationcontrollers')!;

const RS_FLAVOR: ReplicaSetFlavor = {
  kind: REPLICASET,
  matcher: (rs) => selectorMatcher(rs.spec?.selector),
};

const RC_FLAVOR: ReplicaSetFlavor = {
  kind: REPLICATIONCONTROLLER,
  // An RC without a selector selects its template's labels (API defaulting).
  matcher: (rc) => mapSelectorMatcher(rc.spec?.selector ?? rc.spec?.template?.metadata?.labels),
};

function controllerFor(ctx: ControllerContext, flavor: ReplicaSetFlavor, name: string): Controller {
  const { registry } = ctx;
  /** A pod wakes its controller, or every set that could adopt it when it is an orphan. */
  const podKeys = (pod: KObject): string[] => {
    const ref = getControllerOf(pod);
    if (ref) return ref.kind === flavor.kind.kind ? [`${pod.metadata.namespace}/${ref.name}`] : [];
    return registry
      .list(flavor.kind, { namespace: pod.metadata.namespace })
      .filter((set) => flavor.matcher(set)(pod.metadata.labels))
      .map(keyOf);
  };
  return {
    name,
    watches: [
      { kind: flavor.kind, keys: (set) => [keyOf(set)] },
      { kind: POD, keys: podKeys },
    ],
    resyncKeys: () => registry.list(flavor.kind).map(keyOf),
    reconcile: (key) => syncReplicaSet(ctx, flavor, key),
  };
}

export const replicaSetController = (ctx: ControllerContext): Controller =>
  controllerFor(ctx, RS_FLAVOR, 'replicaset-controller');

export const replicationControllerController = (ctx: ControllerContext): Controller =>
  controllerFor(ctx, RC_FLAVOR, 'replication-controller');
