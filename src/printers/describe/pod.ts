// `describe pod` (kubectl describePod).

import { parseQuantity } from '../../api/quantity.js';
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { describeContainers, describeResources } from './containers.js';
import { formatTime } from './time.js';
import { describeVolumes } from './volumes.js';
import { PrefixWriter, type Writer } from './writer.js';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(list: Record<string, unknown> | undefined): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(value);
    if (QOS_RESOURCES.includes(name) && q && q.nanos > 0n) out.set(name, q.nanos);
  }
  return out;
}

/** GetPodQOS: status.qosClass, else computed from requests and limits. */
export function podQOS(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const add = (into: Map<string, bigint>, from: Map<string, bigint>) => {
    for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
  };
  const sources = pod.spec?.resources
    ? [pod.spec.resources]
    : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map(
        (c: any) => c.resources ?? {},
      );
  for (const r of sources) {
    add(requests, positive(r.requests));
    const lim = positive(r.limits);
    add(limits, lim);
    if (!(lim.has('cpu') && lim.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) if (limits.get(name) !== req) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** printPodTolerationsMultiline, sorted by key. */
export function printTolerations(w: Writer, tolerations: any[] | undefined, title = 'Tolerations'): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

function describeHeader(pod: KObject, w: Writer, now: number): void {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${formatTime(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: any[] = status.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(pod);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(0, 'Resources:\n');
    describeResources(spec.resources, w, 1);
  }
}

function describeConditions(pod: KObject, w: Writer): void {
  const gates: any[] = pod.spec?.readinessGates ?? [];
  const conditions: any[] = pod.status?.conditions ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
}

/** The text of `describe pod`; `events` undefined leaves the Events section out (--show-events=false). */
export function describePod(pod: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  describeHeader(pod, w, now);
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  if (spec.initContainers?.length)
    describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w);
  describeContainers('Containers', spec.containers ?? [], status.containerStatuses, pod, w);
  if (spec.ephemeralContainers?.length) {
    describeContainers(
      'Ephemeral Containers',
      spec.ephemeralContainers,
      status.ephemeralContainerStatuses,
      pod,
      w,
    );
  }
  describeConditions(pod, w);
  describeVolumes(spec.volumes, w);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, spec.tolerations);
  describeEvents(events, w, now);
  return w.toString();
}
