// The agent's kube-proxy against a real temp home (registry + journal watch) with the kernel
// replaced by a recording sync: what it hands the sync, when it syncs, the LoadBalancer status it
// writes, and what it says (state file, one Warning event per Service) where it cannot run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPlaneLine } from '../../../src/agent/data-plane-state.js';
import { ServiceProxy } from '../../../src/agent/service-proxy.js';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import type { ProxyInput, SyncOptions, SyncResult } from '../../../src/network/proxy/index.js';
import { proxyIdentity } from '../../../src/network/proxy/index.js';
import type { EventInput } from '../../../src/registry/event-recorder.js';
import { Registry } from '../../../src/registry/registry.js';
import { openHome, serviceRangeOf } from '../../../src/registry/service-network.js';
import type { Watcher } from '../../../src/state/types.js';

const SERVICE = lookupKind('services')!;
const NETWORK = { name: 'mkube-x', id: '0123456789abcdef0123', options: {}, subnets: ['172.31.0.0/16'] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Rig {
  readonly root = mkdtempSync(join(tmpdir(), 'mkube-unit-proxy-'));
  readonly home = join(this.root, 'home');
  registry!: Registry;
  readonly syncs: { input: ProxyInput; options: SyncOptions }[] = [];
  readonly events: EventInput[] = [];
  readonly logs: string[] = [];
  proxy!: ServiceProxy;
  private watcher: Watcher | undefined;
  result: SyncResult = { ok: true } as SyncResult;
  /** While set, each sync waits for it before it returns. */
  gate: Promise<void> | undefined;

  start(unsupported?: string): Promise<void> {
    process.env.MKUBE_RANGE_CLAIMS_DIR = join(this.root, 'claims');
    const store = openHome(this.home, { watchPollMs: 5 });
    this.registry = new Registry(store);
    this.proxy = new ServiceProxy({
      registry: this.registry,
      networkInfo: async () => NETWORK,
      log: (m) => this.logs.push(m),
      recordEvent: (e) => this.events.push(e),
      unsupportedReason: async () => unsupported,
      sync: async (input, options) => {
        this.syncs.push({ input, options });
        await this.gate;
        return this.result;
      },
      debounceMs: 10,
    });
    this.watcher = this.registry.watch(this.registry.resourceVersion(), (ev) => this.proxy.onEvent(ev));
    return this.proxy.start();
  }

  async stop(): Promise<void> {
    this.watcher?.stop();
    await this.proxy?.stop();
    delete process.env.MKUBE_RANGE_CLAIMS_DIR;
    rmSync(this.root, { recursive: true, force: true });
  }

  create(name: string, spec: object): Promise<KObject> {
    return this.registry.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
    });
  }
}

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
});
afterEach(() => rig.stop());

