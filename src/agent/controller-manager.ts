// Runs every controller: one work queue each, woken by the store's watch events on the kinds
// it watches, and by a periodic resync.

import type { WatchEvent } from '../api/types.js';
import type { Controller, ControllerContext } from '../controllers/controller.js';
import { CONTROLLERS } from '../controllers/index.js';
import { EventRecorder } from '../registry/event-recorder.js';
import type { Registry } from '../registry/registry.js';
import { trace, traced, tracing } from '../util/trace.js';
import { WorkQueue } from '../util/work-queue.js';

export class ControllerManager {
  private readonly running: { controller: Controller; queue: WorkQueue }[];

  constructor(
    registry: Registry,
    log: (message: string) => void,
    extra: Pick<ControllerContext, 'metrics'> = {},
  ) {
    const events = new EventRecorder(registry);
    this.running = CONTROLLERS.map((factory) => {
      let name = 'controller';
      const ctx: ControllerContext = {
        registry,
        recordEvent: (e) => events.record({ ...e, component: e.component ?? name }),
        log: (m) => log(`${name}: ${m}`),
        ...extra,
      };
      const controller = factory(ctx);
      name = controller.name;
      const queue = new WorkQueue(
        (key) =>
          traced(
            'controller',
            () => `${controller.name} reconcile ${key}`,
            () => controller.reconcile(key),
          ),
        4,
        (key, err) => log(`${controller.name} ${key}: ${(err as Error).stack ?? err}`),
      );
      return { controller, queue };
    });
  }

  onEvent(ev: WatchEvent): void {
    for (const { controller, queue } of this.running) {
      for (const w of controller.watches) {
        if (w.kind.kind !== ev.object.kind) continue;
        for (const key of w.keys(ev.object)) {
          if (tracing()) trace('controller', `${controller.name} woken for ${key} by ${ev.object.kind}`);
          queue.enqueue(key);
        }
      }
    }
  }

  resync(): void {
    for (const { controller, queue } of this.running)
      for (const key of controller.resyncKeys()) queue.enqueue(key);
  }

  stop(): void {
    for (const { queue } of this.running) queue.stop();
  }
}
