// The kubelet: one worker per pod (latest spec wins), binding pods to this node, and removing
// containers whose pod no longer exists (never an orphan).

import type { Node, Pod, Volume } from 'kubernetes-types/core/v1.js';
import { lookupKind, NODE, POD } from '../api/kinds.js';
import { ANN_SELECTED_NODE } from '../api/storage.js';
import { rfc3339 } from '../api/time.js';
import type { KObject } from '../api/types.js';
import { EventRecorder } from '../registry/event-recorder.js';
import type { Registry } from '../registry/registry.js';
import { issueBoundToken } from '../registry/token-request.js';
import { isEngineUnreachable } from '../runtime/client.js';
import type { ReconnectBackoff } from '../runtime/reconnect.js';
import type { ObservedContainer, Runtime } from '../runtime/types.js';
import { traced } from '../util/trace.js';
import { WorkQueue } from '../util/work-queue.js';
import { BACKOFF_INITIAL_MS } from './backoff.js';
import { claimLookup, computeVolumeScheduling } from './claim-volume.js';
import { removeOrphanConfigVolumes, type VolumeDirs } from './config-volumes.js';
import { EngineGate } from './engine-gate.js';
import type { PodNetworkDeps } from './pod-files.js';
import { PodState } from './pod-state.js';
import { ProbeManager } from './prober/manager.js';
import { computeRelist } from './relist.js';
import { failedSchedulingMessage, noExecuteVerdict, unfitReason } from './scheduling.js';
import { ContainerSnapshot } from './snapshot.js';
import { type KubeletDeps, syncPod } from './sync.js';
import { TokenManager } from './token-manager.js';
import { volumeReferences } from './volume-payload.js';

const CONFIGMAP = lookupKind('configmaps')!;
const SECRET = lookupKind('secrets')!;
const PVC = lookupKind('persistentvolumeclaims')!;
const STORAGE_CLASS = lookupKind('storageclasses')!;
const PV = lookupKind('persistentvolumes')!;

/** How often an unschedulable pod is tried again when no node change woke it. */
const UNSCHEDULABLE_RETRY_MS = 5000;

function sooner<T extends { requeueAfterMs?: number }>(result: T, ms: number | undefined): T {
  if (ms === undefined) return result;
  const current = result.requeueAfterMs;
  return { ...result, requeueAfterMs: current === undefined ? ms : Math.min(current, ms) };
}

/**
 * Pods synced at once. More is slower on Docker 20.10 with 2 cores: with 20 workers a 20-replica
 * scale-up took 38-65 s against 16 s with 8 (every sandbox start on the network slowed to ~10 s,
 * and creates and inspects of the sandboxes queued behind them).
 */
const POD_WORKERS = 8;

/** When a pod is looked at again after a Docker event about it. */
const FOLLOW_UP_MS = [25, 100, 400, 1000];
/** Docker events whose change the container list already shows when they arrive. */
const NO_FOLLOW_UP = new Set(['create', 'start']);

export interface KubeletOptions {
  registry: Registry;
  runtime: Runtime;
  nodeName: string;
  hostIP: string;
  log: (message: string) => void;
  backoffInitialMs?: number;
  /** DNS settings and the directory of the kubelet-managed pod files (resolv.conf, /etc/hosts). */
  podNetwork?: PodNetworkDeps;
  /** Awaited before a deleted pod's containers are stopped (see KubeletDeps.drained). */
  drained?: (pod: KObject) => Promise<void>;
  /** Where configMap/secret/downwardAPI/projected volumes are written (config-volumes.ts). */
  volumeDirs?: VolumeDirs;
  /** Where Localhost seccomp profiles are read (see KubeletDeps.seccompProfileRoot). */
  seccompProfileRoot?: string;
  /** Delays between pings while the engine is unreachable (tests shorten them). */
  engineBackoff?: ReconnectBackoff;
}

/** Every pod is synced at least this often, changed or not (the kubelet's --sync-frequency is 1 min). */
export const FULL_RESYNC_MS = 10_000;

export class Kubelet {
  private readonly queue: WorkQueue;
  private readonly states = new Map<string, PodState>();
  private readonly snapshot: ContainerSnapshot;
  private readonly deps: KubeletDeps;
  /** The tokens of serviceAccountToken projections, signed with the agent's key. */
  private readonly tokens: TokenManager;
  /** Per pod uid: the pending looks after its last Docker event. */
  private readonly followUps = new Map<string, NodeJS.Timeout[]>();
  private readonly engine: EngineGate;

