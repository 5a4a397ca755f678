// `endpoints.RepackSubsets`: from one subset per (pod, port) to the canonical layout, where every
// subset is a set of addresses (ready and not ready) and the ports they all serve. Pods whose named
// targetPort resolves to different numbers end up in different subsets.
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** One address offering one port (none: a headless Service without ports), ready or not. */
export interface AddressPort {
  address: EndpointAddress;
  port: EndpointPort | undefined;
  ready: boolean;
}

const addressKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort | undefined) =>
  p ? JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? '']) : '';

/** IPv4 as a number, for the numeric order Go's bytes.Compare of parsed IPs gives. */
function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** `addrsByIPAndUID`. */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const byIP = ipNumber(a.ip) - ipNumber(b.ip);
  if (byIP !== 0) return byIP;
  const [ua, ub] = [a.targetRef?.uid ?? '', b.targetRef?.uid ?? ''];
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return a.port - b.port || portKey(a).localeCompare(portKey(b));
}

/**
 * Kubernetes orders ports and subsets by a hash of their contents (an order nobody can rely on);
 * mkube orders them by port number, then by first address, so output is stable.
 */
function compareSubsets(a: EndpointSubset, b: EndpointSubset): number {
  const pa = a.ports?.[0]?.port ?? -1;
  const pb = b.ports?.[0]?.port ?? -1;
  if (pa !== pb) return pa - pb;
  const fa = a.addresses?.[0] ?? a.notReadyAddresses?.[0];
  const fb = b.addresses?.[0] ?? b.notReadyAddresses?.[0];
  return fa && fb ? compareAddresses(fa, fb) : 0;
}

export function repackSubsets(entries: AddressPort[]): EndpointSubset[] {
  // Each port (or the no-port sentinel) -> the addresses offering it; ready wins over not ready.
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, boolean> }>();
  for (const { address, port, ready } of entries) {
    const ak = addressKey(address);
    if (!addresses.has(ak)) addresses.set(ak, address);
    const pk = portKey(port);
    const group = byPort.get(pk) ?? { port, addrs: new Map<string, boolean>() };
    byPort.set(pk, group);
    group.addrs.set(ak, ready || (group.addrs.get(ak) ?? false));
  }
  // Ports that the very same addresses (with the same readiness) offer share one subset.
  const bySet = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const setKey = JSON.stringify([...addrs.entries()].sort());
    const subset = bySet.get(setKey) ?? { addrs, ports: [] };
    bySet.set(setKey, subset);
    if (port) subset.ports.push(port);
  }
  const subsets: EndpointSubset[] = [];
  for (const { addrs, ports } of bySet.values()) {
    const pick = (ready: boolean) =>
      [...addrs.entries()]
        .filter(([, r]) => r === ready)
        .map(([k]) => addresses.get(k)!)
        .sort(compareAddresses);
    const ready = pick(true);
    const notReady = pick(false);
    subsets.push({
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(ports.length ? { ports: ports.sort(comparePorts) } : {}),
    });
  }
  return subsets.sort(compareSubsets);
}
