// The Service data plane end to end on the real engine and kernel (root, iptables): two busybox
// httpd pods that each answer with their own name behind a ClusterIP, a NodePort and a
// LoadBalancer Service. Both pods answer through the ClusterIP from the host and from another pod,
// a pod reaches itself through its Service, the NodePort and the LoadBalancer answer on 127.0.0.1,
// a Service whose pods are all unready refuses at once, a pod that turns unready leaves the
// rotation within a second of its probe failing, the rules survive kill -9 and restart of the
// agent unchanged and never duplicated, and `mkube reset` leaves no rule and no route behind.
// Traffic goes only to loopback, to this test's pods, and to this home's service IPs once the
// agent has routed its range locally.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind } from '../../src/api/kinds.js';
import { proxyIdentity } from '../../src/network/proxy/index.js';
import { chainPrefix } from '../../src/network/proxy/names.js';
import { serviceRangeOf } from '../../src/registry/service-network.js';
import { openStore } from '../../src/state/store.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const MANIFEST = (lbPort: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-dp
  template:
    metadata:
      labels:
        app: web-dp
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: httpd
        image: busybox:1.36
        command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
        readinessProbe:
          httpGet:
            path: /
            port: 8080
          periodSeconds: 1
          failureThreshold: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web-dp
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web-np
spec:
  type: NodePort
  selector:
    app: web-dp
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web-lb
spec:
  type: LoadBalancer
  selector:
    app: web-dp
  ports:
  - port: ${lbPort}
    targetPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: lazy
  labels:
    app: lazy
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["false"]
      periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: lazy
spec:
  selector:
    app: lazy
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const POD = lookupKind('pods')!;
const SLICE = lookupKind('endpointslices.discovery.k8s.io')!;

interface Answer {
  status: number;
  body: string;
}

