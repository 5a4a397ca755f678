// A rolling update with zero failed requests and no preStop hook: three busybox httpd pods (each
// answers with its own name) behind a ClusterIP Service and an Ingress; a client in this process
// requests every 50 ms through both for the whole rollout. It holds because the agent takes a
// terminating pod out of the EndpointSlices, the data plane and the Ingress before the kubelet
// sends SIGTERM. The pods exit at once on SIGTERM, as real servers do (busybox httpd as PID 1
// ignores it and would keep serving its whole grace period, hiding any race), so without that
// order requests fail. Traffic goes only to loopback, this test's pods and this home's service IPs.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

// This home's Ingress on a free port: the host's port 80 stays with whoever has it.
process.env.MKUBE_INGRESS_HTTP_PORT = '0';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-zd
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: web-zd
  template:
    metadata:
      labels:
        app: web-zd
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: httpd
        image: busybox:1.36
        command: ["sh", "-c", "mkdir -p /www; hostname > /www/index.html; trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]
        env:
        - name: VERSION
          value: "1"
        readinessProbe:
          httpGet:
            path: /
            port: 8080
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web-zd
spec:
  selector:
    app: web-zd
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-zd
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web-zd
            port:
              number: 80
`;

type Outcome = { ok: true; body: string } | { ok: false; error: string };

/** One GET on a fresh connection, 2 s at most; a non-200 answer counts as a failure. */
function get(host: string, port: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/', agent: false, timeout: 2_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () =>
        resolve(
          res.statusCode === 200
            ? { ok: true, body: body.trim() }
            : { ok: false, error: `HTTP ${res.statusCode}` },
        ),
      );
      res.on('error', (e) => resolve({ ok: false, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, error: e.code ?? e.message }));
    req.end();
  });
}

/** A request every 50 ms (not waiting for the last one) until stopped; all outcomes, timed. */
function startClient(host: string, port: number) {
  const started = Date.now();
  const pending: Promise<void>[] = [];
  const outcomes: (Outcome & { at: number })[] = [];
  const timer = setInterval(() => {
    const at = Date.now() - started;
    pending.push(get(host, port).then((o) => void outcomes.push({ ...o, at })));
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return outcomes.sort((a, b) => a.at - b.at);
    },
  };
}

const podNames = (t: TestHome): string[] =>
  t
    .run(['get', 'pods', '-l', 'app=web-zd', '-o', 'jsonpath={.items[*].metadata.name}'])
    .stdout.split(' ')
    .filter(Boolean)
    .sort();

/** `mkube args` in the background, so the clients keep their 50 ms pace meanwhile. */
function runAsync(t: TestHome, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = t.spawn(args);
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('a rolling update behind a Service and an Ingress', () => {
  let t: TestHome;
  let clusterIP = '';
  let ingressPort = 0;

  beforeAll(async () => {
    requireDocker();
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      throw new Error('the zero-downtime test needs Linux and root (the data plane programs iptables)');
    }
    t = new TestHome('mkube-zd-');
    expect(t.run(['apply', '-f', '-'], { input: MANIFEST })).toEqual({
      code: 0,
      stdout:
        'deployment.apps/web-zd created\nservice/web-zd created\ningress.networking.k8s.io/web-zd created\n',
      stderr: '',
    });
    expect(
      t.run(['rollout', 'status', 'deployment/web-zd', '--timeout=120s'], { timeoutMs: 130_000 }).code,
    ).toBe(0);
    clusterIP = t.run(['get', 'svc', 'web-zd', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    ingressPort = Number(
      await eventually(
        () =>
          t.run(['get', 'ing', 'web-zd', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ports[0].port}'])
            .stdout,
      ),
    );
    // All three pods answer on both paths before the rollout starts.
    for (const [host, port] of [
      [clusterIP, 80],
      ['127.0.0.1', ingressPort],
    ] as const) {
      await eventually(
        async () => {
          const seen = new Set<string>();
          for (let i = 0; i < 30; i++) {
            const o = await get(host, port);
            if (o.ok) seen.add(o.body);
          }
          return seen.size === 3;
        },
        30_000,
        100,
      );
    }
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('loses no request through the ClusterIP or the Ingress, with no preStop hook', async () => {
    const oldPods = podNames(t);
    const viaService = startClient(clusterIP, 80);
    const viaIngress = startClient('127.0.0.1', ingressPort);
    await new Promise((r) => setTimeout(r, 1_000));
    const patched = await runAsync(t, [
      'patch',
      'deployment',
      'web-zd',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"httpd","env":[{"name":"VERSION","value":"2"}]}]}}}}',
    ]);
    expect(patched).toEqual({ code: 0, stdout: 'deployment.apps/web-zd patched\n' });
    const status = await runAsync(t, ['rollout', 'status', 'deployment/web-zd', '--timeout=120s']);
    expect(status.code).toBe(0);
    await new Promise((r) => setTimeout(r, 2_000));
    const service = await viaService.stop();
    const ingress = await viaIngress.stop();
    const newPods = podNames(t);

    const failures = (os: (Outcome & { at: number })[]) =>
      os.filter((o) => !o.ok).map((o) => `${o.at} ms: ${(o as { error: string }).error}`);
    const responders = (os: (Outcome & { at: number })[]) =>
      [...new Set(os.flatMap((o) => (o.ok ? [o.body] : [])))].sort();
    process.stdout.write(
      `zero-downtime: ClusterIP ${service.length} requests, ${failures(service).length} failed; ` +
        `Ingress ${ingress.length} requests, ${failures(ingress).length} failed\n`,
    );
    expect({ service: failures(service), ingress: failures(ingress) }).toEqual({ service: [], ingress: [] });
    // Three new pods replaced the three old ones, and both kinds answered on both paths.
    expect(newPods.filter((p) => oldPods.includes(p))).toEqual([]);
    expect(newPods.length).toBe(3);
    for (const seen of [responders(service), responders(ingress)]) {
      expect(seen.filter((p) => !oldPods.includes(p) && !newPods.includes(p))).toEqual([]);
      expect(seen.some((p) => oldPods.includes(p))).toBe(true);
      expect(seen.some((p) => newPods.includes(p))).toBe(true);
    }
    // The clients kept their pace: at least one request per 100 ms over the rollout.
    expect(service.length).toBeGreaterThan(40);
    expect(ingress.length).toBeGreaterThan(40);
  }, 180_000);
});
