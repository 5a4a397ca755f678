// The Service strategy: type-dependent fields on update, and allocation of ClusterIPs and
// NodePorts as admission, inside the store's write lock, from the Services stored at that instant.

import { parseCidr } from '../../api/ipv4.js';
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';
import { DEFAULT_NODE_PORT_RANGE } from '../allocators/node-port.js';
import { DEFAULT_SERVICE_RANGE } from '../allocators/service-range.js';
import { serviceRangeOf } from '../service-network.js';
import type { Strategy } from '../strategy-types.js';
import { allocateService, heldBy, prepareServiceUpdate } from './service-alloc.js';

const SERVICE = lookupKind('services')!;

function admit(obj: KObject, current: StoreReader): KObject {
  const range = parseCidr(serviceRangeOf(current.home) ?? DEFAULT_SERVICE_RANGE)!;
  const held = heldBy(current.list(SERVICE), obj.metadata);
  return allocateService(obj, { range, nodePorts: DEFAULT_NODE_PORT_RANGE, ...held });
}

export const serviceStrategy: Strategy = {
  prepareForUpdate: prepareServiceUpdate,
  admit,
};
