// The labels mkube puts on Docker objects, and their lenient decoding (one place for both).
import { type ContainerType, LABELS } from './types.js';

export type Labels = Record<string, string>;

export interface ContainerIdentity {
  podUid: string;
  namespace: string;
  podName: string;
  /** Kubernetes container name; '' for the sandbox. */
  name: string;
  type: ContainerType;
  attempt: number;
  specHash: string;
}

/** The label the sandbox carries as its container name (kept readable in `docker ps`). */
const SANDBOX_NAME = 'POD';

export function homeLabels(home: string): Labels {
  return { [LABELS.home]: home };
}

export function containerLabels(home: string, id: ContainerIdentity): Labels {
  return {
    [LABELS.home]: home,
    [LABELS.podUid]: id.podUid,
    [LABELS.podNamespace]: id.namespace,
    [LABELS.podName]: id.podName,
    [LABELS.containerName]: id.type === 'sandbox' ? SANDBOX_NAME : id.name,
    [LABELS.attempt]: String(id.attempt),
    [LABELS.containerType]: id.type,
    [LABELS.specHash]: id.specHash,
  };
}

const TYPES: readonly string[] = ['sandbox', 'init', 'app'];

/**
 * Reads a container's identity from its labels. Lenient: a missing attempt is 0, an unknown type
 * is 'app'; only a container without a pod uid is not a pod's container (undefined).
 */
export function decodeLabels(labels: Labels | null | undefined): ContainerIdentity | undefined {
  const l = labels ?? {};
  const podUid = l[LABELS.podUid];
  if (!podUid) return undefined;
  const rawType = l[LABELS.containerType] ?? '';
  const type = (TYPES.includes(rawType) ? rawType : 'app') as ContainerType;
  const attempt = Number.parseInt(l[LABELS.attempt] ?? '', 10);
  return {
    podUid,
    namespace: l[LABELS.podNamespace] ?? '',
    podName: l[LABELS.podName] ?? '',
    name: type === 'sandbox' ? '' : (l[LABELS.containerName] ?? ''),
    type,
    attempt: Number.isFinite(attempt) && attempt >= 0 ? attempt : 0,
    specHash: l[LABELS.specHash] ?? '',
  };
}

/** Same pod uid, same container, same attempt: a create that collided with its own earlier try. */
export function sameIdentity(a: ContainerIdentity, b: ContainerIdentity): boolean {
  return a.podUid === b.podUid && a.type === b.type && a.name === b.name && a.attempt === b.attempt;
}