/** One GET on a fresh connection (no keep-alive: each request is a new NAT decision). */
function get(host: string, port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false, timeout: 2_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${host}:${port}/ timed out`)));
    req.on('error', reject);
    req.end();
  });
}

async function answers(host: string, port: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = await get(host, port);
    out.push(`${a.status} ${a.body}`);
  }
  return out;
}

const distinct = (xs: string[]) => [...new Set(xs)].sort();

/** How a TCP connect ends, and how fast. */
function tryConnect(host: string, port: number): Promise<{ outcome: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: string) => {
      socket.destroy();
      resolve({ outcome, ms: performance.now() - start });
    };
    socket.setTimeout(3_000, () => done('timeout'));
    socket.on('connect', () => done('connected'));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

/** A port nothing on 127.0.0.1 listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** This home's lines of `iptables-save` (both tables), counters dropped, in order. */
function ownRules(id: string): string[] {
  const prefix = chainPrefix(id).slice(0, -1);
  return ['nat', 'filter'].flatMap((table) =>
    execFileSync('iptables-save', ['-t', table], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(prefix))
      .map((line) => `${table} ${line.replace(/ \[\d+:\d+\]$/, '')}`),
  );
}

const localRoutes = () => execFileSync('ip', ['route', 'show', 'table', 'local'], { encoding: 'utf8' });

describe('the Service data plane', () => {
  let t: TestHome;
  let id = '';
  let range = '';
  let lbPort = 0;
  let clusterIP = '';
  const names: string[] = [];

  beforeAll(async () => {
    requireDocker();
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      throw new Error('the data plane test needs Linux and root (it programs iptables): run it as root');
    }
    execFileSync('iptables', ['--version']);
    t = new TestHome('mkube-dp-');
    id = proxyIdentity(t.home);
    lbPort = await freePort();
    const r = t.run(['apply', '-f', '-'], { input: MANIFEST(lbPort) });
    expect(r).toEqual({
      code: 0,
      stdout: [
        'deployment.apps/web created',
        'service/web created',
        'service/web-np created',
        'service/web-lb created',
        'pod/lazy created',
        'service/lazy created',
        'pod/client created',
        '',
      ].join('\n'),
      stderr: '',
    });
    range = serviceRangeOf(t.home)!;
    clusterIP = t.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    await eventually(
      () =>
        t.run(['get', 'ep', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']).stdout.split(' ')
          .length === 2,
      120_000,
    );
    expect(t.run(['wait', '--for=condition=Ready', 'pod/client', '--timeout=60s']).code).toBe(0);
    names.push(
      ...t
        .run(['get', 'pods', '-l', 'app=web-dp', '-o', 'jsonpath={.items[*].metadata.name}'])
        .stdout.split(' ')
        .sort(),
    );
    // The agent routes the range locally at its start, before any pod exists.
    expect(localRoutes()).toContain(`local ${range} dev lo scope host`);
    expect(t.run(['agent', 'status']).stdout.split('\n')[3]).toBe(
      `data plane: on (iptables, service range ${range})`,
    );
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('serves the ClusterIP from the host, both pods answering', async () => {
    await eventually(async () => (await get(clusterIP, 80)).status === 200, 10_000, 50);
    const seen = await answers(clusterIP, 80, 20);
    expect(distinct(seen)).toEqual(names.map((n) => `200 ${n}`));
  });

  it('serves the ClusterIP from another pod, and a pod reaches itself through its Service', () => {
    const loop = `for i in $(seq 20); do wget -qO- http://${clusterIP}/; done`;
    const fromClient = t.run(['exec', 'client', '--', 'sh', '-c', loop]);
    expect(fromClient.code).toBe(0);
    const lines = fromClient.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBe(20);
    expect(distinct(lines)).toEqual(names);

    const fromItself = t.run(['exec', names[0]!, '--', 'sh', '-c', loop]);
    expect(fromItself.code).toBe(0);
    expect(distinct(fromItself.stdout.split('\n').filter(Boolean))).toEqual(names);
  });

  it('answers a NodePort and a LoadBalancer on 127.0.0.1; get svc shows EXTERNAL-IP localhost', async () => {
    const nodePort = Number(
      t.run(['get', 'svc', 'web-np', '-o', 'jsonpath={.spec.ports[0].nodePort}']).stdout,
    );
    expect(distinct(await answers('127.0.0.1', nodePort, 20))).toEqual(names.map((n) => `200 ${n}`));
    expect(distinct(await answers('127.0.0.1', lbPort, 20))).toEqual(names.map((n) => `200 ${n}`));
    const lb = await eventually(() => {
      const out = t.run(['get', 'svc', 'web-lb', '--no-headers']).stdout;
      return out.includes('localhost') ? out : undefined;
    }, 5_000);
    const lbIP = t.run(['get', 'svc', 'web-lb', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    const lbNodePort = t.run(['get', 'svc', 'web-lb', '-o', 'jsonpath={.spec.ports[0].nodePort}']).stdout;
    expect(lb.replace(/ +/g, ' ')).toMatch(
      new RegExp(
        `^web-lb LoadBalancer ${lbIP.replaceAll('.', '\\.')} localhost ${lbPort}:${lbNodePort}/TCP \\d+s\n$`,
      ),
    );
    expect(t.run(['get', 'svc', 'web-lb', '-o', 'jsonpath={.status.loadBalancer}']).stdout).toBe(
      '{"ingress":[{"hostname":"localhost"}]}',
    );
  });

  it('refuses at once a Service whose pods are all unready', async () => {
    const store = openStore(t.home);
    await eventually(() => {
      const slice = store
        .list(SLICE)
        .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'lazy');
      return slice?.endpoints?.length === 1 && slice.endpoints[0].conditions?.ready === false;
    }, 60_000);
    const lazyIP = t.run(['get', 'svc', 'lazy', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await tryConnect(lazyIP, 80));
    console.log(
      `connect to a Service without ready endpoints: ${tries.map((x) => x.ms.toFixed(1)).join(', ')} ms`,
    );
    expect(tries.map((x) => x.outcome)).toEqual(Array(5).fill('ECONNREFUSED'));
    expect(Math.max(...tries.map((x) => x.ms))).toBeLessThan(200);
  });

  it('takes a pod that turns unready out of the rotation within a second of its probe failing', async () => {
    const [keep, victim] = names as [string, string];
    const store = openStore(t.home);
    const victimIP = store.get(POD, 'default', victim)?.status?.podIP;
    const podReady = () =>
      store.get(POD, 'default', victim)?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')
        ?.status;
    const sliceNotReady = () =>
      store
        .list(SLICE)
        .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
        .flatMap((s) => s.endpoints ?? [])
        .some((e: any) => e.addresses[0] === victimIP && e.conditions?.ready === false);

    expect(t.run(['exec', victim, '--', 'rm', '/www/index.html']).code).toBe(0);
    const start = Date.now();
    let podUnreadyAt = 0;
    let sliceAt = 0;
    // Out of rotation: the first of 15 answers in a row from the pod that stays.
    let streakStart = 0;
    let streak = 0;
    while (Date.now() - start < 10_000 && streak < 15) {
      if (!podUnreadyAt && podReady() === 'False') podUnreadyAt = Date.now();
      if (!sliceAt && sliceNotReady()) sliceAt = Date.now();
      const at = Date.now();
      const a = await get(clusterIP, 80);
      if (a.status === 200 && a.body === keep) {
        if (streak++ === 0) streakStart = at;
      } else {
        streak = 0;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const outAt = streakStart;
    console.log(
      `index.html removed -> out of rotation: ${outAt - start} ms; pod Ready=False -> out: ${outAt - podUnreadyAt} ms; EndpointSlice -> out: ${outAt - sliceAt} ms`,
    );
    expect(streak).toBe(15);
    expect(podUnreadyAt).toBeGreaterThan(0);
    expect(outAt - start).toBeLessThan(1_500 + 500);
    expect(outAt - podUnreadyAt).toBeLessThan(1_000);
    expect(distinct(await answers(clusterIP, 80, 20))).toEqual([`200 ${keep}`]);
  });

  it('keeps the rules through kill -9 and restart of the agent, unchanged and never duplicated', async () => {
    const before = ownRules(id);
    const status = t.run(['agent', 'status']).stdout;
    const pid = Number(/\(pid (\d+)\)/.exec(status)?.[1]);
    process.kill(pid, 'SIGKILL');
    await eventually(() => t.run(['agent', 'status']).code === 1, 10_000, 50);
    // The kernel serves on without the agent.
    expect(distinct(await answers(clusterIP, 80, 5))).toEqual([`200 ${names[0]}`]);

    expect(t.run(['agent', 'start']).code).toBe(0);
    await eventually(() => t.run(['agent', 'status']).stdout.includes('data plane: on'), 15_000, 100);
    await eventually(() => JSON.stringify(ownRules(id)) === JSON.stringify(before), 10_000, 100);
    expect(ownRules(id)).toEqual(before);
    const portals = execFileSync('iptables-save', ['-t', 'nat'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('-A PREROUTING') && l.includes(`${chainPrefix(id)}SERVICES`));
    expect(portals.length).toBe(1);
    expect(new Set(before).size).toBe(before.length);
    expect(distinct(await answers(clusterIP, 80, 5))).toEqual([`200 ${names[0]}`]);
  });

  it('leaves no rule and no route of this home after mkube reset', () => {
    const r = t.run(['reset']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Stopped the agent \(pid \d+\)\nRemoved 8 containers, 1 network\nRemoved the data plane rules of this home\nDeleted .*\n$/,
    );
    expect(ownRules(id)).toEqual([]);
    expect(localRoutes()).not.toContain(`local ${range} `);
  });
});
