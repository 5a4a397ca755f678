// Environment sources the kubelet resolves before creating a container: fieldRef (the downward
// API), resourceFieldRef, configMapKeyRef / secretKeyRef, envFrom, and the Service variables of
// the pod's namespace. A missing required source is CreateContainerConfigError, with the kubelet's
// message.
import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1.js';
import { quantityAsNumber } from '../api/quantity.js';
import { serviceEnv } from '../api/service-env.js';

export interface EnvSources {
  podIP?: string;
  hostIP: string;
  configMap(namespace: string, name: string): Record<string, string> | undefined;
  /** Decoded secret data. */
  secret(namespace: string, name: string): Record<string, string> | undefined;
  /** The Services that exist now (all namespaces): the source of the service links. */
  services?(): Service[];
}

/**
 * What the container's environment is made of, before assembly (container-spec.ts buildEnv):
 * envFrom entries in order, a later source overriding an earlier one's key, prefix applied; and
 * the values of `env` entries that come from elsewhere, by name. Since Kubernetes 1.30 (relaxed
 * environment variable validation) the kubelet passes every envFrom key through as it is.
 */
export interface ResolvedEnv {
  fromSources: Map<string, string>;
  /** An entry whose optional source is missing has no value here (envFrom's value, if any, stays). */
  valueFrom: Map<string, string>;
  /**
   * The Service variables (serviceEnv): `$(VAR)` may name them, and they are added last, under
   * every name the container's own env and envFrom do not set (makeEnvironmentVariables).
   */
  services?: Map<string, string>;
}

export type EnvResult = { ok: true; env: ResolvedEnv } | { ok: false; message: string };

/** Resolve envFrom sources and valueFrom references; the first missing required source fails. */
export function resolveEnv(pod: Pod, container: Container, src: EnvSources): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const fromSources = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    const data = from.configMapRef ? src.configMap(ns, ref.name) : src.secret(ns, ref.name);
    if (!data) {
      if (ref.optional) continue;
      return { ok: false, message: `${from.configMapRef ? 'configmap' : 'secret'} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(data)) fromSources.set(`${from.prefix ?? ''}${k}`, v);
  }
  const valueFrom = new Map<string, string>();
  for (const e of container.env ?? []) {
    if (!e.valueFrom || e.value) continue;
    const value = resolveOne(pod, container, e, ns, src);
    if (typeof value === 'object') return value;
    if (value !== undefined) valueFrom.set(e.name, value);
  }
  const links = serviceEnv(src.services?.() ?? [], ns, pod.spec?.enableServiceLinks ?? true);
  const services = new Map(links.map((e) => [e.name, e.value]));
  return { ok: true, env: { fromSources, valueFrom, services } };
}

function resolveOne(
  pod: Pod,
  container: Container,
  e: EnvVar,
  ns: string,
  src: EnvSources,
): string | undefined | { ok: false; message: string } {
  const from = e.valueFrom!;
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath, src);
  if (from.resourceFieldRef) {
    const target = from.resourceFieldRef.containerName
      ? ((pod.spec?.containers ?? []).find((c) => c.name === from.resourceFieldRef!.containerName) ??
        container)
      : container;
    return resourceValue(
      target,
      from.resourceFieldRef.resource,
      String(from.resourceFieldRef.divisor ?? '1'),
    );
  }
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
  if (keyRef) {
    const kind = from.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const data = from.configMapKeyRef ? src.configMap(ns, keyRef.name!) : src.secret(ns, keyRef.name!);
    if (!data)
      return keyRef.optional
        ? undefined
        : { ok: false, message: `${kind.toLowerCase()} "${keyRef.name}" not found` };
    if (!(keyRef.key in data)) {
      return keyRef.optional
        ? undefined
        : { ok: false, message: `couldn't find key ${keyRef.key} in ${kind} ${ns}/${keyRef.name}` };
    }
    return data[keyRef.key];
  }
  return undefined;
}

/** The downward API's fieldRef paths. */
export function fieldValue(pod: Pod, path: string, src: Pick<EnvSources, 'podIP' | 'hostIP'>): string {
  const m = pod.metadata ?? {};
  const mapKey = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (mapKey) return m[mapKey[1] as 'labels' | 'annotations']?.[mapKey[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? 'default';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'metadata.labels':
      return formatMap(m.labels);
    case 'metadata.annotations':
      return formatMap(m.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return src.podIP ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return src.hostIP;
    default:
      return '';
  }
}

const formatMap = (map: Record<string, string> | undefined) =>
  Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}="${map![k]}"`)
    .join('\n');

/** resourceFieldRef: limits fall back to the node's capacity, requests to 0; rounded up by divisor. */
export function resourceValue(c: Container, resource: string, divisor: string): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const raw = c.resources?.[kind]?.[name] ?? (kind === 'requests' ? c.resources?.limits?.[name] : undefined);
  const div = quantityAsNumber(divisor) || 1;
  if (raw === undefined) return '0';
  return String(Math.ceil(quantityAsNumber(String(raw)) / div));
}
