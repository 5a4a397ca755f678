// `mkube port-forward` on the real engine: busybox httpd pods, forwarded as a pod, through a
// Deployment (random local port) and through a Service (service port 80 -> targetPort 8080);
// a 10 MB file crosses the forward intact (md5 compared with the pod's own md5sum); SIGINT ends
// it with exit 0 and nothing on stderr; deleting the pod ends it with kubectl's error and exit 1.
// Traffic goes only to loopback (and from there to this test's pods).
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

const INDEX = 'hello from port-forward\n';
/** A busybox httpd serving /www on 8080, its index known; `pad` indents it into a template. */
const httpdSpec = (pad: string) =>
  `spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: busybox:1.36
    command: ["sh", "-c", "mkdir -p /www && echo 'hello from port-forward' > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports:
    - name: http
      containerPort: 8080`.replace(/^/gm, pad);

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: pf-web
${httpdSpec('')}
---
apiVersion: v1
kind: Pod
metadata:
  name: loopback
  labels:
    app: pf-loopback
${httpdSpec('').replace('-p 8080', '-p 127.0.0.1:9090')}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: webd
spec:
  replicas: 1
  selector:
    matchLabels:
      app: pf-webd
  template:
    metadata:
      labels:
        app: pf-webd
${httpdSpec('    ')}
---
apiVersion: v1
kind: Service
metadata:
  name: websvc
spec:
  selector:
    app: pf-webd
  ports:
  - port: 80
    targetPort: 8080
