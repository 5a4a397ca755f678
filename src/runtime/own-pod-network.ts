// Whether this agent plumbs pods' networks itself (pod-plumbing.ts), and the addresses it hands
// out: only as root on Linux, on a network made with the pods' half of the subnet (network.ts), unless
// MKUBE_POD_NETWORK=docker asks for Docker's own attach (to compare the two, or to get around a
// host where veths cannot be made).
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { dockerBridgeName } from './bridge-name.js';
import { canEnterNetns } from './netns-dial.js';
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

/** What of the host decides whether and how pods are plumbed (a test gives its own). */
export interface PlumbingHost {
  /** Root on Linux: veths can be made and the pod's namespace entered (netns-dial.ts). */
  canEnterNetns: boolean;
  /** Whether a command is on the PATH (`ip` from iproute2, `nsenter` from util-linux). */
  hasCommand(name: string): boolean;
  /** The bridge's MTU (the pods' eth0 gets the same), when it can be read. */
  bridgeMtu(bridge: string): number | undefined;
}

export const thisHost: PlumbingHost = {
  canEnterNetns: canEnterNetns(),
  hasCommand: (name) =>
    (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name))),
  bridgeMtu(bridge) {
    try {
      return Number(readFileSync(`/sys/class/net/${bridge}/mtu`, 'utf8')) || undefined;
    } catch {
      return undefined;
    }
  },
};

export async function ownPodNetwork(
  network: NetworkInfo,
  listSandboxes: () => Promise<ObservedContainer[]>,
  log: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  host: PlumbingHost = thisHost,
): Promise<OwnPodNetwork | undefined> {
  if (env.MKUBE_POD_NETWORK === 'docker' || !host.canEnterNetns) return undefined;
  const range = network.podAddresses ? cidrRange(network.podAddresses) : undefined;
  const subnet = network.subnets.map(parseCidr).find((s) => s !== undefined);
  if (!range || !subnet || !network.gateway) return undefined;
  const missing = ['ip', 'nsenter'].filter((c) => !host.hasCommand(c));
  if (missing.length) {
    log(`pods use Docker's network attach: ${missing.join(' and ')} not found on the PATH`);
    return undefined;
  }
  const inUse = async () =>
    (await listSandboxes()).flatMap((c) => (c.type === 'sandbox' && c.ip ? [c.ip] : []));
  const allocator = new PodAddressAllocator(range, await inUse(), inUse);
  const bridge = dockerBridgeName({ Id: network.id, Options: network.options });
  const mtu = host.bridgeMtu(bridge);
  const fixed = { prefixLength: subnet.prefix, gateway: network.gateway, bridge, ...(mtu ? { mtu } : {}) };
  return { next: async () => ({ ...fixed, ip: await allocator.next() }) };
}
