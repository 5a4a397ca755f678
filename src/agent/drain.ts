// Draining a terminating pod before the kubelet stops it: the promise a real cluster cannot make,
// because there kube-proxy and the kubelet race. Here all three live in the agent, so the kubelet
// waits until (a) no EndpointSlice lists the pod's IP as ready any more, (b) the data plane has
// finished a sync that started after that, and (c) the Ingress has rebuilt its table after that —
// only then does it run preStop or send the stop signal. The wait is bounded (it counts against
// the grace period) and skipped for a force delete and for pods no Service selects.
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { KObject, WatchEvent } from '../api/types.js';
import { mapSelectorMatcher } from '../controllers/common/selector.js';
import { isManagedService } from '../controllers/endpoints/pods.js';

/** The longest a drain may hold the kill path. */
export const DRAIN_TIMEOUT_MS = 2_000;

/**
 * How long the kubelet may wait for `pod` to leave the data plane: 0 (no wait) unless it is being
 * deleted with a grace period and has an IP; otherwise at most `maxMs` and at most half its
 * grace period, so the process keeps the other half for its own shutdown.
 */
export function drainBudgetMs(pod: Pod, maxMs = DRAIN_TIMEOUT_MS): number {
  if (!pod.metadata?.deletionTimestamp) return 0;
  if (podIPs(pod).length === 0) return 0;
  const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (grace <= 0) return 0;
  return Math.min(maxMs, (grace * 1000) / 2);
}

export const podIPs = (pod: Pod): string[] => {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (pod.status?.podIP && !ips.includes(pod.status.podIP)) ips.push(pod.status.podIP);
  return ips;
};

/** Whether a Service the endpoints controllers manage selects the pod (so traffic may reach it). */
export function selectedByService(pod: Pod, services: readonly Service[]): boolean {
  const ns = pod.metadata?.namespace;
  return services.some(
    (svc) =>
      svc.metadata?.namespace === ns &&
      isManagedService(svc as KObject) &&
      mapSelectorMatcher(svc.spec?.selector)(pod.metadata?.labels),
  );
}

/** Whether an EndpointSlice of the pod's namespace still lists one of its IPs as ready. */
export function listedReady(pod: Pod, slices: readonly EndpointSlice[]): boolean {
  const ips = new Set(podIPs(pod));
  const ns = pod.metadata?.namespace;
  return slices.some(
    (slice) =>
      slice.metadata?.namespace === ns &&
      (slice.endpoints ?? []).some(
        // A nil `ready` means ready (the EndpointSlice API's rule).
        (ep) => ep.conditions?.ready !== false && ep.addresses.some((ip) => ips.has(ip)),
      ),
  );
}

/** Something that applies the EndpointSlices: resolves once a pass that started after the call ended. */
export interface SyncAfter {
  waitForSyncAfter(): Promise<void>;
}

export interface DrainOptions {
  services: () => readonly Service[];
  endpointSlices: () => readonly EndpointSlice[];
  /** The data plane and the Ingress (each resolves at once when it is not running). */
  followers: readonly SyncAfter[];
  log: (message: string) => void;
  maxMs?: number;
}

export class Drain {
  /** Drains waiting for the EndpointSlices to stop listing their pod as ready. */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly opts: DrainOptions) {}

  /** Resolves when `pod` no longer receives new traffic, or when its budget is spent. */
  async drained(podObj: KObject): Promise<void> {
    const pod = podObj as unknown as Pod;
    const budget = drainBudgetMs(pod, this.opts.maxMs);
    if (budget <= 0 || !selectedByService(pod, this.opts.services())) return;
    const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    let step = 'the EndpointSlices';
    let timer: NodeJS.Timeout | undefined;
    let cancel = () => {};
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budget);
    });
    const done = (async () => {
      await new Promise<void>((resolve) => {
        const check = () => {
          if (listedReady(pod, this.opts.endpointSlices())) return;
          this.waiting.delete(check);
          resolve();
        };
        cancel = () => this.waiting.delete(check);
        this.waiting.add(check);
        check();
      });
      step = 'the data plane and the Ingress';
      await Promise.all(this.opts.followers.map((f) => f.waitForSyncAfter()));
      return 'drained' as const;
    })();
    const outcome = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    cancel();
    if (outcome === 'timeout')
      this.opts.log(`drain: pod ${name}: gave up after ${budget} ms waiting for ${step}`);
  }

  /** The agent's watch: an EndpointSlice change may let a waiting drain go on. */
  onEvent(ev: WatchEvent): void {
    if (ev.object.kind !== 'EndpointSlice' || this.waiting.size === 0) return;
    for (const check of [...this.waiting]) check();
  }
}
