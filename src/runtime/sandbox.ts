// The pod sandbox: a pause container holding the pod's network (and IPC) namespace, its hostname,
// its DNS aliases and its host ports. App containers join it, so they share localhost and the
// pod keeps its IP across container restarts.
import type Docker from 'dockerode';
import { isConflict, RuntimeError } from './client.js';
import { claimName, removeQuietly } from './containers.js';
import { containerLabels } from './labels.js';
import { dockerMounts } from './mounts.js';
import { sandboxName } from './names.js';
import { hostInterfaceName, plumbPodNetwork } from './pod-plumbing.js';
import { PAUSE_IMAGE } from './sandbox-image.js';
import { LABELS, type PortMapping, type SandboxSpec } from './types.js';

/** A sandbox whose network mkube plumbs itself (pod-plumbing.ts) instead of Docker attaching it. */
export interface OwnNetwork {
  ip: string;
  prefixLength: number;
  gateway: string;
  bridge: string;
  mtu?: number;
}

/** Docker's ExposedPorts and PortBindings for the ports that have a hostPort. */
export function portBindings(ports: PortMapping[]): {
  exposed: Record<string, object>;
  bindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
} {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of ports) {
    if (!p.hostPort) continue;
    const key = `${p.containerPort}/${p.protocol.toLowerCase()}`;
    exposed[key] = {};
    bindings[key] = [...(bindings[key] ?? []), { HostIp: p.hostIP ?? '', HostPort: String(p.hostPort) }];
  }
  return { exposed, bindings };
}

/**
 * The create request for a sandbox (pure: the plan before the call). With `own`, Docker gives it
 * a network namespace with only loopback and the label records the pod's address.
 */
export function sandboxCreateOptions(
  home: string,
  network: string,
  spec: SandboxSpec,
  own?: OwnNetwork,
): Docker.ContainerCreateOptions {
  const labels = {
    ...containerLabels(home, { ...spec, name: '', type: 'sandbox', attempt: 0, specHash: '' }),
    ...(own && !spec.hostNetwork ? { [LABELS.podIP]: own.ip } : {}),
  };
  const common = {
    name: sandboxName(home, spec),
    Image: PAUSE_IMAGE,
    // PID 1 of its namespace ignores TERM: stop it with KILL, at once.
    StopSignal: 'SIGKILL',
    Labels: labels,
  };
  // App containers join with IpcMode container:<id>, which needs a shareable namespace.
  const hostConfig = {
    IpcMode: 'shareable',
    RestartPolicy: { Name: 'no' },
    ...(spec.seccomp !== undefined ? { SecurityOpt: [`seccomp=${spec.seccomp}`] } : {}),
    ...(spec.mounts?.length ? { Mounts: dockerMounts(home, spec.mounts, new Map()).mounts } : {}),
  };
  if (spec.hostNetwork) {
    // The node's network and hostname, as a hostNetwork pod has; ports need no publishing.
    return { ...common, HostConfig: { ...hostConfig, NetworkMode: 'host', UTSMode: 'host' } };
  }
  const dns = {
    ...(spec.dns?.length ? { Dns: spec.dns } : {}),
    ...(spec.dnsSearch?.length ? { DnsSearch: spec.dnsSearch } : {}),
    ...(spec.dnsOptions?.length ? { DnsOptions: spec.dnsOptions } : {}),
  };
  const names = {
    ...common,
    Hostname: spec.hostname.slice(0, 63),
    ...(spec.domainname ? { Domainname: spec.domainname } : {}),
  };
  if (own) {
    // NetworkDisabled: runc makes the empty namespace itself. Without it Docker sets up a libnetwork
    // sandbox and a prestart hook that re-executes dockerd (libnetwork-setkey) even for
    // NetworkMode none: half the sandbox's start. Docker then writes no /etc/resolv.conf or
    // /etc/hosts for it; the kubelet's own files (pod-files.ts) are what containers mount anyway.
    return { ...names, NetworkDisabled: true, HostConfig: { ...hostConfig, NetworkMode: 'none' } };
  }
  const { exposed, bindings } = portBindings(spec.ports);
  const aliases = [...new Set([spec.podName, ...spec.aliases])];
  return {
    ...names,
    ExposedPorts: exposed,
    HostConfig: { ...hostConfig, NetworkMode: network, PortBindings: bindings, ...dns },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: aliases } } },
  };
}

/** Whether mkube can plumb this pod's network itself: Docker must publish host ports. */
export const canPlumbOwnNetwork = (spec: SandboxSpec): boolean =>
  !spec.hostNetwork && !spec.ports.some((p) => p.hostPort);

/** Create and start; a retried create for the same pod returns the running sandbox. */
export async function createSandbox(
  docker: Docker,
  home: string,
  network: string,
  spec: SandboxSpec,
  onCreated?: (id: string) => void,
  own?: OwnNetwork & { pidOf(id: string): Promise<number | undefined> },
): Promise<string> {
  const opts = sandboxCreateOptions(home, network, spec, own);
  const name = opts.name!;
  let id: string;
  try {
    id = (await docker.createContainer(opts)).id;
  } catch (err) {
    if (!isConflict(err)) throw new RuntimeError('create sandbox', name, err);
    const existing = await claimName(
      docker,
      home,
      name,
      (id, running) => id.podUid === spec.podUid && id.type === 'sandbox' && running,
    );
    if (existing) return existing;
    try {
      id = (await docker.createContainer(opts)).id;
    } catch (again) {
      throw new RuntimeError('create sandbox', name, again);
    }
  }
  onCreated?.(id);
  try {
    await docker.getContainer(id).start();
    if (own) {
      const pid = await own.pidOf(id);
      if (!pid) throw new Error('the sandbox is not running');
      await plumbPodNetwork({ ...own, pid, hostInterface: hostInterfaceName(id) });
    }
  } catch (err) {
    // A sandbox that cannot start (a host port in use) or has no network is no use to anyone:
    // leave nothing behind (its veth goes with its network namespace).
    await removeQuietly(docker, id);
    throw new RuntimeError('start sandbox', name, err);
  }
  return id;
}
