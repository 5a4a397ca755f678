// One `docker ps` serves every pod worker that asks while it is fresh: a snapshot taken after
// the last change to Docker is shared; any change (ours or a Docker event) invalidates it. A pod's
// sync inspects only its own containers: an inspect of another pod's container that is being
// started waits for that start (hundreds of ms while 20 pods start).
import type { ObservedContainer, Runtime } from '../runtime/types.js';

export class ContainerSnapshot {
  private generation = 0;
  private inflight?: { generation: number; promise: Promise<ObservedContainer[]> };

  constructor(private readonly runtime: Runtime) {}

  invalidate(): void {
    this.generation++;
  }

  /**
   * Every container of the home as `docker ps` lists it (ids, pods, states, exit codes), not
   * inspected: what the relist compares and orphans are found by. Inspecting every container
   * there waited on each one being started (seconds while 20 pods start).
   */
  shallow(): Promise<ObservedContainer[]> {
    return this.listed();
  }

  async ofPod(podUid: string): Promise<ObservedContainer[]> {
    const mine = (await this.listed()).filter((c) => c.podUid === podUid);
    return this.runtime.detail ? this.runtime.detail(mine) : mine;
  }

  /**
   * A container the kubelet just changed and inspected: it replaces (or joins) its entry in this
   * generation's list, so the asking pod sees it without every worker listing again.
   */
  record(container: ObservedContainer): void {
    const current = this.inflight;
    if (!current || current.generation !== this.generation) return; // the next list will show it
    const promise = current.promise.then((listed) => [
      ...listed.filter((c) => c.id !== container.id),
      container,
    ]);
    this.inflight = { generation: this.generation, promise };
    promise.catch(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
  }

  /** The shared list of this generation (inspected already when the runtime cannot split it). */
  private listed(): Promise<ObservedContainer[]> {
    if (this.inflight && this.inflight.generation === this.generation) return this.inflight.promise;
    const promise = this.runtime.listShallow ? this.runtime.listShallow() : this.runtime.listContainers();
    this.inflight = { generation: this.generation, promise };
    promise.catch(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
    return promise;
  }
}
