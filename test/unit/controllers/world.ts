// A real temp store with the workload controllers wired to its watch, stepped by hand: `settle`
// runs reconciles until nothing is queued, `kubelet` plays the node (binds pods, marks them
// Running/Ready, finishes deletions). The clock is fake and moves only when told.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import type { Controller, ControllerContext } from '../../../src/controllers/controller.js';
import { deploymentController } from '../../../src/controllers/deployment/deployment.js';
import { endpointsController } from '../../../src/controllers/endpoints/endpoints.js';
import { endpointSliceController } from '../../../src/controllers/endpointslice/endpointslice.js';
import { garbageCollector } from '../../../src/controllers/gc/garbage-collector.js';
import {
  replicaSetController,
  replicationControllerController,
} from '../../../src/controllers/replicaset/replicaset.js';
import { statefulSetController } from '../../../src/controllers/statefulset/statefulset.js';
import { Registry } from '../../../src/registry/registry.js';
import { openStore } from '../../../src/state/store.js';
import type { Store, Watcher } from '../../../src/state/types.js';

export interface RecordedEvent {
  object: string;
  type: string;
  reason: string;
  message: string;
}

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export class World {
  readonly home = mkdtempSync(join(tmpdir(), 'mkube-ctrl-'));
  readonly store: Store = openStore(this.home, { watchPollMs: 5 });
  /** Every write of a test goes through the registry, as a user's or a controller's would. */
  readonly registry = new Registry(this.store);
  readonly events: RecordedEvent[] = [];
  now = Date.now();
  readonly ctx: ControllerContext = {
    registry: this.registry,
    recordEvent: async (e) => {
      this.events.push({
        object: e.object.metadata.name!,
        type: e.type,
        reason: e.reason,
        message: e.message,
      });
    },
    log: () => {},
    now: () => this.now,
  };
  readonly controllers: Controller[] = [
    garbageCollector(this.ctx),
    deploymentController(this.ctx),
    replicaSetController(this.ctx),
    replicationControllerController(this.ctx),
    statefulSetController(this.ctx),
    endpointsController(this.ctx),
    endpointSliceController(this.ctx),
  ];
  private readonly queues = new Map<Controller, Set<string>>(
    this.controllers.map((c) => [c, new Set<string>()]),
  );
  private seen: number;
  private readonly watcher: Watcher;

  constructor() {
    this.seen = this.store.resourceVersion();
    this.watcher = this.store.watch(this.seen, (ev) => {
      this.seen = Math.max(this.seen, Number(ev.object.metadata.resourceVersion));
      for (const c of this.controllers) {
        for (const w of c.watches) {
          if (w.kind.kind === ev.object.kind) for (const k of w.keys(ev.object)) this.queues.get(c)!.add(k);
        }
      }
    });
  }

  controller(name: string): Controller {
    return this.controllers.find((c) => c.name === name)!;
  }

  private async drain(): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.seen < this.store.resourceVersion()) {
      if (Date.now() > deadline) throw new Error('watch fell behind');
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Reconcile until no key is queued (resync keys first). Returns the number of reconciles. */
  async settle(maxRounds = 100): Promise<number> {
    for (const c of this.controllers) for (const k of c.resyncKeys()) this.queues.get(c)!.add(k);
    let runs = 0;
    for (let round = 0; round < maxRounds; round++) {
      await this.drain();
      const work = this.controllers.flatMap((c) => [...this.queues.get(c)!].map((k) => [c, k] as const));
      if (work.length === 0) return runs;
      for (const q of this.queues.values()) q.clear();
      for (const [c, k] of work) {
        await c.reconcile(k);
        runs++;
      }
    }
    throw new Error('controllers did not settle');
  }

  /**
   * Play the kubelet once: bind pods, finish deleted ones, and mark the rest Running with the
   * Ready condition `ready(pod)` decides (default: ready).
   */
  async kubelet(ready: (pod: KObject) => boolean = () => true): Promise<void> {
    for (const pod of this.store.list(POD)) {
      const { namespace, name } = pod.metadata;
      if (pod.metadata.deletionTimestamp) {
        await this.registry.delete(POD, namespace, name!, { gracePeriodSeconds: 0 }).catch(() => undefined);
        continue;
      }
      if (!pod.spec?.nodeName) {
        await this.registry.bind(namespace!, name!, pod.metadata.uid, 'node');
      }
      const isReady = ready(pod);
      const old = pod.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');
      const status = isReady ? 'True' : 'False';
      if (pod.status?.phase === 'Running' && old?.status === status) continue;
      const at = old?.status === status ? old.lastTransitionTime : iso(this.now);
      await this.registry.mutate(
        POD,
        namespace,
        name!,
        (cur) => ({
          ...cur,
          status: {
            phase: 'Running',
            conditions: [{ type: 'Ready', status, lastTransitionTime: at }],
            containerStatuses: [{ name: 'c', ready: isReady, restartCount: 0 }],
          },
        }),
        { subresource: 'status' },
      );
    }
  }

  /** Settle and play the kubelet until the world stops changing. */
  async converge(ready?: (pod: KObject) => boolean, rounds = 50): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      const before = this.store.resourceVersion();
      await this.settle();
      await this.kubelet(ready);
      if (this.store.resourceVersion() === before) return;
    }
    throw new Error('world did not converge');
  }

  close(): void {
    this.watcher.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}