  constructor(private readonly opts: KubeletOptions) {
    this.snapshot = new ContainerSnapshot(opts.runtime);
    this.tokens = new TokenManager((pod, audience, seconds) => {
      const { token, claims } = issueBoundToken(
        opts.registry,
        opts.registry.home,
        pod.metadata!.namespace!,
        pod.spec?.serviceAccountName ?? 'default',
        {
          ...(audience ? { audiences: [audience] } : {}),
          expirationSeconds: seconds,
          boundObjectRef: {
            kind: 'Pod',
            apiVersion: 'v1',
            name: pod.metadata!.name!,
            uid: pod.metadata!.uid!,
          },
        },
      );
      return { token, iat: claims.iat, exp: claims.exp };
    });
    this.engine = new EngineGate({
      ping: () => opts.runtime.ping(),
      onBack: () => {
        this.snapshot.invalidate();
        void this.resync().catch((err) => opts.log(`resync: ${(err as Error).message}`));
      },
      log: opts.log,
      backoff: opts.engineBackoff,
    });
    const events = new EventRecorder(opts.registry);
    const probes = new ProbeManager({
      runtime: opts.runtime,
      onChange: (uid) => this.enqueueUid(uid),
      onFailure: (f) => {
        const kind = f.type === 'liveness' ? 'Liveness' : f.type === 'readiness' ? 'Readiness' : 'Startup';
        void events.record({
          object: f.pod as unknown as KObject,
          type: 'Warning',
          reason: 'Unhealthy',
          message: `${kind} probe failed: ${f.message}`,
          fieldPath: `spec.containers{${f.container.name}}`,
          component: 'kubelet',
          host: opts.nodeName,
        });
      },
    });
    const { registry } = opts;
    this.deps = {
      probes,
      claims: claimLookup(registry),
      configMap: (ns, name) => {
        const cm = registry.get(CONFIGMAP, ns, name);
        return cm ? { ...(cm.data ?? {}) } : undefined;
      },
      secret: (ns, name) => {
        const secret = registry.get(SECRET, ns, name);
        if (!secret) return undefined;
        const data: Record<string, string> = {};
        for (const [k, v] of Object.entries<string>(secret.data ?? {}))
          data[k] = Buffer.from(v, 'base64').toString('utf8');
        return { ...data, ...(secret.stringData ?? {}) };
      },
      payloadSources: {
        configMap: (ns, name) =>
          registry.get(CONFIGMAP, ns, name) as { data?: Record<string, string> } | undefined,
        secret: (ns, name) => registry.get(SECRET, ns, name) as { data?: Record<string, string> } | undefined,
        serviceAccountToken: (pod, projection) => this.tokens.token(pod, projection),
      },
      volumeDirs: opts.volumeDirs,
      seccompProfileRoot: opts.seccompProfileRoot,
      runtime: opts.runtime,
      registry: opts.registry,
      events,
      nodeName: opts.nodeName,
      hostIP: opts.hostIP,
      observe: (uid) => this.snapshot.ofPod(uid),
      invalidate: () => this.snapshot.invalidate(),
      refresh: async (id) => {
        const seen = await opts.runtime.inspectContainer?.(id);
        if (seen) this.snapshot.record(seen);
        else this.snapshot.invalidate();
        return seen;
      },
      backoffInitialMs: opts.backoffInitialMs ?? BACKOFF_INITIAL_MS,
      podNetwork: opts.podNetwork,
      drained: opts.drained,
      currentPod: (namespace, name) => registry.get(POD, namespace, name),
      log: opts.log,
    };
    this.queue = new WorkQueue(
      (key) =>
        traced(
          'kubelet',
          () => `sync ${key}`,
          // A sync that failed midway may have changed Docker without recording it: list afresh.
          () =>
            this.sync(key).catch((err) => {
              this.snapshot.invalidate();
              throw err;
            }),
        ),
      POD_WORKERS,
      (key, err) => opts.log(`sync ${key}: ${(err as Error).stack ?? err}`),
    );
  }

  /** A pod changed (or may have): sync it soon. Key is `namespace/name`. */
  enqueue(namespace: string, name: string): void {
    this.queue.enqueue(`${namespace}/${name}`);
  }

