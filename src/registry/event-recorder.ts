// Event recording as client-go's EventRecorder + correlator: an event equal to an earlier one
// (same object, type, reason, message, source, fieldPath) bumps its count and lastTimestamp.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { EVENT } from '../api/kinds.js';
import { rfc3339 } from '../api/time.js';
import type { KObject } from '../api/types.js';
import type { Registry } from './registry.js';

export interface EventInput {
  /** The object the event is about. */
  object: KObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** e.g. `spec.containers{app}`. */
  fieldPath?: string;
  /** `kubelet`, `default-scheduler`, `deployment-controller`, ... */
  component: string;
  host?: string;
}

let lastSuffix = 0n;
/** Like client-go: the event's time in nanoseconds as hex, so names sort in time order. */
function eventSuffix(at: Date): string {
  let ns = BigInt(at.getTime()) * 1_000_000n;
  if (ns <= lastSuffix) ns = lastSuffix + 1n;
  lastSuffix = ns;
  return ns.toString(16);
}

export class EventRecorder {
  /** correlation key -> event name, so repeats update one object. */
  private readonly seen = new Map<string, string>();
  private primed = false;

  constructor(
    private readonly registry: Registry,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes queued in order; recording never blocks the caller's hot path (a pod start). Each write
   * waits for a turn of the event loop: a store commit is synchronous, and run as a microtask it
   * would hold back the Docker request the caller makes next (~3 ms per event of a pod start).
   */
  private tail: Promise<void> = Promise.resolve();

  record(input: EventInput): Promise<void> {
    const at = this.now();
    this.tail = this.tail
      .then(() => nextTurn())
      .then(() => this.write(input, at))
      .catch(() => undefined);
    return Promise.resolve();
  }

  /** Resolves once every recorded event is written. */
  flush(): Promise<void> {
    return this.tail;
  }

  private async write(input: EventInput, at: Date): Promise<void> {
    const meta = input.object.metadata;
    const namespace = meta.namespace ?? 'default';
    const key = [
      meta.uid,
      input.type,
      input.reason,
      input.message,
      input.component,
      input.fieldPath ?? '',
    ].join('\u0000');
    this.prime();
    const existing = this.seen.get(key);
    if (existing) {
      const updated = await this.registry
        .mutate(EVENT, namespace, existing, (ev) => ({
          ...ev,
          count: (ev.count ?? 1) + 1,
          lastTimestamp: rfc3339(at),
        }))
        .catch(() => undefined);
      if (updated) return;
    }
    const name = `${meta.name}.${eventSuffix(at)}`;
    this.seen.set(key, name);
    await this.registry
      .create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: input.object.apiVersion,
          kind: input.object.kind,
          name: meta.name,
          namespace: meta.namespace,
          uid: meta.uid,
          resourceVersion: meta.resourceVersion,
          ...(input.fieldPath ? { fieldPath: input.fieldPath } : {}),
        },
        reason: input.reason,
        message: input.message,
        source: { component: input.component, ...(input.host ? { host: input.host } : {}) },
        firstTimestamp: rfc3339(at),
        lastTimestamp: rfc3339(at),
        count: 1,
        type: input.type,
        eventTime: null,
        reportingComponent: input.component,
        reportingInstance: input.host ?? '',
      })
      .catch(() => undefined);
  }

  /** After an agent restart, pick up the events already written so repeats keep counting. */
  private prime(): void {
    if (this.primed) return;
    this.primed = true;
    for (const ev of this.registry.list(EVENT)) {
      const o = ev.involvedObject ?? {};
      const key = [o.uid, ev.type, ev.reason, ev.message, ev.source?.component, o.fieldPath ?? ''].join(
        '\u0000',
      );
      this.seen.set(key, ev.metadata.name!);
    }
  }
}
