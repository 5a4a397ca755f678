// The pod sandbox: a pause container holding the pod's network (and IPC) namespace, its hostname,
// its DNS aliases and its host ports. App containers join it, so they share localhost and the
// pod keeps its IP across container restarts.
import type Docker from 'dockerode';
import { isConflict, RuntimeError } from './client.js';
import { claimName, removeQuietly } from './containers.js';
import { containerLabels } from './labels.js';
import { dockerMounts } from './mounts.js';
import { sandboxName } from './names.js';
import { PAUSE_IMAGE } from './sandbox-image.js';
import type { PortMapping, SandboxSpec } from './types.js';

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

/** The create request for a sandbox (pure: the plan before the call). */
export function sandboxCreateOptions(
  home: string,
  network: string,
  spec: SandboxSpec,
): Docker.ContainerCreateOptions {
  const labels = containerLabels(home, { ...spec, name: '', type: 'sandbox', attempt: 0, specHash: '' });
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
    ...(spec.mounts?.length ? { Mounts: dockerMounts(home, spec.mounts, new Map()).mounts } : {}),
  };
  if (spec.hostNetwork) {
    // The node's network and hostname, as a hostNetwork pod has; ports need no publishing.
    return { ...common, HostConfig: { ...hostConfig, NetworkMode: 'host', UTSMode: 'host' } };
  }
  const { exposed, bindings } = portBindings(spec.ports);
  const aliases = [...new Set([spec.podName, ...spec.aliases])];
  return {
    ...common,
    Hostname: spec.hostname.slice(0, 63),
    ...(spec.domainname ? { Domainname: spec.domainname } : {}),
    ExposedPorts: exposed,
    HostConfig: {
      ...hostConfig,
      NetworkMode: network,
      PortBindings: bindings,
      ...(spec.dns?.length ? { Dns: spec.dns } : {}),
      ...(spec.dnsSearch?.length ? { DnsSearch: spec.dnsSearch } : {}),
      ...(spec.dnsOptions?.length ? { DnsOptions: spec.dnsOptions } : {}),
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: aliases } } },
  };
}

/** Create and start; a retried create for the same pod returns the running sandbox. */
export async function createSandbox(
  docker: Docker,
  home: string,
  network: string,
  spec: SandboxSpec,
  onCreated?: (id: string) => void,
): Promise<string> {
  const opts = sandboxCreateOptions(home, network, spec);
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
  } catch (err) {
    // A sandbox that cannot start (a host port in use) is no use to anyone: leave nothing behind.
    await removeQuietly(docker, id);
    throw new RuntimeError('start sandbox', name, err);
  }
  return id;
}
