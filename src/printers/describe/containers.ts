// The Containers / Init Containers blocks of `describe pod` (describeContainers and helpers).

import { canonicalQuantity } from '../../api/quantity.js';
import type { KObject } from '../../api/types.js';
import { printBool, stringOrNone } from './common.js';
import { formatTime } from './time.js';
import type { Writer } from './writer.js';

const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

const hostPort = (host: string, port: string) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: any): string {
  const p = { ...PROBE_DEFAULTS, ...probe };
  const attrs = `delay=${p.initialDelaySeconds}s timeout=${p.timeoutSeconds}s period=${p.periodSeconds}s #success=${p.successThreshold} #failure=${p.failureThreshold}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = port ? hostPort(g.host ?? '', port) : (g.host ?? '');
    let path: string = g.path ?? '';
    if (path && host && !path.startsWith('/')) path = `/${path}`;
    return `http-get ${String(g.scheme ?? 'HTTP').toLowerCase()}://${host}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(title: string, state: any, w: Writer): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${formatTime(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${formatTime(t.startedAt)}\n`);
    w.write(3, `Finished:\t${formatTime(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

/** describeResources: Limits then Requests, each sorted by resource name. */
export function describeResources(resources: any, w: Writer, level: number): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonicalQuantity(list[name])}\n`);
  }
}

/** The value of a pod field a downward-API env var refers to. */
function podFieldValue(pod: KObject | undefined, path: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata as any)[m[1]!]?.[m[2]!] ?? '';
  const fields: Record<string, unknown> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.hostIPs': (pod.status?.hostIPs ?? []).map((i: any) => i.ip).join(','),
    'status.podIP': pod.status?.podIP,
    'status.podIPs': (pod.status?.podIPs ?? []).map((i: any) => i.ip).join(','),
  };
  return String(fields[path] ?? '');
}

function resourceFieldValue(container: any, ref: any): string {
  const [part, name] = String(ref.resource ?? '').split('.') as [string, string];
  const value = container.resources?.[part]?.[name];
  if (value === undefined) return '0';
  return canonicalQuantity(value);
}

function describeEnv(container: any, pod: KObject | undefined, w: Writer): void {
  const env: any[] = container.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => {
          w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
        });
      continue;
    }
    const from = e.valueFrom;
    if (from.fieldRef) {
      const value = podFieldValue(pod, from.fieldRef.fieldPath);
      w.write(3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = resourceFieldValue(container, from.resourceFieldRef);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${!!r.optional}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${!!r.optional}\n`,
      );
    }
  }
}

function describeEnvFrom(container: any, w: Writer): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef ?? {};
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(3, `${ref.name ?? ''}\t${what}\tOptional: ${!!ref.optional}\n`);
  }
}

function describeMounts(container: any, w: Writer): void {
  const mounts: any[] = [...(container.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  );
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

function describeBasicInfo(c: any, status: any, space: string, w: Writer): void {
  w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports: any[] = c.ports ?? [];
  const portString = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  if (portString.includes(',')) w.write(2, `Ports:\t${portString}\n`);
  else w.write(2, `Port:\t${stringOrNone(portString)}\n`);
  const hostPorts = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`);
  else w.write(2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
}

function describeCommand(c: any, w: Writer): void {
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list?.length) continue;
    w.write(2, `${title}:\n`);
    for (const item of list) for (const s of String(item).split('\n')) w.write(3, `${s}\n`);
  }
}

/**
 * describeContainers for `containers` with their statuses. A pod template passes no statuses
 * nor pod, and `space` '  ' to nest the block under "Pod Template:".
 */
export function describeContainers(
  label: string,
  containers: any[],
  statuses: any[] | undefined,
  pod: KObject | undefined,
  w: Writer,
  space = '',
): void {
  const byName = new Map<string, any>((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeBasicInfo(c, status, space, w);
    describeCommand(c, w);
    if (status) {
      describeState('State', status.state, w);
      if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
      w.write(2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w);
    describeEnv(c, pod, w);
    describeMounts(c, w);
  }
}
