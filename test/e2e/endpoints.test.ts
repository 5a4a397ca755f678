// Endpoints and EndpointSlices on the real engine: a Deployment of two busybox httpd pods with an
// httpGet readiness probe behind a (headless) Service; `get ep` and `get endpointslices` list
// both pods, and a pod whose probe starts failing moves to notReadyAddresses within a second or
// two (the probe period included). The latency is measured from the state directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind } from '../../src/api/kinds.js';
import { openStore } from '../../src/state/store.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-ep
  template:
    metadata:
      labels:
        app: web-ep
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: httpd
        image: busybox:1.36
        command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
        ports:
        - name: http
          containerPort: 8080
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
  clusterIP: None
  selector:
    app: web-ep
  ports:
  - name: http
    port: 80
    targetPort: http
`;

const EP = lookupKind('endpoints')!;
const POD = lookupKind('pods')!;
const byIP = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
/** A table with its AGE cells (the last column) made comparable. */
const ages = (table: string) => table.replace(/ \d+s$/gm, ' <age>');
/** Table rows as kubectl lays them out: columns padded to the widest cell plus three spaces. */
function layout(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join(''),
  );
  return `${lines.join('\n')}\n`;
}

describe('endpoints', () => {
  let t: TestHome;
  beforeAll(() => {
    requireDocker();
    t = new TestHome();
    const r = t.run(['apply', '-f', '-'], { input: MANIFEST });
    // (stderr may carry the inert-kind warning for Services until the data plane lands.)
    expect([r.code, r.stdout]).toEqual([0, 'deployment.apps/web created\nservice/web created\n']);
  });
  afterAll(() => t?.cleanup());

  const podIPs = () => {
    const out = t.run(['get', 'pods', '-l', 'app=web-ep', '-o', 'jsonpath={.items[*].status.podIP}']).stdout;
    return out.split(' ').filter(Boolean).sort(byIP);
  };
  const podNamed = (ip: string) =>
    t.run([
      'get',
      'pods',
      '-l',
      'app=web-ep',
      '-o',
      `jsonpath={.items[?(@.status.podIP=="${ip}")].metadata.name}`,
    ]).stdout;

  /** The slice's addresses in its own order (pods are appended as they get their IP). */
  const sliceIPs = () =>
    t
      .run([
        'get',
        'endpointslices',
        '-l',
        'kubernetes.io/service-name=web',
        '-o',
        'jsonpath={.items[0].endpoints[*].addresses[0]}',
      ])
      .stdout.split(' ');
  const webSliceName = () =>
    t.run([
      'get',
      'endpointslices',
      '-l',
      'kubernetes.io/service-name=web',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]).stdout;
  /** The `kubernetes` Service's endpoint (the agent's API endpoint for pods), listed beside web's. */
  const api = () => {
    const [ip, port] = t
      .run([
        'get',
        'ep',
        'kubernetes',
        '-o',
        'jsonpath={.subsets[0].addresses[0].ip} {.subsets[0].ports[0].port}',
      ])
      .stdout.split(' ');
    return { ip: ip!, port: port! };
  };

  it('lists both ready pods on their named target port in get ep and get endpointslices', async () => {
    const ips = await eventually(() => {
      const ready = t.run(['get', 'ep', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']).stdout;
      return ready.split(' ').filter(Boolean).length === 2 && podIPs().length === 2 ? podIPs() : undefined;
    }, 90_000);
    expect(ages(t.run(['get', 'ep']).stdout)).toBe(
      layout([
        ['NAME', 'ENDPOINTS', 'AGE'],
        ['kubernetes', `${api().ip}:${api().port}`, '<age>'],
        ['web', ips.map((ip) => `${ip}:8080`).join(','), '<age>'],
      ]),
    );
    const slice = webSliceName();
    expect(slice).toMatch(/^web-[a-z0-9]{5}$/);
    expect([...sliceIPs()].sort(byIP)).toEqual(ips);
    expect(ages(t.run(['get', 'endpointslices']).stdout)).toBe(
      layout([
        ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
        ['kubernetes', 'IPv4', api().port, api().ip, '<age>'],
        [slice, 'IPv4', '8080', sliceIPs().join(','), '<age>'],
      ]),
    );
  });

  it('moves a pod whose readiness probe fails to notReadyAddresses within two seconds', async () => {
    const [first, second] = podIPs();
    const victim = podNamed(second!);
    const store = openStore(t.home);
    const podReady = () =>
      store.get(POD, 'default', victim)?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')
        ?.status;
    const notReady = () =>
      (store.get(EP, 'default', 'web')?.subsets ?? []).flatMap((s: any) =>
        (s.notReadyAddresses ?? []).map((a: any) => a.ip),
      );

    // The clock starts once the file is gone: what follows is the probe period, the kubelet's
    // status write and the controllers.
    expect(t.run(['exec', victim, '--', 'rm', '/www/index.html']).code).toBe(0);
    const start = Date.now();
    let podUnreadyAt = 0;
    let moved = 0;
    while (Date.now() - start < 10_000 && !moved) {
      if (!podUnreadyAt && podReady() === 'False') podUnreadyAt = Date.now();
      if (notReady().includes(second)) moved = Date.now();
      await new Promise((r) => setTimeout(r, 10));
    }
    const total = moved - start;
    const controller = moved - (podUnreadyAt || moved);
    console.log(
      `index.html removed -> notReadyAddresses: ${total} ms (pod Ready=False -> Endpoints: ${controller} ms)`,
    );
    expect(moved).toBeGreaterThan(0);
    expect(total).toBeLessThan(2_000);
    expect(controller).toBeLessThan(1_000);

    expect(ages(t.run(['get', 'ep']).stdout)).toBe(
      layout([
        ['NAME', 'ENDPOINTS', 'AGE'],
        ['kubernetes', `${api().ip}:${api().port}`, '<age>'],
        ['web', `${first}:8080`, '<age>'],
      ]),
    );
    expect(t.run(['get', 'ep', 'web', '-o', 'jsonpath={.subsets[*].notReadyAddresses[*].ip}']).stdout).toBe(
      second,
    );
    const conditions = t.run([
      'get',
      'endpointslices',
      '-l',
      'kubernetes.io/service-name=web',
      '-o',
      'jsonpath={range .items[*].endpoints[*]}{.addresses[0]} {.conditions.ready} {.conditions.serving} {.conditions.terminating}{"\\n"}{end}',
    ]).stdout;
    expect(conditions.split('\n').filter(Boolean).sort(byIP)).toEqual([
      `${first} true true false`,
      `${second} false false false`,
    ]);
    const slice = webSliceName();
    expect(ages(t.run(['get', 'endpointslices']).stdout)).toBe(
      layout([
        ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
        ['kubernetes', 'IPv4', api().port, api().ip, '<age>'],
        [slice, 'IPv4', '8080', sliceIPs().join(','), '<age>'],
      ]),
    );
  });

  it('deletes the Endpoints and the slices with the Service (the API server keeps its own)', async () => {
    expect(t.run(['delete', 'service', 'web']).code).toBe(0);
    await eventually(
      () =>
        t.run(['get', 'ep,endpointslices', '-o', 'name']).stdout ===
        'endpoints/kubernetes\nendpointslice.discovery.k8s.io/kubernetes\n',
      15_000,
    );
  });
});
