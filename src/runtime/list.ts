// listContainers, called by the agent on every sync: one label-filtered list, then an inspect
// only for containers whose (id, state) was not seen before. Times and the OOM flag only change
// with the state, so a cached inspect stays right until the state does.
import type Docker from 'dockerode';
import { isNotFound } from './client.js';
import { fromInspect, fromListEntry, type InspectInfo, type ListEntry, mergeObserved } from './decode.js';
import { LABELS, type ObservedContainer } from './types.js';

export class ContainerLister {
  private cache = new Map<string, { state: string; observed: ObservedContainer }>();
  /** Inspected by the runtime itself just now (a sandbox's plumbing): the next inspectOne's answer. */
  private readonly primed = new Set<string>();
  /**
   * Containers Docker sent an `oom` event for. Docker sets State.OOMKilled only when the engine
   * hears of the OOM before the exit; when the two cross, the flag stays false. containerd's CRI
   * records the OOM whenever it comes, so the kubelet shows OOMKilled either way: so does mkube.
   */
  private readonly oomSeen = new Set<string>();

  constructor(
    private readonly docker: Docker,
    private readonly home: string,
    private readonly network: string,
  ) {}

  async list(podUid?: string): Promise<ObservedContainer[]> {
    return this.detail(await this.listed(podUid));
  }

  /** Every container of the home as `docker ps` shows it, without inspecting any. */
  shallow(): Promise<ObservedContainer[]> {
    return this.listed();
  }

  /** The listed containers with what only an inspect knows (cached while their state holds). */
  async detail(listed: ObservedContainer[]): Promise<ObservedContainer[]> {
    const results = await Promise.all(listed.map((c) => this.detailed(c)));
    return results.filter((c): c is ObservedContainer => c !== undefined);
  }

  private async listed(podUid?: string): Promise<ObservedContainer[]> {
    const label = [`${LABELS.home}=${this.home}`];
    if (podUid) label.push(`${LABELS.podUid}=${podUid}`);
    const entries = (await this.docker.listContainers({
      all: true,
      filters: { label },
    })) as unknown as ListEntry[];
    // Only a full list knows which containers are gone.
    if (!podUid) {
      const seen = new Set(entries.map((e) => e.Id));
      for (const id of this.cache.keys()) if (!seen.has(id)) this.invalidate(id);
      for (const id of this.oomSeen) if (!seen.has(id)) this.oomSeen.delete(id);
    }
    return entries.map((e) => fromListEntry(e, this.network)).filter((c): c is ObservedContainer => !!c);
  }

  /**
   * One container inspected on its own (a sandbox just started, for its IP), kept in the cache so
   * the next list's detail does not inspect it again while its state holds. With `prime` (the
   * runtime's own look right after a start), the next inspectOne of it is answered from that look:
   * nothing we did since could have changed it, and what Docker did itself comes as an event.
   */
  async inspectOne(id: string, prime = false): Promise<ObservedContainer | undefined> {
    const hit = this.cache.get(id);
    if (!prime && hit && this.primed.delete(id)) return hit.observed;
    let info: InspectInfo;
    try {
      info = (await this.docker.getContainer(id).inspect()) as unknown as InspectInfo;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const inspected = this.withOom(fromInspect(info, this.network));
    if (inspected) this.cache.set(id, { state: inspected.state, observed: inspected });
    if (inspected && prime) this.primed.add(id);
    return inspected;
  }

  /** Forget one container (after a start or stop we made ourselves, to re-read it next time). */
  invalidate(id: string): void {
    this.cache.delete(id);
    this.primed.delete(id);
  }

  /** Docker's `oom` event for a container: it shows OOMKilled from now on, whatever its state says. */
  recordOom(id: string): void {
    this.oomSeen.add(id);
    this.invalidate(id);
  }

  private withOom(observed: ObservedContainer | undefined): ObservedContainer | undefined {
    return observed && this.oomSeen.has(observed.id) ? { ...observed, oomKilled: true } : observed;
  }

  private async detailed(listed: ObservedContainer): Promise<ObservedContainer | undefined> {
    const hit = this.cache.get(listed.id);
    if (hit && hit.state === listed.state) return mergeObserved(listed, hit.observed);
    try {
      const info = (await this.docker.getContainer(listed.id).inspect()) as unknown as InspectInfo;
      const inspected = this.withOom(fromInspect(info, this.network)) ?? listed;
      // The inspect is newer than the list: when they disagree, trust it and cache nothing.
      if (inspected.state !== listed.state) return inspected;
      this.cache.set(listed.id, { state: listed.state, observed: inspected });
      return mergeObserved(listed, inspected);
    } catch (err) {
      if (isNotFound(err)) return undefined; // removed between list and inspect
      throw err;
    }
  }
}
