// Services through the registry against a real temp home opened as the CLI opens it: the seeded
// range and bootstrap Services, allocation on create and update (whole objects, exact errors), a
// dry run that leaves the home byte-identical, and concurrent creates that never share an address.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Registry } from '../../../src/registry/registry.js';
import { openHome } from '../../../src/registry/service-network.js';

const SERVICE = lookupKind('services')!;

class ServiceHome {
  readonly root = mkdtempSync(join(tmpdir(), 'mkube-unit-svc-'));
  readonly home = join(this.root, 'home');
  registry!: Registry;

  /** A home whose config.json already names `range` (as one chosen at its first start). */
  open(range?: string): this {
    process.env.MKUBE_RANGE_CLAIMS_DIR = join(this.root, 'claims');
    if (range) {
      mkdirSync(this.home, { mode: 0o700 });
      writeFileSync(join(this.home, 'config.json'), JSON.stringify({ serviceClusterIPRange: range }));
    }
    this.registry = new Registry(openHome(this.home));
    return this;
  }

  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out[relative(this.home, path)] = readFileSync(path, 'utf8');
      }
    };
    walk(this.home);
    return out;
  }

  cleanup(): void {
    delete process.env.MKUBE_RANGE_CLAIMS_DIR;
    rmSync(this.root, { recursive: true, force: true });
  }
}

let h: ServiceHome;
beforeEach(() => {
  h = new ServiceHome();
});
afterEach(() => h.cleanup());

const svc = (name: string, spec: object, namespace = 'default'): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

/** spec as stored, with the server's metadata left out. */
const specOf = (o: KObject) => o.spec;
const message = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: Error) => `${(e as { reason?: string }).reason}: ${e.message}`,
  );

describe('a new home', () => {
  it('records its range and starts with kubeadm’s kubernetes and kube-dns Services', () => {
    h.open();
    const config = JSON.parse(readFileSync(join(h.home, 'config.json'), 'utf8'));
    const claims = JSON.parse(readFileSync(join(h.root, 'claims', 'service-ranges.json'), 'utf8'));
    expect(claims).toEqual({ [h.home]: config.serviceClusterIPRange });
    const base = config.serviceClusterIPRange.replace(/\.0\/\d+$/, '');
    const strip = (o: KObject) => {
      const { uid: _u, creationTimestamp: _c, resourceVersion: _r, ...metadata } = o.metadata;
      return { ...o, metadata };
    };
    expect(h.registry.list(SERVICE).map(strip)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kubernetes',
          namespace: 'default',
          generation: 1,
          labels: { component: 'apiserver', provider: 'kubernetes' },
        },
        spec: {
          clusterIP: `${base}.1`,
          clusterIPs: [`${base}.1`],
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          type: 'ClusterIP',
          sessionAffinity: 'None',
          internalTrafficPolicy: 'Cluster',
          ipFamilyPolicy: 'SingleStack',
          ipFamilies: ['IPv4'],
        },
        status: { loadBalancer: {} },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          namespace: 'kube-system',
          generation: 1,
          labels: {
            'k8s-app': 'kube-dns',
            'kubernetes.io/cluster-service': 'true',
            'kubernetes.io/name': 'CoreDNS',
          },
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: `${base}.10`,
          clusterIPs: [`${base}.10`],
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
          selector: { 'k8s-app': 'kube-dns' },
          type: 'ClusterIP',
          sessionAffinity: 'None',
          internalTrafficPolicy: 'Cluster',
          ipFamilyPolicy: 'SingleStack',
          ipFamilies: ['IPv4'],
        },
        status: { loadBalancer: {} },
      },
    ]);
  });

  it('gives a second home on the machine a range of its own', () => {
    h.open();
    const other = join(h.root, 'other');
    openHome(other);
    const ranges = [h.home, other].map(
      (home) => JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).serviceClusterIPRange,
    );
    expect(new Set(ranges).size).toBe(2);
  });
});

