// The kube-proxy-style data plane against the real kernel: two busybox httpd backends on a Docker
// network this test creates, Services on a test-only range, requests from the host and from a
// container. Traffic goes only to loopback, to this test's containers, and to the test range after
// the executor has routed it locally. Needs root and iptables; fails (never skips) without them.
import { execFileSync, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  computeJumps,
  dockerBridgeName,
  type ProxyInput,
  proxyIdentity,
  proxyUnsupportedReason,
  type SyncResult,
  syncRules,
} from '../../src/network/proxy/index.js';
import { requireDocker } from './harness.js';

const SERVICE_CIDR = '10.111.0.0/16';
const LABEL = 'io.mkube.test=proxy-dataplane';
const NODE_PORT = 30999;
const LB_PORT = 18199;
const id = proxyIdentity(`/tmp/mkube-proxy-e2e-${process.pid}`);
const net = `mkube-proxy-e2e-${id}`;

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function removeDockerObjects(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  const nets = docker('network', 'ls', '-q', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (nets.length) docker('network', 'rm', ...nets);
}

function startBackend(name: string): string {
  const cid = docker(
    'run',
    '-d',
    '--label',
    LABEL,
    '--network',
    net,
    '--name',
    `${net}-${name}`,
    'busybox:1.36',
    'sh',
    '-c',
    `mkdir /www && echo ${name} > /www/index.html && exec httpd -f -p 8080 -h /www`,
  );
  return docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', cid);
}

/** One request on a fresh connection (no keep-alive), so each one is balanced anew. */
function get(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve(body.trim()));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout to ${host}:${port}`)));
    req.on('error', reject);
    req.end();
  });
}

async function bodies(host: string, port: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await get(host, port));
  return out;
}

/** How a TCP connect ends and how long it took. */
function tryConnect(host: string, port: number): Promise<{ outcome: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (outcome: string) => {
      s.destroy();
      resolve({ outcome, ms: performance.now() - t0 });
    };
    s.setTimeout(3000, () => done('timeout'));
    s.on('connect', () => done('connected'));
    s.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

const service = (name: string, spec: Service['spec']): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'default', name },
  spec,
});

const slice = (svc: string, ips: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { namespace: 'default', name: `${svc}-abcde`, labels: { 'kubernetes.io/service-name': svc } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: ips.map((ip) => ({
    addresses: [ip],
    conditions: { ready: true, serving: true, terminating: false },
  })),
});

const httpPort = (port: number, nodePort?: number) => [
  { name: 'http', port, targetPort: 8080, protocol: 'TCP' as const, ...(nodePort ? { nodePort } : {}) },
];

describe('kube-proxy data plane on this kernel', () => {
  let ipA = '';
  let ipB = '';
  let input: ProxyInput;
  let bridge = '';

  beforeAll(async () => {
    requireDocker();
    const reason = await proxyUnsupportedReason();
    if (reason)
      throw new Error(`This test programs iptables and needs root with iptables installed: ${reason}`);
    // The test range must be free: nothing may route there before our local route exists.
    const routes = execFileSync('ip', ['route', 'show', 'table', 'all'], { encoding: 'utf8' });
    const inRange = routes.split('\n').filter((l) => /\b10\.111\./.test(l));
    if (inRange.length) throw new Error(`${SERVICE_CIDR} is in use on this machine: ${inRange.join('; ')}`);

    removeDockerObjects();
    bridge = dockerBridgeName({ Id: docker('network', 'create', '--label', LABEL, net) });
    ipA = startBackend('backend-a');
    ipB = startBackend('backend-b');
    docker(
      'run',
      '-d',
      '--label',
      LABEL,
      '--network',
      net,
      '--name',
      `${net}-client`,
      'busybox:1.36',
      'sleep',
      '3600',
    );
    const subnet = docker('network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', net);
    input = {
      id,
      serviceCIDR: SERVICE_CIDR,
      clusterCIDR: subnet,
      services: [
        service('web', { type: 'NodePort', clusterIP: '10.111.0.10', ports: httpPort(80, NODE_PORT) }),
        service('empty', { type: 'ClusterIP', clusterIP: '10.111.0.11', ports: httpPort(80) }),
        service('sticky', {
          type: 'ClusterIP',
          clusterIP: '10.111.0.12',
          sessionAffinity: 'ClientIP',
          ports: httpPort(80),
        }),
        service('lb', {
          type: 'LoadBalancer',
          clusterIP: '10.111.0.13',
          ports: httpPort(LB_PORT, NODE_PORT + 1),
        }),
      ],
      endpointSlices: [slice('web', [ipA, ipB]), slice('sticky', [ipA, ipB]), slice('lb', [ipA, ipB])],
    };
    // Wait for both httpds to answer on their own addresses before testing through the Service.
    for (const ip of [ipA, ipB]) {
      for (let i = 0; ; i++) {
        if ((await tryConnect(ip, 8080)).outcome === 'connected') break;
        if (i > 50) throw new Error(`backend ${ip} never listened`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(async () => {
    const result = await cleanup({ id, serviceCIDR: SERVICE_CIDR });
    removeDockerObjects();
    expect(result.ok).toBe(true);
    expect(docker('ps', '-aq', '--filter', `label=${LABEL}`)).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', `label=${LABEL}`)).toBe('');
  });

  it('installs the local route first, then the rules and each jump once; a second sync changes nothing', async () => {
    const summary = (r: SyncResult) => (r.ok ? { ...r, rules: undefined } : r);
    const first = await syncRules(input, { hairpinBridges: [bridge] });
    expect(summary(first)).toEqual({
      ok: true,
      rules: undefined,
      routeAdded: true,
      jumpsAdded: computeJumps(id).length,
      hairpinPorts: 3,
    });
    const second = await syncRules(input, { hairpinBridges: [bridge] });
    expect(summary(second)).toEqual({
      ok: true,
      rules: undefined,
      routeAdded: false,
      jumpsAdded: 0,
      hairpinPorts: 0,
    });
    const saved = execFileSync('iptables-save', { encoding: 'utf8' });
    const jumps = saved
      .split('\n')
      .filter(
        (l) => /^-A (PREROUTING|OUTPUT|POSTROUTING|INPUT|FORWARD) /.test(l) && l.includes(`MKUBE-${id}-`),
      );
    expect(jumps.length).toBe(computeJumps(id).length);
    expect(
      execFileSync('ip', ['route', 'show', 'table', 'local', SERVICE_CIDR], { encoding: 'utf8' }).trim(),
    ).toBe(`local ${SERVICE_CIDR} dev lo scope host`);
  });

  it('balances the ClusterIP over both backends from the host', async () => {
    const seen = new Set(await bodies('10.111.0.10', 80, 30));
    expect([...seen].sort()).toEqual(['backend-a', 'backend-b']);
  });

  it('balances the ClusterIP over both backends from a container, and a backend reaches itself (hairpin)', () => {
    const loop = (container: string) =>
      docker(
        'exec',
        `${net}-${container}`,
        'sh',
        '-c',
        'for i in $(seq 30); do wget -qO- http://10.111.0.10/; done',
      )
        .split('\n')
        .filter(Boolean);
    expect([...new Set(loop('client'))].sort()).toEqual(['backend-a', 'backend-b']);
    expect([...new Set(loop('backend-a'))].sort()).toEqual(['backend-a', 'backend-b']);
  });

  it('refuses a Service without endpoints at once, from the host and from a container', async () => {
    const fromHost = await tryConnect('10.111.0.11', 80);
    expect(fromHost.outcome).toBe('ECONNREFUSED');
    expect(fromHost.ms).toBeLessThan(100);
    const r = spawnSync('docker', ['exec', `${net}-client`, 'wget', '-qO-', 'http://10.111.0.11/'], {
      encoding: 'utf8',
    });
    expect({ code: r.status, stderr: r.stderr.trim() }).toEqual({
      code: 1,
      stderr: "wget: can't connect to remote host (10.111.0.11): Connection refused",
    });
  });

  it('answers the NodePort on 127.0.0.1 and the LoadBalancer on 127.0.0.1:<port>', async () => {
    expect([...new Set(await bodies('127.0.0.1', NODE_PORT, 20))].sort()).toEqual(['backend-a', 'backend-b']);
    expect([...new Set(await bodies('127.0.0.1', LB_PORT, 20))].sort()).toEqual(['backend-a', 'backend-b']);
  });

  it('keeps a client on one backend with ClientIP affinity', async () => {
    expect(new Set(await bodies('10.111.0.12', 80, 15)).size).toBe(1);
  });

  it('cleanup leaves no chain, jump or route behind', async () => {
    const result = await cleanup({ id, serviceCIDR: SERVICE_CIDR });
    expect(result.ok && result.routeRemoved).toBe(true);
    expect(
      execFileSync('iptables-save', { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(`MKUBE-${id}`)),
    ).toEqual([]);
    expect(execFileSync('ip', ['route', 'show', 'table', 'local', SERVICE_CIDR], { encoding: 'utf8' })).toBe(
      '',
    );
    const again = await cleanup({ id, serviceCIDR: SERVICE_CIDR });
    expect(again).toEqual({ ok: true, chainsRemoved: 0, jumpsRemoved: 0, routeRemoved: false });
  });
});
