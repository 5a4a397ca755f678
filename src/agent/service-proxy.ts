// The agent's kube-proxy: keeps this home's iptables data plane (src/network/proxy) equal to the
// Services and EndpointSlices in the informer cache. Level-triggered like the controllers: every
// Service/EndpointSlice change asks for a sync, a burst of changes makes one (debounced), never two
// at once, the last change is always followed by a sync that saw it, and a slow resync heals a
// flushed table. Where the kernel cannot be programmed it says so once (log, `agent status`, a
// Warning event on each Service that needs it) and does nothing else.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject, WatchEvent } from '../api/types.js';
import {
  dockerBridgeName,
  loadBalancerStatusChanges,
  type ProxyInput,
  proxyIdentity,
  proxyUnsupportedReason,
  type SyncOptions,
  type SyncResult,
  syncRules,
} from '../network/proxy/index.js';
import type { EventInput } from '../registry/event-recorder.js';
import type { Registry } from '../registry/registry.js';
import { serviceRangeOf } from '../registry/service-network.js';
import type { NetworkInfo } from '../runtime/types.js';
import { writeFileAtomicSync } from '../state/fsio.js';
import { SerialDebouncer } from '../util/serial-debouncer.js';
import type { DataPlaneState } from './data-plane-state.js';
import { agentPaths } from './paths.js';

const SERVICE = lookupKind('services')!;
const ENDPOINTSLICE = lookupKind('endpointslices.discovery.k8s.io')!;

/** Changes closer together than this make one sync (the endpoints controllers write in bursts). */
export const PROXY_DEBOUNCE_MS = 30;
/** A sync this often even without changes, so rules someone flushed come back. */
export const PROXY_RESYNC_MS = 30_000;
/** A sync slower than this is logged: readiness changes should reach the kernel within a second. */
const SLOW_SYNC_MS = 1_000;
export const DATA_PLANE_UNAVAILABLE = 'DataPlaneUnavailable';

export interface ServiceProxyOptions {
  registry: Registry;
  networkInfo: () => Promise<NetworkInfo>;
  log: (message: string) => void;
  recordEvent: (input: EventInput) => void;
  /** Seams for tests: the kernel check and the sync. */
  unsupportedReason?: () => Promise<string | undefined>;
  sync?: (input: ProxyInput, options: SyncOptions) => Promise<SyncResult>;
  debounceMs?: number;
  resyncMs?: number;
}

/** Services the data plane would serve: those with a cluster IP. */
const needsDataPlane = (svc: KObject): boolean =>
  !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None' && svc.spec.type !== 'ExternalName';

export class ServiceProxy {
  private readonly home: string;
  private readonly id: string;
  private readonly serviceCIDR: string;
  private readonly debouncer: SerialDebouncer;
  private resyncTimer: NodeJS.Timeout | undefined;
  private network: NetworkInfo | undefined;
  /** Why the data plane is off for good (unsupported machine); undefined when it runs. */
  private offReason: string | undefined;
  /** The last sync failure, so each distinct one is logged and warned about once. */
  private failure: string | undefined;
  private readonly warned = new Set<string>();
  private stateText = '';
  /** Duration of the last sync, for the log and the tests' measurements. */
  lastSyncMs = 0;
  /** Syncs started so far, and who waits for one that starts after a given count. */
  private syncsStarted = 0;
  private syncWaiters: { after: number; resolve: () => void }[] = [];
  private running = false;

  constructor(private readonly opts: ServiceProxyOptions) {
    this.home = opts.registry.home;
    this.id = proxyIdentity(this.home);
    const range = serviceRangeOf(this.home);
    if (!range) throw new Error(`${this.home} has no service range (config.json)`);
    this.serviceCIDR = range;
    this.debouncer = new SerialDebouncer(
      () => this.syncOnce(),
      opts.debounceMs ?? PROXY_DEBOUNCE_MS,
      (err) => opts.log(`data plane: sync: ${(err as Error).stack ?? err}`),
    );
  }

  /**
   * Checks the machine, then syncs once before returning: the local route for the service range
   * exists before the kubelet starts anything that could send to it.
   */
  async start(): Promise<void> {
    this.writeState({ pid: process.pid, mode: 'starting' });
    const reason = await (this.opts.unsupportedReason ?? proxyUnsupportedReason)();
    if (reason) {
      this.offReason = reason;
      this.opts.log(`data plane: off: ${reason}; Services get no cluster IP traffic`);
      this.writeState({ pid: process.pid, mode: 'off', reason });
      this.warnServices(reason);
      return;
    }
    this.running = true;
    await this.debouncer.runNow();
    if (!this.failure)
      this.opts.log(`data plane: on, service range ${this.serviceCIDR}, synced in ${this.lastSyncMs} ms`);
    this.resyncTimer = setInterval(() => this.debouncer.trigger(), this.opts.resyncMs ?? PROXY_RESYNC_MS);
  }

  /** Whether Service IPs answer now (the last sync worked): pods may then use kube-dns's IP. */
  get active(): boolean {
    return !this.offReason && !this.failure && this.lastSyncMs > 0;
  }

