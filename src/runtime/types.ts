// The runtime seam: the few operations the kubelet needs from a container engine.
// Docker is the only implementation (docker.ts); tests of the executor use a recording fake.

/** Labels on every Docker object mkube creates. Ownership is a label; discovery is a label filter. */
export const LABELS = {
  home: 'io.mkube.home',
  podUid: 'io.mkube.pod.uid',
  podNamespace: 'io.mkube.pod.namespace',
  podName: 'io.mkube.pod.name',
  containerName: 'io.mkube.container.name',
  attempt: 'io.mkube.container.attempt',
  /** 'sandbox' | 'init' | 'app' */
  containerType: 'io.mkube.container.type',
  /** Hash of the container spec; a mismatch means the spec changed. */
  specHash: 'io.mkube.container.hash',
  /** On a sandbox mkube plumbed itself: the pod's address (Docker knows of no network). */
  podIP: 'io.mkube.pod.ip',
  /**
   * On the short-lived network that asks Docker which subnet it would pick (network.ts), naming
   * the home: not the home label, so nobody takes it for the home's network; reset removes it.
   */
  networkProbe: 'io.mkube.network-probe',
  /** On the home network: the half of its subnet mkube hands out to pods (`172.18.128.0/17`). */
  podAddresses: 'io.mkube.network.pod-addresses',
  /** Set on test objects so suites clean up by label. */
  test: 'io.mkube.test',
} as const;

export type ContainerType = 'sandbox' | 'init' | 'app';

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface SandboxSpec {
  podUid: string;
  namespace: string;
  podName: string;
  hostname: string;
  /** Extra DNS aliases on the pod network (pod name, service names later). */
  aliases: string[];
  ports: PortMapping[];
  /** `subdomain.namespace.svc.cluster.local` when the pod sets a subdomain. */
  domainname?: string;
  /** hostNetwork: the pod uses the host's network namespace. */
  hostNetwork?: boolean;
  /** shareProcessNamespace: the sandbox's PID namespace is shared by the pod's containers. */
  sharePid?: boolean;
  /** resolv.conf search domains (`<ns>.svc.cluster.local svc.cluster.local cluster.local`). */
  dnsSearch?: string[];
  /** resolv.conf nameservers and options, as Docker records them for the sandbox. */
  dns?: string[];
  dnsOptions?: string[];
  /** Docker's `seccomp=` value for the pause process (the pod's profile); absent: the default. */
  seccomp?: string;
  /**
   * Volumes the sandbox holds for the pod's whole life: Docker unmounts a tmpfs-backed volume (and
   * loses its data) as soon as no running container uses it, e.g. while its only user restarts.
   */
  mounts?: MountSpec[];
}

export interface MountSpec {
  /** Host path or Docker volume name. */
  source: string;
  target: string;
  readOnly: boolean;
  type: 'bind' | 'volume' | 'tmpfs';
  /** Volume only: labels for a volume Docker creates on first use (besides the home label). */
  volumeLabels?: Record<string, string>;
  /** Volume only: back the volume with tmpfs (emptyDir medium: Memory), shared by the pod. */
  tmpfs?: boolean;
  /** Size limit of a tmpfs-backed volume. */
  sizeBytes?: number;
  /** Mount only this path inside the volume (created when missing). */
  subPath?: string;
  /** Kubernetes mountPropagation: None, HostToContainer, Bidirectional. */
  propagation?: string;
}

export interface ContainerCreateSpec {
  podUid: string;
  namespace: string;
  podName: string;
  name: string;
  type: Exclude<ContainerType, 'sandbox'>;
  attempt: number;
  specHash: string;
  sandboxId: string;
  image: string;
  /** Replaces the image ENTRYPOINT when set (Kubernetes `command`). */
  command?: string[];
  /** Replaces the image CMD when set (Kubernetes `args`). */
  args?: string[];
  env: string[];
  workingDir?: string;
  tty: boolean;
  stdin: boolean;
  /** Docker closes the container's stdin after the first attach ends (pod spec `stdinOnce`). */
  stdinOnce: boolean;
  mounts: MountSpec[];
  /** Docker resource limits. */
  memoryBytes?: number;
  nanoCpus?: number;
  /** securityContext: `uid` or `uid:gid`. */
  user?: string;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  /** allowPrivilegeEscalation: false -> no-new-privileges. */
  noNewPrivileges?: boolean;
  /** Docker's `seccomp=` value: 'unconfined' or a profile's JSON; absent: the engine's default. */
  seccomp?: string;
  /** shareProcessNamespace: join the sandbox's PID namespace. */
  sharePid?: boolean;
}

/** What the runtime reports about a container it finds by label. */
export interface ObservedContainer {
  id: string;
  /** Docker container name without the leading slash. */
  dockerName: string;
  podUid: string;
  namespace: string;
  podName: string;
  /** Kubernetes container name ('' for the sandbox). */
  name: string;
  type: ContainerType;
  attempt: number;
  specHash: string;
  image: string;
  imageId: string;
  state: 'created' | 'running' | 'exited' | 'paused' | 'restarting' | 'removing' | 'dead';
  exitCode: number;
  oomKilled: boolean;
  /** ISO timestamps; undefined when Docker's zero time. */
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Sandbox only: IP on the mkube network. */
  ip?: string;
  /** Sandbox only: its network is mkube's own plumbing (pod-plumbing.ts), not Docker's. */
  ownNetwork?: boolean;
  /** Inspect only, while running: the container's PID on the host (its namespaces). */
  pid?: number;
}

/** A container's usage at one instant (cumulative CPU, so a rate needs two samples). */
export interface ContainerStats {
  /** CPU time used since the container started, in nanoseconds. */
  cpuUsageNanos: number;
  /** Memory usage minus inactive file pages, in bytes (the kubelet's working set). */
  memoryWorkingSetBytes: number;
  /** When the engine read it (ms since the epoch). */
  at: number;
}

