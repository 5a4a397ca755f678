// What the pod worker's executor (sync.ts) and its kill path (kill.ts) are handed: the runtime,
// the registry to write status through, events, probes and the node's identity.

import type { KObject } from '../api/types.js';
import type { EventRecorder } from '../registry/event-recorder.js';
import type { Registry } from '../registry/registry.js';
import type { ObservedContainer, Runtime } from '../runtime/types.js';
import type { VolumeDirs } from './config-volumes.js';
import type { EnvSources } from './env.js';
import type { PodNetworkDeps } from './pod-files.js';
import type { ProbeManager } from './prober/manager.js';
import type { PayloadSources } from './volume-payload.js';
import type { ClaimLookup } from './volumes.js';

export interface KubeletDeps {
  runtime: Runtime;
  registry: Registry;
  events: EventRecorder;
  nodeName: string;
  hostIP: string;
  /** Containers of one pod, from a snapshot shared by all pod workers. */
  observe(podUid: string): Promise<ObservedContainer[]>;
  /** Forget the snapshot after a change to Docker. */
  invalidate(): void;
  /**
   * After the sync changed one container (a start): inspect it alone and put it in the shared
   * snapshot instead of forgetting the snapshot (which costs every worker a new list).
   */
  refresh(containerId: string): Promise<ObservedContainer | undefined>;
  backoffInitialMs: number;
  probes: ProbeManager;
  claims: ClaimLookup;
  configMap: EnvSources['configMap'];
  secret: EnvSources['secret'];
  /** The stored ConfigMaps and Secrets, for configMap/secret/projected volumes. */
  payloadSources: PayloadSources;
  /** Where configMap/secret/downwardAPI/projected volumes are written; pods with one wait without it. */
  volumeDirs?: VolumeDirs;
  /**
   * Where Localhost seccomp profiles are read (the kubelet's `<root-dir>/seccomp`); tests of the
   * executor may leave it out, and a Localhost profile then fails to load.
   */
  seccompProfileRoot?: string;
  /** The node's DNS settings and where the pod files go; tests of the executor may leave it out. */
  podNetwork?: PodNetworkDeps;
  /**
   * Resolves once a terminating pod no longer gets new traffic (out of the data plane and the
   * Ingress); awaited before preStop and the stop signal, counted against the grace period.
   * Left out where nothing routes traffic (tests of the executor).
   */
  drained?: (pod: KObject) => Promise<void>;
  /**
   * The pod as the API has it now, read while a deleted pod's containers stop, so a second delete
   * with a shorter grace period kills sooner. Left out in tests of the executor.
   */
  currentPod?: (namespace: string | undefined, name: string) => KObject | undefined;
  log(message: string): void;
}
