// listContainers, called by the agent on every sync: one label-filtered list, then an inspect
// only for containers whose (id, state) was not seen before. Times and the OOM flag only change
// with the state, so a cached inspect stays right until the state does.
import type Docker from 'dockerode';
import { isNotFound } from './client.js';
import { fromInspect, fromListEntry, type InspectInfo, type ListEntry, mergeObserved } from './decode.js';
import { LABELS, type ObservedContainer } from './types.js';

export class ContainerLister {
  private cache = new Map<string, { state: string; observed: ObservedContainer }>();

  constructor(
    private readonly docker: Docker,
    private readonly home: string,
    private readonly network: string,
  ) {}

  async list(podUid?: string): Promise<ObservedContainer[]> {
    const label = [`${LABELS.home}=${this.home}`];
    if (podUid) label.push(`${LABELS.podUid}=${podUid}`);
    const entries = (await this.docker.listContainers({
      all: true,
      filters: { label },
    })) as unknown as ListEntry[];
    const seen = new Set<string>();
    const results = await Promise.all(
      entries.map(async (entry) => {
        seen.add(entry.Id);
        const listed = fromListEntry(entry, this.network);
        if (!listed) return undefined;
        return this.detailed(listed);
      }),
    );
    // Only a full list knows which containers are gone.
    if (!podUid) for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return results.filter((c): c is ObservedContainer => c !== undefined);
  }

  /** Forget one container (after a start or stop we made ourselves, to re-read it next time). */
  invalidate(id: string): void {
    this.cache.delete(id);
  }

  private async detailed(listed: ObservedContainer): Promise<ObservedContainer | undefined> {
    const hit = this.cache.get(listed.id);
    if (hit && hit.state === listed.state) return mergeObserved(listed, hit.observed);
    try {
      const info = (await this.docker.getContainer(listed.id).inspect()) as unknown as InspectInfo;
      const inspected = fromInspect(info, this.network) ?? listed;
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
