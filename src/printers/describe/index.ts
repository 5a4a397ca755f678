// `describe` for any object: the dedicated describers (pod, node, namespace, ...) or the
// generic one; `gatherAndDescribe` reads what a describer needs (events, pods on a node, quotas).
import { type KindInfo, lookupKind } from '../../api/kinds.js';
import type { ObjectSource } from '../../api/reader.js';
import type { KObject } from '../../api/types.js';
import { describeHorizontalPodAutoscaler } from './autoscaling.js';
import { eventsFor } from './common.js';
import { describeEndpointSlice, describeEndpoints } from './endpoints.js';
import { describeGeneric, describeNamespace } from './generic.js';
import { describeNode } from './node.js';
import { describePod } from './pod.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage.js';
import { describeWorkload, hasWorkloadDescriber } from './workloads.js';

export { describeEndpointSlice, describeEndpoints, formatEndpointSlices } from './endpoints.js';
export { describeGeneric, describeNamespace } from './generic.js';
export { describeNode } from './node.js';
export { describePod, podQOS } from './pod.js';

const EVENT = lookupKind('events')!;
const POD = lookupKind('pods')!;

export interface DescribeOptions {
  showEvents: boolean;
  now: number;
}

/** The describe text for `obj` of `kind`, reading related objects from the store. */
export function gatherAndDescribe(
  store: Pick<ObjectSource, 'list'>,
  kind: KindInfo,
  obj: KObject,
  opts: DescribeOptions,
): string {
  const events = () => {
    if (!opts.showEvents) return undefined;
    const namespace = kind.namespaced ? obj.metadata.namespace : undefined;
    return eventsFor(obj, store.list(EVENT, { namespace }));
  };
  switch (kind.kind) {
    case 'Pod':
      return describePod(obj, events(), opts.now);
    case 'Node': {
      const pods = store
        .list(POD)
        .filter((p) => p.spec?.nodeName === obj.metadata.name)
        .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      return describeNode(obj, pods, events(), opts.now);
    }
    case 'Endpoints':
      return describeEndpoints(obj, events(), opts.now);
    case 'EndpointSlice':
      return describeEndpointSlice(obj, events(), opts.now);
    case 'PersistentVolume':
      return describePersistentVolume(obj, events(), opts.now);
    case 'PersistentVolumeClaim':
      return describePersistentVolumeClaim(
        obj,
        store.list(POD, { namespace: obj.metadata.namespace }),
        events(),
        opts.now,
      );
    case 'StorageClass':
      return describeStorageClass(obj, events(), opts.now);
    case 'HorizontalPodAutoscaler':
      return describeHorizontalPodAutoscaler(obj, events(), opts.now);
    case 'Namespace': {
      const ns = obj.metadata.name;
      const quotas = store.list(lookupKind('resourcequotas')!, { namespace: ns });
      const limits = store.list(lookupKind('limitranges')!, { namespace: ns });
      return describeNamespace(obj, quotas, limits);
    }
  }
  if (hasWorkloadDescriber(kind.kind)) {
    const pods = kind.namespaced ? store.list(POD, { namespace: obj.metadata.namespace }) : [];
    return describeWorkload(kind.kind, obj, { pods, events: events(), now: opts.now, store });
  }
  return describeGeneric(obj, events() ?? (opts.showEvents ? [] : undefined), opts.now);
}