export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export type EnsureImageResult =
  | {
      ok: true;
      imageId: string;
      pulled: boolean /** set when a pull failed but a local image is used */;
      warning?: string;
    }
  | { ok: false; reason: 'ErrImagePull' | 'ErrImageNeverPull' | 'InvalidImageName'; message: string };

export interface ExecOptions {
  command: string[];
  tty: boolean;
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /**
   * Kill the exec'd process's wait after this many ms (probes, hooks): exec then rejects with an
   * Error named 'ExecTimeoutError'.
   */
  timeoutMs?: number;
  /** With tty: the local terminal, whose size is applied at start and on every resize. */
  terminal?: ExecTerminal;
}

/** Attach to the container's own process: exec's streams without a command or a timeout. */
export type AttachOptions = Omit<ExecOptions, 'command' | 'timeoutMs'>;

export interface ExecTerminal {
  size(): { rows: number; cols: number } | undefined;
  /** Calls `listener` on each local resize (SIGWINCH); returns an unsubscribe function. */
  onResize(listener: () => void): () => void;
}

export interface LogsOptions {
  follow: boolean;
  tail?: number;
  timestamps: boolean;
  /** Unix seconds. */
  since?: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Ends a followed stream early (the API server's client hung up). */
  signal?: AbortSignal;
}

export interface RuntimeEvent {
  /** Docker action: start, die, oom, destroy, ... */
  action: string;
  containerId: string;
  podUid?: string;
}

/** The per-state-dir network as the data plane needs it. */
export interface NetworkInfo {
  name: string;
  /** Docker's network id (a bridge network's Linux bridge is `br-` + its first 12 hex). */
  id: string;
  /** Driver options (`com.docker.network.bridge.name` names the bridge when set). */
  options: Record<string, string>;
  /** IPAM subnets, e.g. `172.18.0.0/16`: the pods' addresses. */
  subnets: string[];
  /** The IPv4 gateway (the bridge's address on the host). */
  gateway?: string;
  /** The part of the subnet whose addresses mkube hands out and plumbs itself (network.ts). */
  podAddresses?: string;
}

export interface Runtime {
  /** The per-state-dir bridge network; created when missing. Returns its name. */
  ensureNetwork(): Promise<string>;
  /**
   * Removes running sandboxes whose network mkube never finished plumbing (an agent that died in
   * between); their pods then start afresh. Returns their ids.
   */
  removeUnplumbedSandboxes?(): Promise<string[]>;
  /** The per-state-dir network's id, options and subnets (it must exist). */
  networkInfo(): Promise<NetworkInfo>;
  /** The sandbox image, built locally from what mkube ships when missing. */
  ensureSandboxImage(): Promise<string>;
  /**
   * Every container of this state dir (label io.mkube.home), any state; with `filter.podUid`,
   * only that pod's (one label-filtered list: what `logs` and `exec` use).
   */
  listContainers(filter?: { podUid?: string }): Promise<ObservedContainer[]>;
  /**
   * The same list in two steps, so one list can serve every pod while each pod's sync inspects
   * only its own containers (an inspect waits for a start under way on the same container):
   * `listShallow` is one `docker ps` (state, ids, labels, IP; no times), `detail` adds what only
   * an inspect knows. Optional: a runtime without them is read through `listContainers`.
   */
  listShallow?(): Promise<ObservedContainer[]>;
  detail?(listed: ObservedContainer[]): Promise<ObservedContainer[]>;
  /** `onPullStart` runs when a pull begins (the kubelet's `Pulling image` moment). */
  ensureImage(
    image: string,
    policy: ImagePullPolicy,
    onProgress?: (line: string) => void,
    onPullStart?: () => void,
  ): Promise<EnsureImageResult>;
  /**
   * Creates and starts the sandbox; returns its id. `onCreated` runs between create and start, so
   * the pod's containers can be created while the sandbox's network comes up.
   * Name: mkube_<ns>_<pod>_POD_<uid8>. */
  createSandbox(spec: SandboxSpec, onCreated?: (id: string) => void): Promise<string>;
  /**
   * One container inspected on its own, after the kubelet changed it (a started sandbox, for its
   * IP; a started container): a list of every container and inspects of the pod's others would
   * wait on containers being started. Undefined when it is gone.
   */
  inspectContainer?(id: string): Promise<ObservedContainer | undefined>;
  /** Creates (not starts) an app or init container; name mkube_<ns>_<pod>_<container>_<attempt>. */
  createContainer(spec: ContainerCreateSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Signal, then SIGKILL after graceSeconds. Resolves once stopped; a gone container is fine. */
  stopContainer(id: string, graceSeconds: number, signal?: string): Promise<void>;
  /** Force-remove; a gone container is fine. */
  removeContainer(id: string): Promise<void>;
  /** Run a command inside a container; resolves with its exit code. */
  exec(containerId: string, opts: ExecOptions): Promise<number>;
  logs(containerId: string, opts: LogsOptions): Promise<void>;
  /** Attach to the container's main process; resolves when the stream ends (the process exited or detached). */
  attach(containerId: string, opts: AttachOptions): Promise<void>;
  /** Remove the Docker volumes of this state dir that carry all of these labels. */
  removeVolumes?(labels: Record<string, string>): Promise<void>;
  /** A running container's usage; undefined when it is gone. */
  containerStats?(id: string): Promise<ContainerStats | undefined>;
  /** Resolves when the engine answers on a fresh connection. */
  ping(): Promise<void>;
  /** Subscribe to container events of this state dir; returns an unsubscribe function. */
  events(onEvent: (ev: RuntimeEvent) => void): Promise<() => void>;
}
