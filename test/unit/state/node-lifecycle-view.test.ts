// The lifecycle view over a real store: nodes read through the controller's rule, other kinds
// untouched, and a watch tells when a node goes stale although nobody writes.
import { describe, expect, it } from 'vitest';
import { lookupKind, NODE } from '../../../src/api/kinds.js';
import { NODE_MONITOR_GRACE_MS } from '../../../src/api/node-health.js';
import type { KObject, WatchEvent } from '../../../src/api/types.js';
import { withNodeLifecycleView } from '../../../src/state/node-lifecycle-view.js';
import { configMap, eventually, freshStore } from './helpers.js';

const CM = lookupKind('configmaps')!;
const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function node(heartbeatMs: number): KObject {
  const beat = rfc3339(heartbeatMs);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'laptop' },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: beat,
          lastTransitionTime: beat,
          reason: 'KubeletReady',
        },
      ],
    },
  };
}

/** A heartbeat (whole seconds, as the API stores it) that goes stale 0.2 to 1.2 s from now. */
const almostStale = () => Math.ceil((Date.now() - NODE_MONITOR_GRACE_MS + 200) / 1000) * 1000;

const summary = (n: KObject | undefined) => ({
  ready: n?.status.conditions.find((c: { type: string }) => c.type === 'Ready')?.status,
  taints: (n?.spec?.taints ?? []).map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`),
});

describe('node lifecycle view', () => {
  it('get and list show a stale node Unknown and tainted; the store keeps what the agent wrote', async () => {
    const store = freshStore();
    await store.create(node(Date.now() - NODE_MONITOR_GRACE_MS - 5_000));
    await store.create(configMap('c'));
    const view = withNodeLifecycleView(store);
    const stale = {
      ready: 'Unknown',
      taints: ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
    };
    expect(summary(view.get(NODE, undefined, 'laptop'))).toEqual(stale);
    expect(view.list(NODE).map(summary)).toEqual([stale]);
    expect(summary(store.get(NODE, undefined, 'laptop'))).toEqual({ ready: 'True', taints: [] });
    expect(view.list(CM)).toEqual(store.list(CM));
    expect(view.get(CM, 'default', 'c')).toEqual(store.get(CM, 'default', 'c'));
  });

  it('a watch delivers MODIFIED when a fresh node goes stale, with no write to the store', async () => {
    const store = freshStore();
    await store.create(node(almostStale()));
    const view = withNodeLifecycleView(store);
    const events: string[] = [];
    const fmt = (ev: WatchEvent) => `${ev.type} ${ev.object.metadata.name} ${summary(ev.object).ready}`;
    const watcher = view.watch(store.resourceVersion(), (ev) => events.push(fmt(ev)), { kind: NODE });
    try {
      expect(events).toEqual([]);
      await eventually(() => expect(events).toEqual(['MODIFIED laptop Unknown']), 3_000);
      expect(store.resourceVersion()).toBe(view.resourceVersion());
    } finally {
      watcher.stop();
    }
  });

  it('a heartbeat before the grace period ends puts the expiry off', async () => {
    const store = freshStore();
    const created = await store.create(node(almostStale()));
    const view = withNodeLifecycleView(store);
    const events: string[] = [];
    const fmt = (ev: WatchEvent) => `${ev.type} ${summary(ev.object).ready}`;
    const watcher = view.watch(store.resourceVersion(), (ev) => events.push(fmt(ev)), { kind: NODE });
    try {
      await store.updateStatus({ ...created, status: node(Date.now()).status });
      await eventually(() => expect(events).toEqual(['MODIFIED True']));
      await new Promise((r) => setTimeout(r, 1_500));
      expect(events).toEqual(['MODIFIED True']);
    } finally {
      watcher.stop();
    }
  });
});