  /**
   * A ConfigMap or Secret changed (or appeared, or went): sync the pods whose volumes read it, so
   * running pods see the new files within moments and waiting ones start (the kubelet's
   * configmap/secret managers watch the objects the same way).
   */
  sourceChanged(kind: 'ConfigMap' | 'Secret' | 'ServiceAccount', namespace: string, name: string): void {
    const ref = `${kind.toLowerCase()}/${name}`;
    for (const pod of this.opts.registry.list(POD, { namespace })) {
      // A ServiceAccount made after its pods (a fresh namespace) lets their tokens be issued.
      const uses =
        kind === 'ServiceAccount'
          ? (pod.spec?.serviceAccountName ?? 'default') === name &&
            (pod.spec?.volumes ?? []).some((v: Volume) =>
              v.projected?.sources?.some((s) => s.serviceAccountToken),
            )
          : (pod.spec?.volumes ?? []).some((v: never) => volumeReferences(v).includes(ref));
      if (uses) this.enqueue(namespace, pod.metadata.name!);
    }
  }

  /**
   * Docker told us something happened to a container. Its container list can trail its events
   * (Docker 20.10 announces `die` before it has marked the container exited and cleaned up its
   * mounts), so the pod is looked at again a little later too; otherwise a crash seen as still
   * running would wait for the next resync.
   */
  containerChanged(podUid: string | undefined, action?: string): void {
    // A create or start is listed before it is announced: nothing can trail it. (20 pods starting
    // made 40 such events, each with four more syncs of its pod.) One made by the pod's sync under
    // way is that sync's own doing, which it records in the snapshot and reports when it ends: no
    // second sync for it, and no new list for every other worker.
    const own = action !== undefined && NO_FOLLOW_UP.has(action);
    if (own && podUid && this.syncing(podUid)) return;
    this.snapshot.invalidate();
    if (!podUid) return;
    this.enqueueUid(podUid);
    if (own) return;
    for (const timer of this.followUps.get(podUid) ?? []) clearTimeout(timer);
    const timers = FOLLOW_UP_MS.map((ms) => {
      const timer = setTimeout(() => {
        this.snapshot.invalidate();
        this.enqueueUid(podUid);
      }, ms);
      timer.unref?.();
      return timer;
    });
    this.followUps.set(podUid, timers);
  }

  /** Docker events and probes name pods by uid; remember their keys instead of listing every pod per event. */
  private readonly keysByUid = new Map<string, string>();
  /** What each pod's containers looked like at the last relist (ids, states, times). */
  private relisted = new Map<string, string>();
  private lastFullResync = 0;

  private syncing(podUid: string): boolean {
    const key = this.keysByUid.get(podUid);
    return key !== undefined && this.queue.isRunning(key);
  }

  private enqueueUid(podUid: string): void {
    let key = this.keysByUid.get(podUid);
    if (!key) {
      const pod = this.opts.registry.list(POD).find((p) => p.metadata.uid === podUid);
      if (!pod) return;
      key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      this.keysByUid.set(podUid, key);
    }
    this.queue.enqueue(key);
  }

  /**
   * The PLEG's relist: one `docker ps`, then a sync of each pod whose containers changed since the
   * last look (a missed Docker event), of pods not yet running here, and of every pod once per
   * FULL_RESYNC_MS (the kubelet's sync frequency). Syncing all 50 pods of a busy node every 2 s
   * was most of an idle agent's CPU. Containers of pods that are gone are removed here too.
   */
  async resync(): Promise<void> {
    const pods = this.opts.registry.list(POD);
    this.keysByUid.clear();
    for (const p of pods) this.keysByUid.set(p.metadata.uid!, `${p.metadata.namespace}/${p.metadata.name}`);
    const now = Date.now();
    const full = this.engine.isDown || now - this.lastFullResync >= FULL_RESYNC_MS;
    const containers = this.engine.isDown
      ? undefined
      : await this.engineCall(() => this.removeOrphans(new Set(pods.map((p) => p.metadata.uid!))));
    if (full) this.lastFullResync = now;
    const plan = computeRelist({ pods, containers, previous: this.relisted, full });
    this.relisted = plan.prints;
    for (const key of plan.sync) {
      const [namespace, name] = key.split('/') as [string, string];
      this.enqueue(namespace, name);
    }
    // While the engine is down the gate resyncs every pod when it answers again.
  }

