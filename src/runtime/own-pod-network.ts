// Whether this agent plumbs pods' networks itself (pod-plumbing.ts), and the addresses it hands
// out: only as root, on a network made with the pods' half of the subnet (network.ts), unless
// MKUBE_POD_NETWORK=docker asks for Docker's own attach (to compare the two, or to get around a
// host where veths cannot be made).
import { dockerBridgeName } from './bridge-name.js';
import { cidrRange, PodAddressAllocator, parseCidr } from './pod-addresses.js';
import { hostInterfaceName } from './pod-plumbing.js';
import type { OwnNetwork } from './sandbox.js';
import type { NetworkInfo, ObservedContainer } from './types.js';

export interface OwnPodNetwork {
  /** The plumbing of the next sandbox, with a fresh address. */
  next(): Promise<OwnNetwork>;
}

/**
 * Running sandboxes whose plumbing never happened (the agent died between their start and their
 * veth): the host end is named after the sandbox, so its absence tells. Such a pod has no network,
 * as a sandbox whose CNI setup failed; removing it makes the kubelet start the pod afresh.
 */
export function unplumbedSandboxes(
  containers: ObservedContainer[],
  hostInterfaceExists: (name: string) => boolean,
): string[] {
  return containers
    .filter((c) => c.type === 'sandbox' && c.state === 'running' && c.ownNetwork)
    .filter((c) => !hostInterfaceExists(hostInterfaceName(c.id)))
    .map((c) => c.id);
}

export async function ownPodNetwork(
  network: NetworkInfo,
  listSandboxes: () => Promise<ObservedContainer[]>,
  env: NodeJS.ProcessEnv = process.env,
  isRoot = process.getuid?.() === 0,
): Promise<OwnPodNetwork | undefined> {
  if (env.MKUBE_POD_NETWORK === 'docker' || !isRoot) return undefined;
  const range = network.podAddresses ? cidrRange(network.podAddresses) : undefined;
  const subnet = network.subnets.map(parseCidr).find((s) => s !== undefined);
  if (!range || !subnet || !network.gateway) return undefined;
  const inUse = async () =>
    (await listSandboxes()).flatMap((c) => (c.type === 'sandbox' && c.ip ? [c.ip] : []));
  const allocator = new PodAddressAllocator(range, await inUse(), inUse);
  const fixed = {
    prefixLength: subnet.prefix,
    gateway: network.gateway,
    bridge: dockerBridgeName({ Id: network.id, Options: network.options }),
  };
  return { next: async () => ({ ...fixed, ip: await allocator.next() }) };
}