`;

/** Whether this machine can listen on ::1 (kubectl prints a [::1] line only then). */
async function ipv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen({ host: '::1', port: 0, ipv6Only: true }, () => s.close(() => resolve(true)));
  });
}

/** GET http://127.0.0.1:port/path: status and body bytes. */
function fetchLocal(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

interface Forward {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number>;
}

function startForward(t: TestHome, args: string[]): Forward {
  const proc = t.spawn(['port-forward', ...args]);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c) => {
    out += c;
  });
  proc.stderr!.on('data', (c) => {
    err += c;
  });
  const exit = new Promise<number>((resolve) => proc.on('exit', (code) => resolve(code ?? -1)));
  return { proc, out: () => out, err: () => err, exit };
}

/** Waits for the Forwarding lines kubectl prints before it accepts connections. */
const forwarding = (f: Forward, lines: number) =>
  eventually(
    () => {
      if (f.proc.exitCode !== null) throw new Error(`port-forward exited: ${f.err()}`);
      return (
        f
          .out()
          .split('\n')
          .filter((l) => l.startsWith('Forwarding from')).length >= lines
      );
    },
    30_000,
    50,
  );

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

describe('port-forward', () => {
  let t: TestHome;
  let v6: boolean;
  let bigMd5: string;
  const open: Forward[] = [];
  /** kubectl's Forwarding lines for one port on the default address (localhost). */
  const lines = (local: number, remote: number) =>
    `Forwarding from 127.0.0.1:${local} -> ${remote}\n${v6 ? `Forwarding from [::1]:${local} -> ${remote}\n` : ''}`;

  beforeAll(async () => {
    requireDocker();
    v6 = await ipv6Loopback();
    t = new TestHome();
    const r = t.run(['apply', '-f', '-'], { input: MANIFEST });
    expect([r.code, r.stdout]).toEqual([
      0,
      'pod/web created\npod/loopback created\ndeployment.apps/webd created\nservice/websvc created\n',
    ]);
    for (const sel of ['app=pf-web', 'app=pf-loopback', 'app=pf-webd']) {
      await eventually(
        () => t.run(['wait', '--for=condition=Ready', 'pod', '-l', sel, '--timeout=5s']).code === 0,
        120_000,
        500,
      );
    }
    const sum = t.run([
      'exec',
      'web',
      '--',
      'sh',
      '-c',
      'dd if=/dev/urandom of=/www/big bs=1M count=10 2>/dev/null && md5sum /www/big',
    ]);
    expect(sum.code).toBe(0);
    bigMd5 = sum.stdout.split(' ')[0]!;
    expect(bigMd5).toMatch(/^[0-9a-f]{32}$/);
  }, 180_000);

  afterAll(() => {
    for (const f of open) f.proc.kill('SIGKILL');
    t?.cleanup();
  });

  it('forwards pod/NAME LOCAL:REMOTE, carries 10 MB intact, and ends with exit 0 on SIGINT', async () => {
    const f = startForward(t, ['pod/web', '18080:8080']);
    open.push(f);
    await forwarding(f, v6 ? 2 : 1);
    const index = await fetchLocal(18080, '/');
    expect([index.status, index.body.toString()]).toEqual([200, INDEX]);
    const big = await fetchLocal(18080, '/big');
    expect([big.status, big.body.length, md5(big.body)]).toEqual([200, 10 * 1024 * 1024, bigMd5]);
    f.proc.kill('SIGINT');
    expect(await f.exit).toBe(0);
    expect([f.out(), f.err()]).toEqual([
      `${lines(18080, 8080)}Handling connection for 18080\nHandling connection for 18080\n`,
      '',
    ]);
  }, 60_000);

  it("reaches a server that listens only on the pod's 127.0.0.1, as the kubelet does", async () => {
    const f = startForward(t, ['loopback', '19090:9090']);
    open.push(f);
    await forwarding(f, v6 ? 2 : 1);
    const index = await fetchLocal(19090, '/');
    expect([index.status, index.body.toString()]).toEqual([200, INDEX]);
    f.proc.kill('SIGTERM');
    expect(await f.exit).toBe(0);
    expect([f.out(), f.err()]).toEqual([`${lines(19090, 9090)}Handling connection for 19090\n`, '']);
  }, 60_000);

  it('forwards deploy/NAME :REMOTE on a random local port', async () => {
    const f = startForward(t, ['deploy/webd', ':8080']);
    open.push(f);
    await forwarding(f, v6 ? 2 : 1);
    const port = Number(/^Forwarding from 127\.0\.0\.1:(\d+) -> 8080$/m.exec(f.out())![1]);
    const index = await fetchLocal(port, '/');
    expect([index.status, index.body.toString()]).toEqual([200, INDEX]);
    f.proc.kill('SIGINT');
    expect(await f.exit).toBe(0);
    expect([f.out(), f.err()]).toEqual([`${lines(port, 8080)}Handling connection for ${port}\n`, '']);
  }, 60_000);

  it('forwards svc/NAME to the targetPort of a pod, and ends with lost connection when that pod is deleted', async () => {
    const f = startForward(t, ['svc/websvc', '18081:80']);
    open.push(f);
    await forwarding(f, v6 ? 2 : 1);
    const index = await fetchLocal(18081, '/');
    expect([index.status, index.body.toString()]).toEqual([200, INDEX]);
    const podName = t.run([
      'get',
      'pods',
      '-l',
      'app=pf-webd',
      '-o',
      'jsonpath={.items[0].metadata.name}',
    ]).stdout;
    expect(t.run(['delete', 'pod', podName, '--wait=false']).code).toBe(0);
    expect(await f.exit).toBe(1);
    expect([f.out(), f.err()]).toEqual([
      `${lines(18081, 8080)}Handling connection for 18081\n`,
      'error: lost connection to pod\n',
    ]);
  }, 60_000);

  it('refuses a pod that is not running, as kubectl does', () => {
    const r = t.run(['run', 'pending', '--image=mkube-test/absent:1', '--image-pull-policy=Never']);
    expect(r.code).toBe(0);
    const pf = t.run(['port-forward', 'pending', '8080']);
    expect(pf).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: unable to forward port because pod is not running. Current status=Pending\n',
    });
  });
});