  /**
   * Run work that talks to the engine; when the engine does not answer, hold syncs behind the
   * gate instead of failing (and retrying) pod by pod.
   */
  private async engineCall<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      if (!isEngineUnreachable(err)) throw err;
      this.engine.markDown(err);
      return undefined;
    }
  }

  /** Stop taking work; resolves once the syncs under way and their events are written. */
  async stop(): Promise<void> {
    for (const timers of this.followUps.values()) for (const timer of timers) clearTimeout(timer);
    this.followUps.clear();
    this.queue.stop();
    this.engine.stop();
    this.deps.probes.stopAll();
    await this.queue.idle();
    await this.deps.events.flush();
  }

  private async sync(key: string) {
    const [namespace, name] = key.split('/') as [string, string];
    let pod = this.opts.registry.get(POD, namespace, name);
    if (!pod) {
      // Gone from the API without passing through us (a forced deletion): kill what is left now
      // rather than at the next resync.
      if (this.engine.isDown) return {};
      await this.engineCall(() =>
        this.removeOrphans(new Set(this.opts.registry.list(POD).map((p) => p.metadata.uid!))),
      );
      return {};
    }
    const uid = pod.metadata.uid!;
    this.keysByUid.set(uid, key);
    let state = this.states.get(uid);
    if (!state) {
      state = new PodState(this.deps.backoffInitialMs);
      this.states.set(uid, state);
    }
    if (!pod.spec?.nodeName) {
      // Bound here: go on to start it in this sync, rather than after every other pod's binding
      // (20 new replicas were all bound before the first sandbox was created).
      const scheduled = await this.schedule(pod);
      if (!('bound' in scheduled)) return scheduled;
      pod = scheduled.bound;
    }
    const taints = await this.taintEviction(pod);
    if (taints.evicted) return {};
    // While the engine is away nothing can be observed or started; the gate syncs every pod
    // when it answers again.
    if (this.engine.isDown) return {};
    const podState = state;
    const result = await this.engineCall(() => syncPod(pod, podState, this.deps));
    if (!this.opts.registry.get(POD, namespace, name)) this.states.delete(uid);
    // A projected token coming due is written when due, not at the next full resync.
    return sooner(sooner(result ?? {}, taints.recheckInMs), this.tokens.refreshInMs(uid));
  }

  private lastNodeSpec = '';

  /**
   * The node's spec changed (cordon, taints): every pod is looked at again, pending ones for
   * scheduling and running ones for NoExecute taints. Heartbeats (status only) change nothing.
   */
  nodeChanged(node: KObject): void {
    if (node.metadata.name !== this.opts.nodeName) return;
    const spec = JSON.stringify(node.spec ?? {});
    if (spec === this.lastNodeSpec) return;
    this.lastNodeSpec = spec;
    for (const p of this.opts.registry.list(POD)) this.enqueue(p.metadata.namespace!, p.metadata.name!);
  }

  private node(): Node | undefined {
    return this.opts.registry.get(NODE, undefined, this.opts.nodeName) as unknown as Node | undefined;
  }

  /** The scheduler on a one-node cluster: bind here when the node fits, else say why and retry. */
  private async schedule(pod: KObject): Promise<{ bound: KObject } | { requeueAfterMs: number }> {
    const node = this.node();
    const reason = node ? unfitReason(pod as unknown as Pod, node) : undefined;
    if (!reason) return this.bind(pod);
    const message = failedSchedulingMessage(reason);
    const scheduled = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    if (scheduled?.status !== 'False' || scheduled.message !== message) {
      const condition = {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(new Date()),
        reason: 'Unschedulable',
        message,
      };
      const written = await this.opts.registry.mutate(
        POD,
        pod.metadata.namespace,
        pod.metadata.name!,
        (cur) => {
          if (cur.metadata.uid !== pod.metadata.uid || cur.spec?.nodeName) return undefined;
          return { ...cur, status: { phase: 'Pending', conditions: [condition] } };
        },
        { subresource: 'status' },
      );
      if (written) {
        await this.deps.events.record({
          object: written,
          type: 'Warning',
          reason: 'FailedScheduling',
          message,
          component: 'default-scheduler',
        });
      }
    }
    // Node changes wake every pod (nodeChanged); this retry covers a missed one.
    return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS };
  }

  /** The taint manager: a NoExecute taint the pod does not tolerate (or no longer) deletes it. */
  private async taintEviction(pod: KObject): Promise<{ evicted: boolean; recheckInMs?: number }> {
    const node = this.node();
    if (!node?.spec?.taints?.length || pod.metadata.deletionTimestamp) return { evicted: false };
    const verdict = noExecuteVerdict(pod as unknown as Pod, node, Date.now());
    if (!verdict.evict) return { evicted: false, recheckInMs: verdict.recheckInMs };
    await this.deps.events.record({
      object: pod,
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
      component: 'taint-eviction-controller',
    });
    await this.opts.registry
      .delete(POD, pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid })
      .catch((err) => this.opts.log(`taint eviction of ${pod.metadata.name}: ${(err as Error).message}`));
    return { evicted: true };
  }

  /** The scheduler's job on a one-node cluster: assign the pod here. */
  private async bind(pod: KObject): Promise<{ bound: KObject } | { requeueAfterMs: number }> {
    const { namespace, name, uid } = pod.metadata;
    const volumes = await this.scheduleVolumes(pod);
    if (volumes) return volumes;
    const bound = await this.opts.registry.bind(namespace!, name!, uid, this.opts.nodeName);
    if (bound) {
      await this.deps.events.record({
        object: bound,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${this.opts.nodeName}`,
        component: 'default-scheduler',
      });
      return { bound };
    }
    return { requeueAfterMs: 1 };
  }

  /**
   * The scheduler's volume steps before binding: undefined when the pod's claims allow it here,
   * otherwise when to look again (after choosing this node for WaitForFirstConsumer claims, or
   * saying why the pod cannot be scheduled).
   */
  private async scheduleVolumes(pod: KObject): Promise<{ requeueAfterMs: number } | undefined> {
    const { registry } = this.opts;
    const ns = pod.metadata.namespace!;
    const decision = computeVolumeScheduling(
      pod,
      registry.list(PVC, { namespace: ns }),
      registry.list(STORAGE_CLASS),
      registry.list(POD, { namespace: ns }),
      registry.list(PV),
    );
    if (decision.type === 'ready') return undefined;
    if (decision.type === 'wait') {
      for (const claim of decision.selectNode) {
        await registry.mutate(PVC, ns, claim, (cur) =>
          cur.metadata.annotations?.[ANN_SELECTED_NODE]
            ? undefined
            : {
                ...cur,
                metadata: {
                  ...cur.metadata,
                  annotations: { ...cur.metadata.annotations, [ANN_SELECTED_NODE]: this.opts.nodeName },
                },
              },
        );
      }
      return { requeueAfterMs: 200 };
    }
    const scheduled = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    if (scheduled?.message !== decision.message) {
      await registry.mutate(
        POD,
        ns,
        pod.metadata.name!,
        (cur) => {
          if (cur.metadata.uid !== pod.metadata.uid || cur.spec?.nodeName) return undefined;
          const others = (cur.status?.conditions ?? []).filter(
            (c: { type: string }) => c.type !== 'PodScheduled',
          );
          const condition = {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            reason: 'Unschedulable',
            message: decision.message,
          };
          return { ...cur, status: { ...cur.status, phase: 'Pending', conditions: [...others, condition] } };
        },
        { subresource: 'status' },
      );
      await this.deps.events.record({
        object: pod,
        type: 'Warning',
        reason: 'FailedScheduling',
        message: decision.message,
        component: 'default-scheduler',
      });
    }
    return { requeueAfterMs: 1000 };
  }

  /** Remove containers of pods that are gone; resolves to the containers seen (one `docker ps`). */
  private async removeOrphans(liveUids: Set<string>): Promise<ObservedContainer[]> {
    for (const uid of this.states.keys()) {
      if (liveUids.has(uid)) continue;
      this.states.delete(uid);
      this.deps.probes.removePod(uid);
    }
    for (const [uid, timers] of this.followUps) {
      if (liveUids.has(uid)) continue;
      for (const timer of timers) clearTimeout(timer);
      this.followUps.delete(uid);
    }
    this.snapshot.invalidate();
    const all = await this.snapshot.shallow();
    // Secret volumes of pods deleted while the agent was away (a fresh read, and only old ones).
    if (this.opts.volumeDirs) {
      const live = new Set(this.opts.registry.list(POD).map((p) => p.metadata.uid!));
      removeOrphanConfigVolumes(this.opts.volumeDirs, live);
    }
    const orphans = all.filter((c) => !liveUids.has(c.podUid));
    if (orphans.length === 0) return all;
    // Re-check against a fresh read: a pod created since the list above is not an orphan.
    const fresh = new Set(this.opts.registry.list(POD).map((p) => p.metadata.uid!));
    const gone = orphans.filter((c) => !fresh.has(c.podUid));
    await Promise.all(gone.map((c) => this.opts.runtime.removeContainer(c.id)));
    if (gone.length) {
      this.opts.log(`removed ${gone.length} container(s) of deleted pods`);
      this.snapshot.invalidate();
    }
    const goneIds = new Set(gone.map((c) => c.id));
    return all.filter((c) => !goneIds.has(c.id));
  }
}
