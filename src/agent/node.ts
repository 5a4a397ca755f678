// The Node object this agent plays: registered on start, heartbeat every 10s (the kubelet's
// nodeStatusUpdateFrequency), marked Unknown when the agent stops cleanly.
import { cpus, hostname, totalmem } from 'node:os';
import { NODE } from '../api/kinds.js';
import { withNodeLifecycle } from '../api/node-health.js';
import { rfc3339 } from '../api/time.js';
import type { KObject } from '../api/types.js';
import { KUBE_VERSION } from '../api/version.js';
import { HOSTNAME_LABEL, NODE_ROLE_PREFIX } from '../api/well-known.js';
import type { Registry } from '../registry/registry.js';

export const HEARTBEAT_MS = 10_000;

export function nodeName(): string {
  return (process.env.MKUBE_NODE_NAME ?? hostname()).toLowerCase();
}

function conditions(ready: boolean, prev: any[] | undefined, now: Date) {
  const at = rfc3339(now);
  const old = new Map((prev ?? []).map((c) => [c.type, c]));
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: at,
    lastTransitionTime: old.get(type)?.status === status ? old.get(type).lastTransitionTime : at,
    reason,
    message,
  });
  if (!ready) {
    const unknown = (type: string) =>
      cond(type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.');
    return ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(unknown);
  }
  return [
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

function nodeStatus(ready: boolean, prev: any, now: Date) {
  const resources = {
    cpu: String(cpus().length),
    memory: `${Math.floor(totalmem() / 1024)}Ki`,
    pods: '110',
    'ephemeral-storage': '0',
  };
  return {
    capacity: resources,
    allocatable: resources,
    conditions: conditions(ready, prev?.conditions, now),
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: nodeName() },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: process.arch === 'x64' ? 'amd64' : process.arch,
      operatingSystem: process.platform === 'win32' ? 'windows' : 'linux',
      osImage: 'mkube on Docker',
      kernelVersion: '',
      containerRuntimeVersion: 'docker://',
      kubeletVersion: KUBE_VERSION,
      kubeProxyVersion: KUBE_VERSION,
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  };
}

export async function registerNode(registry: Registry): Promise<KObject> {
  const name = nodeName();
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const existing = registry.get(NODE, undefined, name);
  const node =
    existing ??
    (await registry.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': arch,
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': arch,
          [HOSTNAME_LABEL]: name,
          'kubernetes.io/os': 'linux',
          [`${NODE_ROLE_PREFIX}control-plane`]: '',
        },
      },
      spec: {},
    }));
  return heartbeat(registry, node.metadata.name!, true);
}

export async function heartbeat(registry: Registry, name: string, ready: boolean): Promise<KObject> {
  const updated = await registry.mutate(
    NODE,
    undefined,
    name,
    // Transitions count from what readers saw: a node gone stale was Unknown until this beat.
    (cur) => ({ ...cur, status: nodeStatus(ready, withNodeLifecycle(cur).status, new Date()) }),
    { subresource: 'status' },
  );
  return updated!;
}
