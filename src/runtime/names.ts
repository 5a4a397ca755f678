// Deterministic, readable Docker names. A retried create collides (409) instead of duplicating.
// Docker names are global to the engine, so a state dir other than the default one adds a short
// hash of its path to the prefix: two homes (parallel test suites) never fight over a name.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const homeHash = (home: string, length = 10): string =>
  createHash('sha256').update(resolve(home)).digest('hex').slice(0, length);

/** `mkube` for ~/.mkube, `mkube-<hash6>` for any other state dir. */
export function namePrefix(home: string): string {
  return resolve(home) === join(homedir(), '.mkube') ? 'mkube' : `mkube-${homeHash(home, 6)}`;
}

/** The per-state-dir bridge network: `mkube-<hash of home>`. */
export const networkName = (home: string): string => `mkube-${homeHash(home)}`;

// Docker accepts [a-zA-Z0-9][a-zA-Z0-9_.-]*; Kubernetes names already fit, this is a safety net.
const clean = (part: string): string => part.replace(/[^a-zA-Z0-9.-]/g, '-');

export interface PodRef {
  namespace: string;
  podName: string;
  podUid: string;
}

/** `mkube_<ns>_<pod>_POD_<uid first 8>`. */
export const sandboxName = (home: string, pod: PodRef): string =>
  [namePrefix(home), clean(pod.namespace), clean(pod.podName), 'POD', clean(pod.podUid.slice(0, 8))].join(
    '_',
  );

/** `mkube_<ns>_<pod>_<container>_<attempt>`. */
export const containerName = (home: string, pod: PodRef, container: string, attempt: number): string =>
  [namePrefix(home), clean(pod.namespace), clean(pod.podName), clean(container), String(attempt)].join('_');
