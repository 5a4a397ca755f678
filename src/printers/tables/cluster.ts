// Cluster-level kinds: nodes, namespaces, and the leases nodes and controllers hold.
import type { KObject } from '../../api/types.js';
import { NODE_ROLE_PREFIX } from '../../api/well-known.js';
import { since } from '../duration.js';
import { AGE, type KindTable, NAME, wide } from './common.js';

/** Roles from `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

function nodeStatus(node: KObject): string {
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const address = (node: KObject, type: string): string =>
  (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';

export const nodes: KindTable = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Roles' },
    AGE,
    { name: 'Version' },
    wide('Internal-IP'),
    wide('External-IP'),
    wide('OS-Image'),
    wide('Kernel-Version'),
    wide('Container-Runtime'),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      since(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespaces: KindTable = {
  columns: [NAME, { name: 'Status' }, AGE],
  cells: (ns, now) => [ns.metadata.name, ns.status?.phase ?? '', since(ns.metadata.creationTimestamp, now)],
};

/** printLease: the holder's identity (blank when none holds it). */
export const leases: KindTable = {
  columns: [NAME, { name: 'Holder' }, AGE],
  cells: (lease, now) => [
    lease.metadata.name,
    lease.spec?.holderIdentity ?? '',
    since(lease.metadata.creationTimestamp, now),
  ],
};
