// One `docker ps` serves every pod worker that asks while it is fresh: a snapshot taken after
// the last change to Docker is shared; any change (ours or a Docker event) invalidates it.
import type { ObservedContainer, Runtime } from '../runtime/types.js';

export class ContainerSnapshot {
  private generation = 0;
  private inflight?: { generation: number; promise: Promise<ObservedContainer[]> };

  constructor(private readonly runtime: Runtime) {}

  invalidate(): void {
    this.generation++;
  }

  all(): Promise<ObservedContainer[]> {
    if (this.inflight && this.inflight.generation === this.generation) return this.inflight.promise;
    const promise = this.runtime.listContainers();
    this.inflight = { generation: this.generation, promise };
    promise.catch(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
    return promise;
  }

  async ofPod(podUid: string): Promise<ObservedContainer[]> {
    return (await this.all()).filter((c) => c.podUid === podUid);
  }
}