  onEvent(ev: WatchEvent): void {
    const kind = ev.object.kind;
    if (kind !== 'Service' && kind !== 'EndpointSlice') return;
    if (this.offReason) {
      if (kind === 'Service') this.warnServices(this.offReason);
    } else {
      this.debouncer.trigger();
    }
  }

  /**
   * Resolves once a sync that started after this call has ended (so it saw the cache as it is
   * now), failed or not; at once when the data plane is off, not started or stopped.
   */
  waitForSyncAfter(): Promise<void> {
    if (this.offReason || !this.running) return Promise.resolve();
    const after = this.syncsStarted;
    const waited = new Promise<void>((resolve) => this.syncWaiters.push({ after, resolve }));
    this.debouncer.trigger();
    return waited;
  }

  /** A sync soon (the agent's watch restarted: changes may have been missed). */
  resync(): void {
    if (!this.offReason) this.debouncer.trigger();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.resyncTimer);
    await this.debouncer.stop();
    for (const w of this.syncWaiters.splice(0)) w.resolve();
  }

  private async syncOnce(): Promise<void> {
    const sequence = ++this.syncsStarted;
    try {
      await this.syncFromCache();
    } finally {
      const [done, later] = partition(this.syncWaiters, (w) => w.after < sequence);
      this.syncWaiters = later;
      for (const w of done) w.resolve();
    }
  }

  private async syncFromCache(): Promise<void> {
    const services = this.opts.registry.list(SERVICE);
    const endpointSlices = this.opts.registry.list(ENDPOINTSLICE);
    let network: NetworkInfo;
    try {
      network = this.network ??= await this.opts.networkInfo();
    } catch (err) {
      this.failed(`cannot inspect the pods' network: ${(err as Error).message}`, services);
      return;
    }
    const started = performance.now();
    const result = await (this.opts.sync ?? syncRules)(
      {
        id: this.id,
        serviceCIDR: this.serviceCIDR,
        services: services as Service[],
        endpointSlices: endpointSlices as EndpointSlice[],
        clusterCIDR: network.subnets[0],
      },
      {
        hairpinBridges: [dockerBridgeName({ Id: network.id, Options: network.options })],
        supportChecked: true,
      },
    );
    this.lastSyncMs = Math.round(performance.now() - started);
    if (this.lastSyncMs > SLOW_SYNC_MS) this.opts.log(`data plane: slow sync (${this.lastSyncMs} ms)`);
    if (!result.ok) {
      // The network may have been recreated (another bridge): inspect it again next time.
      this.network = undefined;
      this.failed(result.reason, services);
      return;
    }
    if (this.failure) {
      this.opts.log(`data plane: on again, synced in ${this.lastSyncMs} ms`);
      this.failure = undefined;
    }
    this.writeState({ pid: process.pid, mode: 'on', serviceCIDR: this.serviceCIDR });
    await this.writeLoadBalancerStatus(services);
  }

  private failed(reason: string, services: KObject[]): void {
    if (reason !== this.failure) {
      this.opts.log(`data plane: failing: ${reason}`);
      this.failure = reason;
      this.writeState({ pid: process.pid, mode: 'failing', reason });
    }
    this.warnServices(reason, services);
  }

  /** One Warning event per Service (and reason) that needs the data plane it cannot have. */
  private warnServices(reason: string, services = this.opts.registry.list(SERVICE)): void {
    for (const svc of services) {
      const key = `${svc.metadata.uid}|${reason}`;
      if (!needsDataPlane(svc) || this.warned.has(key)) continue;
      this.warned.add(key);
      this.opts.recordEvent({
        object: svc,
        type: 'Warning',
        reason: DATA_PLANE_UNAVAILABLE,
        message: `mkube cannot serve this Service's cluster IP: ${reason}`,
        component: 'kube-proxy',
      });
    }
  }

  /** LoadBalancers answer on the host once synced: EXTERNAL-IP localhost; others lose that status. */
  private async writeLoadBalancerStatus(services: KObject[]): Promise<void> {
    for (const change of loadBalancerStatusChanges(services as Service[])) {
      await this.opts.registry
        .mutate(
          SERVICE,
          change.namespace,
          change.name,
          (current) => {
            // Decide again on the live object: it may have changed since the list.
            const [live] = loadBalancerStatusChanges([current as Service]);
            if (!live) return undefined;
            return { ...current, status: { ...current.status, loadBalancer: live.loadBalancer } };
          },
          { subresource: 'status' },
        )
        .catch((err) =>
          this.opts.log(`data plane: status of service ${change.namespace}/${change.name}: ${err.message}`),
        );
    }
  }

  private writeState(state: DataPlaneState): void {
    const text = `${JSON.stringify(state)}\n`;
    if (text === this.stateText) return;
    try {
      writeFileAtomicSync(agentPaths(this.home).dataPlane, text, 0o644, false);
      this.stateText = text;
    } catch (err) {
      this.opts.log(`data plane: cannot record its state: ${(err as Error).message}`);
    }
  }
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
