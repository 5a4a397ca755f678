// What `logs` and `exec` stream from: the pod (named, or the first of a workload as kubectl
// picks it), the container (as kubectl defaults it), and the Docker container of that container.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { POD, qualifiedResource } from '../api/kinds.js';
import { labelSelectorFromObject, matchesLabels, type ParsedLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import { DEFAULT_CONTAINER_ANNOTATION } from '../api/well-known.js';
import { attemptsOf, logsTarget } from '../runtime/log-target.js';
import type { ObservedContainer } from '../runtime/types.js';
import type { StoreReader } from '../state/types.js';
import { kindOrThrow } from './builder.js';
import { byLogging, mostActiveFirst } from './pod-order.js';
import { resourceNames, type Tuple } from './resource-args.js';

export { attemptsOf, DEFAULT_CONTAINER_ANNOTATION, logsTarget, mostActiveFirst };

/** The selector of a workload or service whose pods `logs`/`exec` may pick from. */
function podSelectorOf(obj: KObject): ParsedLabelSelector | undefined {
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return obj.spec?.selector ? labelSelectorFromObject(obj.spec.selector) : undefined;
    case 'Service':
    case 'ReplicationController': {
      const sel = obj.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) return undefined;
      return labelSelectorFromObject({ matchLabels: sel });
    }
    default:
      return undefined;
  }
}

export interface ResolveOptions {
  store: StoreReader;
  namespace: string;
  target: string;
  /** `logs` or `exec`, for kubectl's "cannot ..." wording. */
  verb: 'logs' | 'exec';
  /** How long to wait for a workload's first pod (--pod-running-timeout). */
  timeoutMs: number;
  /** Where `logs` says which of several pods it picked (`Found 2 pods, using pod/web-…`). */
  err?: NodeJS.WritableStream;
}

/** The pod a user means by `name` or `TYPE/NAME`. Throws NotFound as the API server would. */
export async function resolvePod(opts: ResolveOptions): Promise<KObject> {
  // ResourceNames("pods", target): `x` is a pod, `TYPE/NAME` that object.
  const [{ resource, name }] = resourceNames('pods', [opts.target]) as [Tuple];
  const kind = kindOrThrow(resource);
  const obj = opts.store.get(kind, kind.namespaced ? opts.namespace : undefined, name);
  if (!obj) throw ApiError.notFound(qualifiedResource(kind), name);
  if (kind === POD) return obj;
  const selector = podSelectorOf(obj);
  if (!selector) {
    const what = opts.verb === 'logs' ? 'cannot get the logs from' : 'cannot attach to';
    // SelectorsForObject: a Service without a selector has no pods to pick from.
    const why =
      obj.kind === 'Service'
        ? `invalid service '${name}': Service is defined without a selector`
        : `selector for *v1.${obj.kind} not implemented`;
    throw new UserError(`${what} *v1.${obj.kind}: ${why}`);
  }
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const pods = opts.store
      .list(POD, { namespace: opts.namespace })
      .filter((p) => matchesLabels(selector, p.metadata.labels));
    if (pods.length) {
      // GetFirstPod: logs sorts ByLogging and names its pick; attach/exec/port-forward do not.
      const first = pods.sort(opts.verb === 'logs' ? byLogging : mostActiveFirst)[0]!;
      if (opts.verb === 'logs' && pods.length > 1)
        opts.err?.write(`Found ${pods.length} pods, using pod/${first.metadata.name}\n`);
      return first;
    }
    if (Date.now() >= deadline) throw new UserError('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** kubectl's list for the "Defaulted container" notice: `app, side, setup (init)`. */
export function allContainerNames(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

export function podHasContainer(pod: Pod, name: string): boolean {
  const all = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ];
  return all.some((c) => c.name === name);
}

export interface ContainerChoice {
  name: string;
  /** Lines kubectl prints on stderr while choosing. */
  notices: string[];
}

/**
 * The container when -c is absent. `logs` and `exec` differ only on an annotation naming a
 * container that does not exist: logs says so, exec silently uses the first.
 */
export function defaultContainer(pod: Pod, verb: 'logs' | 'exec', quiet = false): ContainerChoice {
  const podName = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0)
    throw new UserError(`pod ${pod.metadata?.namespace}/${podName} does not have any containers`);
  const notices: string[] = [];
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (podHasContainer(pod, annotated)) return { name: annotated, notices };
    if (verb === 'logs') notices.push(`Default container name "${annotated}" not found in pod ${podName}`);
  }
  const first = containers[0]!.name;
  const several =
    containers.length > 1 ||
    (pod.spec?.initContainers?.length ?? 0) > 0 ||
    (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
  if (several && !quiet) notices.push(`Defaulted container "${first}" out of: ${allContainerNames(pod)}`);
  return { name: first, notices };
}

/** The container `exec` runs in: the newest running attempt. */
export function execTarget(observed: ObservedContainer[], name: string): ObservedContainer | undefined {
  return attemptsOf(observed, name).find((c) => c.state === 'running');
}
