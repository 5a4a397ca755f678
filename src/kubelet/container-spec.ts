// Translate a Kubernetes container into what the runtime creates. Pure.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { quantityAsNumber } from '../api/quantity.js';
import type { ContainerCreateSpec, MountSpec } from '../runtime/types.js';
import type { ResolvedEnv } from './env.js';
import { hashOf } from './hash.js';

/** The part of a container whose change means "recreate it" (the kubelet hashes the whole spec). */
export function containerHash(container: Container): string {
  return hashOf(container);
}

/** Expand `$(VAR)` references as the kubelet does; `$$(VAR)` escapes; unknown names stay as written. */
export function expandVars(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return vars.has(name!) ? vars.get(name!)! : match;
  });
}

export interface ContainerInputs {
  pod: Pod;
  container: Container;
  type: 'init' | 'app';
  attempt: number;
  sandboxId: string;
  /** envFrom entries and the values of valueFrom sources (fieldRef etc.), resolved. */
  resolvedEnv?: ResolvedEnv;
  mounts?: MountSpec[];
  /** Docker's `seccomp=` value (seccomp.ts); absent: the engine's default profile. */
  seccomp?: string;
}

/**
 * Environment as the kubelet builds it (makeEnvironmentVariables): envFrom first, then each `env`
 * entry in order, overriding envFrom's key of the same name; a value may reference envFrom keys,
 * earlier entries and the Service variables. An entry whose optional source is missing leaves
 * envFrom's value alone. The Service variables come last, for names nothing else set.
 */
export function buildEnv(
  container: Container,
  resolved: ResolvedEnv = { fromSources: new Map(), valueFrom: new Map() },
): Map<string, string> {
  const env = new Map(resolved.fromSources);
  const services = resolved.services ?? new Map<string, string>();
  for (const e of container.env ?? []) {
    if (e.value) env.set(e.name, expandVars(e.value, new Map([...services, ...env])));
    else if (e.valueFrom) {
      const value = resolved.valueFrom.get(e.name);
      if (value !== undefined) env.set(e.name, value);
    } else env.set(e.name, '');
  }
  for (const [name, value] of services) if (!env.has(name)) env.set(name, value);
  return env;
}

export function toCreateSpec(inputs: ContainerInputs): ContainerCreateSpec {
  const { pod, container } = inputs;
  const env = buildEnv(container, inputs.resolvedEnv);
  const expand = (list: string[] | undefined) => list?.map((s) => expandVars(s, env));
  const limits = container.resources?.limits ?? {};
  return {
    ...securityOptions(pod, container),
    ...(inputs.seccomp !== undefined ? { seccomp: inputs.seccomp } : {}),
    podUid: pod.metadata!.uid!,
    namespace: pod.metadata!.namespace ?? 'default',
    podName: pod.metadata!.name!,
    name: container.name,
    type: inputs.type,
    attempt: inputs.attempt,
    specHash: containerHash(container),
    sandboxId: inputs.sandboxId,
    image: container.image!,
    command: expand(container.command),
    args: expand(container.args),
    env: [...env].map(([k, v]) => `${k}=${v}`),
    workingDir: container.workingDir,
    tty: container.tty ?? false,
    stdin: container.stdin ?? false,
    stdinOnce: container.stdinOnce ?? false,
    mounts: inputs.mounts ?? [],
    memoryBytes: limits.memory !== undefined ? quantityAsNumber(String(limits.memory)) : undefined,
    nanoCpus: limits.cpu !== undefined ? Math.round(quantityAsNumber(String(limits.cpu)) * 1e9) : undefined,
  };
}

/** securityContext: the container's settings override the pod's (runAsUser, runAsGroup). */
export function securityOptions(pod: Pod, container: Container): Partial<ContainerCreateSpec> {
  const podSc = pod.spec?.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const uid = sc.runAsUser ?? podSc.runAsUser;
  const gid = sc.runAsGroup ?? podSc.runAsGroup;
  const out: Partial<ContainerCreateSpec> = {};
  if (uid !== undefined) out.user = gid !== undefined ? `${uid}:${gid}` : String(uid);
  else if (gid !== undefined) out.user = `0:${gid}`;
  if (sc.readOnlyRootFilesystem) out.readOnlyRootFilesystem = true;
  if (sc.privileged) out.privileged = true;
  if (sc.capabilities?.add?.length) out.capAdd = sc.capabilities.add;
  if (sc.capabilities?.drop?.length) out.capDrop = sc.capabilities.drop;
  if (sc.allowPrivilegeEscalation === false) out.noNewPrivileges = true;
  if (pod.spec?.shareProcessNamespace) out.sharePid = true;
  return out;
}
