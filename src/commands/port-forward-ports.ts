// The pure half of `port-forward`: kubectl's port specs (`8080:80`, `:80`, `80`, `8443:https`),
// named ports resolved in the pod, Service ports translated to the pod's targetPort, and
// client-go's --address list. Every message is kubectl's (cmd/portforward/portforward.go,
// util/service_port.go, util/pod_port.go, client-go tools/portforward/portforward.go).
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { UserError } from '../api/errors.js';

/** One forward: a local port (0 = pick one) to a port in the pod. */
export interface ForwardedPort {
  local: number;
  remote: number;
}

/** Where to listen; `all`: localhost's pair, fine while one of them binds; `any`: must bind. */
export interface ListenAddress {
  address: string;
  family: 4 | 6;
  failureMode: 'all' | 'any';
}

/** kubectl's splitPort: `a:b` is (a, b); anything else — `a`, or `a:b:c` — is (a, a). */
export function splitPort(spec: string): [local: string, remote: string] {
  const parts = spec.split(':');
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  return [parts[0]!, parts[0]!];
}

const isAtoi = (s: string) => /^[+-]?\d+$/.test(s);

/** The number of a container port by name, in app then init containers (LookupContainerPortNumberByName). */
export function containerPortByName(pod: Pod, name: string): number {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) if ((p.name ?? '') === name) return p.containerPort;
  }
  throw new UserError(`Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

function servicePortByName(svc: Service, name: string): number {
  for (const p of svc.spec?.ports ?? []) if ((p.name ?? '') === name) return p.port;
  throw new UserError(`Service '${svc.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

/** The pod's port behind a Service port (LookupContainerPortNumberByServicePort). */
function containerPortByServicePort(svc: Service, pod: Pod, port: number): number {
  // A headless Service forwards to the port as given.
  if (svc.spec?.clusterIP === 'None') return port;
  for (const p of svc.spec?.ports ?? []) {
    if (p.port !== port) continue;
    const target = p.targetPort;
    if (typeof target === 'string') return containerPortByName(pod, target);
    return target ? target : p.port;
  }
  throw new UserError(`Service ${svc.metadata?.name ?? ''} does not have a service port ${port}`);
}

/** `local:remote`, or `remote` alone when the two are the same string. */
const joinSpec = (local: string, remote: string) => (local !== remote ? `${local}:${remote}` : remote);

/** Named remote ports of a pod made numbers (convertPodNamedPortToNumber). */
export function convertPodNamedPorts(specs: string[], pod: Pod): string[] {
  return specs.map((spec) => {
    const [local, remote] = splitPort(spec);
    if (remote === '') throw new UserError('remote port cannot be empty');
    const number = isAtoi(remote) ? remote : String(containerPortByName(pod, remote));
    // `http` alone listens on the container port's number.
    return local !== remote ? `${local}:${number}` : number;
  });
}

/**
 * Service ports (numbers or names) made the chosen pod's ports (translateServicePortToTargetPort):
 * `svc/x 8080:80` with targetPort `http` forwards 8080 to the pod's port named http.
 */
export function translateServicePorts(specs: string[], svc: Service, pod: Pod): string[] {
  return specs.map((spec) => {
    let [local, remote] = splitPort(spec);
    let port: number;
    if (isAtoi(remote)) port = Number(remote);
    else {
      port = servicePortByName(svc, remote);
      // `https` alone listens on the service port's number.
      if (local === remote) local = String(port);
    }
    remote = String(containerPortByServicePort(svc, pod, port));
    return joinSpec(local, remote);
  });
}

/** kubectl refuses a port that is UDP only (checkUDPPorts). */
function checkUdp(udpOnly: Set<number>, specs: string[], byName: (name: string) => number): void {
  for (const spec of specs) {
    const [, remote] = splitPort(spec);
    const port = isAtoi(remote) ? Number(remote) : byName(remote);
    if (udpOnly.has(port)) throw new UserError(`UDP protocol is not supported for ${remote}`);
  }
}

function udpOnly(ports: Array<{ port: number; protocol?: string }>): Set<number> {
  const udp = new Set(ports.filter((p) => p.protocol === 'UDP').map((p) => p.port));
  for (const p of ports) if ((p.protocol ?? 'TCP') === 'TCP') udp.delete(p.port);
  return udp;
}

export function checkUdpPortsInService(specs: string[], svc: Service): void {
  const ports = (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol }));
  checkUdp(udpOnly(ports), specs, (name) => servicePortByName(svc, name));
}

export function checkUdpPortsInPod(specs: string[], pod: Pod): void {
  const ports = (pod.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })),
  );
  checkUdp(udpOnly(ports), specs, (name) => containerPortByName(pod, name));
}

/** strconv.ParseUint(s, 10, 16)'s reason, or the number. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing "${s}": invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing "${s}": value out of range` : n;
}

/** client-go's parsePorts: `5000`, `8888:5000`, `:5000` / `0:5000` (a free local port). */
export function parsePorts(specs: string[]): ForwardedPort[] {
  if (specs.length === 0) throw new UserError('you must specify at least 1 port');
  return specs.map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw new UserError(`invalid port format '${spec}'`);
    const localText = parts.length === 1 ? parts[0]! : parts[0] || '0';
    const remoteText = parts.length === 1 ? parts[0]! : parts[1]!;
    const local = parseUint16(localText);
    if (typeof local === 'string') throw new UserError(`error parsing local port '${localText}': ${local}`);
    const remote = parseUint16(remoteText);
    if (typeof remote === 'string')
      throw new UserError(`error parsing remote port '${remoteText}': ${remote}`);
    if (remote === 0) throw new UserError('remote port must be > 0');
    return { local, remote };
  });
}

/** The IP family of a literal address, or undefined (Go's ParseIP, leading zeros allowed). */
export function ipFamily(address: string): 4 | 6 | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) ? 4 : undefined;
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  const tailV4 = all.length > 0 && all[all.length - 1]!.includes('.');
  if (tailV4 && ipFamily(all[all.length - 1]!) !== 4) return undefined;
  const words = all.length + (tailV4 ? 1 : 0);
  if (!all.every((g, i) => (tailV4 && i === all.length - 1) || /^[0-9a-fA-F]{1,4}$/.test(g)))
    return undefined;
  return (halves.length === 2 ? words < 8 : words === 8) ? 6 : undefined;
}

/**
 * client-go's parseAddresses: `localhost` is 127.0.0.1 and ::1 (either may fail, not both); an IP
 * must bind. Duplicates collapse; the order is the address text's, as client-go sorts it.
 */
export function parseAddresses(addresses: string[]): ListenAddress[] {
  if (addresses.length === 0) throw new UserError('you must specify at least 1 address');
  const parsed = new Map<string, ListenAddress>();
  for (const address of addresses) {
    if (address === 'localhost') {
      if (!parsed.has('127.0.0.1'))
        parsed.set('127.0.0.1', { address: '127.0.0.1', family: 4, failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', family: 6, failureMode: 'all' });
      continue;
    }
    const family = ipFamily(address);
    if (!family) throw new UserError(`${address} is not a valid IP`);
    parsed.set(address, { address, family, failureMode: 'any' });
  }
  return [...parsed.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Go's net.JoinHostPort: brackets around an IPv6 host. */
export const joinHostPort = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
