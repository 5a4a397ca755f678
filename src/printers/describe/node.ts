// `describe node` (kubectl describeNode): conditions, addresses, capacity, system info, the
// non-terminated pods on the node with their requests and limits, and events.

import {
  addQuantity,
  formatQuantity,
  parseQuantity,
  type Quantity,
  quantityMilli,
  quantityValue,
  ZERO,
} from '../../api/quantity.js';
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { nodeRoles } from '../tables/cluster.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { formatTime } from './time.js';
import { PrefixWriter, type Writer } from './writer.js';

type Resources = Map<string, Quantity>;

function resourceList(list: Record<string, unknown> | undefined): Resources {
  const out: Resources = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

function addAll(into: Resources, from: Resources): void {
  for (const [k, v] of from) into.set(k, addQuantity(into.get(k) ?? ZERO, v));
}

function maxAll(into: Resources, from: Resources): void {
  for (const [k, v] of from) if (!into.has(k) || into.get(k)!.nanos < v.nanos) into.set(k, v);
}

/** resourcehelper.PodRequestsAndLimits: app containers and sidecars add up, init containers take the max. */
export function podRequestsAndLimits(pod: KObject): { requests: Resources; limits: Resources } {
  const requests: Resources = new Map();
  const limits: Resources = new Map();
  for (const c of pod.spec?.containers ?? []) {
    const lim = resourceList(c.resources?.limits);
    addAll(requests, new Map([...lim, ...resourceList(c.resources?.requests)]));
    addAll(limits, lim);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const lim = resourceList(c.resources?.limits);
    const req = new Map([...lim, ...resourceList(c.resources?.requests)]);
    if (c.restartPolicy === 'Always') {
      addAll(requests, req);
      addAll(limits, lim);
    } else {
      maxAll(requests, req);
      maxAll(limits, lim);
    }
  }
  addAll(requests, resourceList(pod.spec?.overhead));
  addAll(limits, resourceList(pod.spec?.overhead));
  return { requests, limits };
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));
const q = (r: Resources, k: string) => r.get(k) ?? ZERO;

function describePods(pods: KObject[], node: KObject, w: Writer, now: number): void {
  const allocatable = resourceList(
    Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : node.status?.capacity,
  );
  const cpu = quantityMilli(q(allocatable, 'cpu'));
  const mem = quantityValue(q(allocatable, 'memory'));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { requests: new Map() as Resources, limits: new Map() as Resources };
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addAll(total.requests, requests);
    addAll(total.limits, limits);
    const cell = (r: Resources, k: string, whole: number, milli: boolean) =>
      `${formatQuantity(q(r, k))} (${pct(milli ? quantityMilli(q(r, k)) : quantityValue(q(r, k)), whole)}%)`;
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(requests, 'cpu', cpu, true)}\t${cell(limits, 'cpu', cpu, true)}\t${cell(requests, 'memory', mem, false)}\t${cell(limits, 'memory', mem, false)}\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const storage = quantityValue(q(allocatable, 'ephemeral-storage'));
  for (const [name, whole, milli] of [
    ['cpu', cpu, true],
    ['memory', mem, false],
    ['ephemeral-storage', storage, false],
  ] as const) {
    const value = (r: Resources) => (milli ? quantityMilli(q(r, name)) : quantityValue(q(r, name)));
    w.write(
      1,
      `${name}\t${formatQuantity(q(total.requests, name))} (${pct(value(total.requests), whole)}%)\t${formatQuantity(q(total.limits, name))} (${pct(value(total.limits), whole)}%)\n`,
    );
  }
}

function describeConditions(node: KObject, w: Writer): void {
  const conditions: any[] = node.status?.conditions ?? [];
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
  w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
  for (const c of conditions) {
    w.write(
      1,
      `${c.type} \t${c.status} \t${formatTime(c.lastHeartbeatTime)} \t${formatTime(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
    );
  }
}

function describeTaints(node: KObject, w: Writer): void {
  w.write(0, 'Taints:\t');
  const taints = [...(node.spec?.taints ?? [])].sort((a: any, b: any) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (taints.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  taints.forEach((t: any, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

function describeSystem(node: KObject, w: Writer): void {
  const info = node.status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.write(0, `  ${label}:\t${info[key!] ?? ''}\n`);
  }
}

/**
 * The text of `describe node`. `pods` are the pods bound to the node that have not finished;
 * the node's heartbeat stands in for its Lease.
 */
export function describeNode(
  node: KObject,
  pods: KObject[],
  events: KObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${formatTime(node.metadata.creationTimestamp)}\n`);
  describeTaints(node, w);
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${ready?.lastHeartbeatTime ? formatTime(ready.lastHeartbeatTime) : '<unset>'}\n`);
  describeConditions(node, w);
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const name of names)
      w.write(0, `  ${name}:\t${formatQuantity(parseQuantity(list[name]) ?? ZERO)}\n`);
  }
  describeSystem(node, w);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  describePods(pods, node, w, now);
  describeEvents(events, w, now);
  return w.toString();
}