describe('the agent’s kube-proxy where the kernel can be programmed', () => {
  it('syncs once at start with the home’s identity, range, pods’ subnet and bridge, before returning', async () => {
    await rig.start();
    expect(
      rig.syncs.map(({ input }) => ({
        ...input,
        services: input.services.map((s) => s.metadata?.name).sort(),
      })),
    ).toEqual([
      {
        id: proxyIdentity(rig.home),
        serviceCIDR: serviceRangeOf(rig.home),
        services: ['kube-dns', 'kubernetes'],
        endpointSlices: [],
        clusterCIDR: '172.31.0.0/16',
      },
    ]);
    expect(rig.syncs[0]!.options).toEqual({ hairpinBridges: ['br-0123456789ab'], supportChecked: true });
    expect(dataPlaneLine(rig.home, process.pid)).toBe(
      `data plane: on (iptables, service range ${serviceRangeOf(rig.home)})`,
    );
  });

  it('syncs after a Service change; a LoadBalancer gets EXTERNAL-IP localhost', async () => {
    await rig.start();
    await rig.create('shop', { type: 'LoadBalancer' });
    const live = async () => rig.registry.get(SERVICE, 'default', 'shop')!;
    for (let i = 0; i < 100 && !(await live()).status?.loadBalancer?.ingress; i++) await sleep(10);
    expect((await live()).status).toEqual({ loadBalancer: { ingress: [{ hostname: 'localhost' }] } });
    expect(
      rig.syncs
        .at(-1)!
        .input.services.map((s) => s.metadata?.name)
        .sort(),
    ).toEqual(['kube-dns', 'kubernetes', 'shop']);
  });

  it('says why it fails, once, with one Warning per Service, and recovers', async () => {
    rig.result = { ok: false, reason: 'service range overlaps tun0' };
    await rig.start();
    expect(dataPlaneLine(rig.home, process.pid)).toBe('data plane: failing (service range overlaps tun0)');
    rig.proxy.resync();
    await sleep(60);
    expect(rig.logs.filter((l) => l.includes('failing'))).toEqual([
      'data plane: failing: service range overlaps tun0',
    ]);
    expect(rig.events.map((e) => `${e.object.metadata.name} ${e.type} ${e.reason}`).sort()).toEqual([
      'kube-dns Warning DataPlaneUnavailable',
      'kubernetes Warning DataPlaneUnavailable',
    ]);
    rig.result = { ok: true } as SyncResult;
    rig.proxy.resync();
    await sleep(60);
    expect(dataPlaneLine(rig.home, process.pid)).toMatch(/^data plane: on /);
  });
});

describe('waitForSyncAfter, the drain’s hook', () => {
  it('resolves after a sync that started after the call, not after the one in progress', async () => {
    await rig.start();
    const held = () => {
      let open = () => {};
      rig.gate = new Promise((resolve) => {
        open = resolve;
      });
      return open;
    };
    const openSecond = held();
    rig.proxy.resync();
    for (let i = 0; i < 100 && rig.syncs.length < 2; i++) await sleep(5);
    // Sync 2 is in progress: the wait needs sync 3, which it asks for.
    let resolved = false;
    const waited = rig.proxy.waitForSyncAfter().then(() => {
      resolved = true;
    });
    const openThird = held();
    openSecond();
    for (let i = 0; i < 100 && rig.syncs.length < 3; i++) await sleep(5);
    await sleep(20);
    expect({ syncs: rig.syncs.length, resolved }).toEqual({ syncs: 3, resolved: false });
    openThird();
    await waited;
    expect({ syncs: rig.syncs.length, resolved }).toEqual({ syncs: 3, resolved: true });
  });

  it('resolves at once when the data plane is off or stopped', async () => {
    await rig.start('no iptables');
    await rig.proxy.waitForSyncAfter();
    expect(rig.syncs).toEqual([]);
  });
});

describe('the agent’s kube-proxy where the kernel cannot be programmed', () => {
  it('never syncs; says so in the log and status and warns once on each Service with a cluster IP', async () => {
    const reason = 'the Service data plane needs root to program iptables (run the agent as root)';
    await rig.start(reason);
    await rig.create('web', {});
    await rig.create('headless', { clusterIP: 'None' });
    await rig.create('ext', { type: 'ExternalName', externalName: 'example.com', selector: undefined });
    await sleep(80);
    rig.proxy.resync();
    expect(rig.syncs).toEqual([]);
    expect(rig.logs).toEqual([`data plane: off: ${reason}; Services get no cluster IP traffic`]);
    expect(dataPlaneLine(rig.home, process.pid)).toBe(`data plane: off (${reason})`);
    expect(
      rig.events.map((e) => [e.object.metadata.name, e.type, e.reason, e.message, e.component]).sort(),
    ).toEqual(
      ['kube-dns', 'kubernetes', 'web'].map((name) => [
        name,
        'Warning',
        'DataPlaneUnavailable',
        `mkube cannot serve this Service's cluster IP: ${reason}`,
        'kube-proxy',
      ]),
    );
  });

  it('shows `starting` for an agent that has not written its state', () => {
    expect(dataPlaneLine(rig.root, 12345)).toBe('data plane: starting');
  });
});