describe('create', () => {
  beforeEach(() => h.open('10.96.0.0/12'));

  it.each<[string, object, (s: any) => object]>([
    [
      'allocates a ClusterIP and sets clusterIPs to match',
      {},
      (s) => ({
        clusterIP: s.clusterIP,
        clusterIPs: [s.clusterIP],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      }),
    ],
    [
      'keeps a requested ClusterIP',
      { clusterIP: '10.96.0.50' },
      () => ({
        clusterIP: '10.96.0.50',
        clusterIPs: ['10.96.0.50'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      }),
    ],
    [
      'allocates nothing for a headless Service',
      { clusterIP: 'None' },
      () => ({
        clusterIP: 'None',
        clusterIPs: ['None'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      }),
    ],
    [
      'allocates nothing for an ExternalName Service',
      { type: 'ExternalName', externalName: 'example.com', selector: undefined, ports: undefined },
      () => ({ externalName: 'example.com', type: 'ExternalName' }),
    ],
    [
      'allocates a ClusterIP and a NodePort for a NodePort Service',
      { type: 'NodePort' },
      (s) => ({
        clusterIP: s.clusterIP,
        clusterIPs: [s.clusterIP],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ nodePort: s.ports[0].nodePort, port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'NodePort',
      }),
    ],
    [
      'keeps a requested NodePort for a LoadBalancer Service',
      { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }] },
      (s) => ({
        allocateLoadBalancerNodePorts: true,
        clusterIP: s.clusterIP,
        clusterIPs: [s.clusterIP],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ nodePort: 30080, port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'LoadBalancer',
      }),
    ],
  ])('%s', async (_name, spec, want) => {
    const created = await h.registry.create(svc('web', spec));
    const stored = h.registry.get(SERVICE, 'default', 'web')!;
    expect(sorted(specOf(stored))).toEqual(sorted(want(stored.spec)));
    expect(created.spec).toEqual(stored.spec);
    if (stored.spec.clusterIP && stored.spec.clusterIP !== 'None' && !('clusterIP' in spec)) {
      expect(stored.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
      expect(['10.96.0.1', '10.96.0.10']).not.toContain(stored.spec.clusterIP);
    }
    for (const p of stored.spec.ports ?? []) {
      if (p.nodePort) expect(p.nodePort >= 30000 && p.nodePort <= 32767).toBe(true);
    }
  });

  it.each<[string, object, string]>([
    [
      'refuses a ClusterIP outside the range',
      { clusterIP: '10.0.0.1' },
      'Invalid: The Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'refuses a ClusterIP another Service holds',
      { clusterIP: '10.96.0.10' },
      'Invalid: The Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ],
    [
      'refuses a NodePort another Service holds',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
      'Invalid: The Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    [
      'refuses a NodePort out of range',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      'Invalid: The Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])('%s', async (_name, spec, want) => {
    await h.registry.create(svc('taken', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(await message(h.registry.create(svc('x', spec)))).toBe(want);
  });

  it('says the range is full, as an internal error', async () => {
    h.cleanup();
    h = new ServiceHome().open('10.0.0.0/29');
    // .1 and .10 (outside a /29) — the bootstrap Services; .2-.6 are left.
    for (const n of [2, 3, 4, 5, 6]) await h.registry.create(svc(`s${n}`, {}));
    expect(await message(h.registry.create(svc('x', {})))).toBe(
      'InternalError: Internal error occurred: failed to allocate a serviceIP: range is full',
    );
  });

  it('allocates for a dry run but stores nothing', async () => {
    const before = h.snapshot();
    const result = await h.registry.create(svc('dry', { type: 'NodePort' }), { dryRun: true });
    expect(h.snapshot()).toEqual(before);
    expect(result.spec.clusterIP).toMatch(/^10\./);
    expect(result.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('never gives two concurrent creates the same ClusterIP or NodePort', async () => {
    h.cleanup();
    h = new ServiceHome().open('10.0.0.0/27');
    // 30 usable addresses, 2 of them the bootstrap Services': 28 creates fill the range.
    const names = Array.from({ length: 28 }, (_, i) => `s${i}`);
    await Promise.all(names.map((n) => h.registry.create(svc(n, { type: 'NodePort' }))));
    const stored = h.registry.list(SERVICE);
    const ips = stored.map((s) => s.spec.clusterIP);
    const ports = stored.flatMap((s) => s.spec.ports.map((p: any) => p.nodePort ?? 0)).filter(Boolean);
    expect([stored.length, new Set(ips).size, new Set(ports).size]).toEqual([30, 30, 28]);
  });
});

describe('update', () => {
  beforeEach(() => h.open('10.96.0.0/12'));

  it('keeps the ClusterIP and NodePorts an update leaves out', async () => {
    const created = await h.registry.create(svc('web', { type: 'NodePort' }));
    const updated = await h.registry.update(
      svc('web', { type: 'NodePort', ports: [{ port: 80 }], selector: { app: 'other' } }),
    );
    expect(sorted(updated.spec)).toEqual(sorted({ ...created.spec, selector: { app: 'other' } }));
  });

  it('refuses a changed ClusterIP', async () => {
    await h.registry.create(svc('web', { clusterIP: '10.96.0.50' }));
    expect(await message(h.registry.update(svc('web', { clusterIP: '10.96.0.51' })))).toBe(
      'Invalid: The Service "web" is invalid: spec.clusterIP: Invalid value: "10.96.0.51": field is immutable',
    );
  });

  it('drops the NodePorts when the type goes back to ClusterIP, and allocates them again', async () => {
    const created = await h.registry.create(svc('web', { type: 'NodePort' }));
    const plain = await h.registry.update({ ...created, spec: { ...created.spec, type: 'ClusterIP' } });
    expect(plain.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(plain.spec.externalTrafficPolicy).toBeUndefined();
    const again = await h.registry.patch(SERVICE, 'default', 'web', 'merge', '{"spec":{"type":"NodePort"}}');
    expect(again.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(again.spec.clusterIP).toBe(created.spec.clusterIP);
  });

  it('releases the ClusterIP when the type becomes ExternalName', async () => {
    const created = await h.registry.create(svc('web', {}));
    const ext = await h.registry.patch(
      SERVICE,
      'default',
      'web',
      'merge',
      '{"spec":{"type":"ExternalName","externalName":"example.com"}}',
    );
    expect(ext.spec.clusterIP).toBeUndefined();
    // The released address can be requested again.
    const reuse = await h.registry.create(svc('again', { clusterIP: created.spec.clusterIP }));
    expect(reuse.spec.clusterIP).toBe(created.spec.clusterIP);
  });
});

function sorted(o: any): any {
  if (Array.isArray(o)) return o.map(sorted);
  if (o && typeof o === 'object')
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sorted(o[k])]),
    );
  return o;
}
