// The real kubectl's port-forward through mkube's API endpoint: kubectl 1.32 tunnels SPDY in a
// WebSocket by default, and with KUBECTL_PORT_FORWARD_WEBSOCKETS=false upgrades to SPDY/3.1
// directly; both reach a busybox httpd on the pod IP and one listening on the pod's 127.0.0.1
// only, and 5 MB cross intact. A refused pod port ends kubectl with its error and exit 1, at once.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventually, requireDocker, TestHome } from './harness.js';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: httpd
    image: busybox:1.36
    command: ["sh", "-c", "mkdir -p /www && echo 'hello through the API' > /www/index.html && head -c 5242880 /dev/urandom > /www/big && httpd -p 8080 -h /www && exec httpd -f -p 127.0.0.1:9090 -h /www"]
`;

let t: TestHome;
let userHome: string;
let uid: string;
let podIP: string;
let bigMd5: string;

beforeAll(async () => {
  requireDocker();
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: these tests drive the real kubectl (v1.32).');
  t = new TestHome('mkube-e2e-api-pf-');
  userHome = mkdtempSync(join(tmpdir(), 'mkube-e2e-pf-user-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  expect(t.run(['apply', '-f', '-'], { input: MANIFEST }).code).toBe(0);
  expect(t.run(['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s']).code).toBe(0);
  await t.apiServerUrl();
  const pod = JSON.parse(t.run(['get', 'pod', 'web', '-o', 'json']).stdout);
  uid = pod.metadata.uid;
  podIP = pod.status.podIP;
  bigMd5 = t.run(['exec', 'web', '--', 'md5sum', '/www/big']).stdout.split(' ')[0]!;
});
afterAll(() => {
  t?.cleanup();
  if (userHome) rmSync(userHome, { recursive: true, force: true });
});

interface Forward {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

/** `kubectl port-forward pod/web <ports>` against the endpoint, once it printed `lines` lines. */
async function kubectlForward(
  ports: string[],
  websockets: boolean,
  lines: number,
  verbose = false,
): Promise<Forward> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: userHome,
    KUBECTL_PORT_FORWARD_WEBSOCKETS: String(websockets),
  };
  delete env.KUBECONFIG;
  const child = spawn(
    'kubectl',
    [
      '--kubeconfig',
      join(t.home, 'kubeconfig'),
      'port-forward',
      'pod/web',
      ...ports,
      ...(verbose ? ['-v=6'] : []),
    ],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const f: Forward = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((r) => child.on('exit', (code) => r(code))),
  };
  child.stdout!.on('data', (d) => {
    f.stdout += d;
  });
  child.stderr!.on('data', (d) => {
    f.stderr += d;
  });
  await eventually(() => f.stdout.split('\n').length > lines || undefined, 15_000, 20);
  return f;
}

/** The local port kubectl chose for a remote port (`Forwarding from 127.0.0.1:N -> remote`). */
function localPort(f: Forward, remote: number): number {
  const m = new RegExp(`^Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${remote}$`, 'm').exec(f.stdout);
  if (!m) throw new Error(`no forward for ${remote} in:\n${f.stdout}`);
  return Number(m[1]);
}

function get(port: number, path = '/index.html'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          const body =
            path === '/big' ? `md5 ${createHash('md5').update(all).digest('hex')}` : all.toString();
          resolve({ status: res.statusCode ?? 0, body });
        });
      })
      .on('error', reject);
  });
}

describe('kubectl port-forward through the API endpoint', () => {
  it.each([
    ['SPDY tunnelled in a WebSocket (the default)', true],
    ['SPDY/3.1 (the fallback)', false],
  ])('%s reaches the pod IP and the pod-local 127.0.0.1', async (_name, websockets) => {
    const f = await kubectlForward([':8080', ':9090'], websockets, 2, true);
    try {
      const [a, b] = [localPort(f, 8080), localPort(f, 9090)];
      expect(await get(a)).toEqual({ status: 200, body: 'hello through the API\n' });
      expect(await get(b)).toEqual({ status: 200, body: 'hello through the API\n' });
      expect(await get(a, '/big')).toEqual({ status: 200, body: `md5 ${bigMd5}` });
      expect(f.stdout.split('\n').filter((l) => l.startsWith('Handling'))).toEqual([
        `Handling connection for ${a}`,
        `Handling connection for ${b}`,
        `Handling connection for ${a}`,
      ]);
    } finally {
      f.child.kill('SIGINT');
    }
    expect(await f.exit).toBe(0);
    // -v=6 shows how it connected: one upgrade, no fallback, no error.
    const api = JSON.parse(readFileSync(join(t.home, 'agent-listeners.json'), 'utf8')).apiServer;
    const how = f.stderr
      .split('\n')
      .filter((l) => /portforward|fallback|negotiated|^E/.test(l))
      .map((l) => l.replace(/^I\d{4} [\d:.]+ +\d+ /, '').replace(/ in \d+ milliseconds$/, ''));
    expect(how).toEqual(
      websockets
        ? [
            `round_trippers.go:560] GET ${api}/api/v1/namespaces/default/pods/web/portforward 101 Switching Protocols`,
            'tunneling_dialer.go:85] negotiated protocol: portforward.k8s.io',
          ]
        : [
            `round_trippers.go:560] POST ${api}/api/v1/namespaces/default/pods/web/portforward 101 Switching Protocols`,
          ],
    );
  });

  it('ends kubectl with the refusal and exit 1 when nothing listens on the pod port', async () => {
    const f = await kubectlForward([':7777'], true, 1);
    const port = localPort(f, 7777);
    await get(port).catch(() => undefined);
    expect(await f.exit).toBe(1);
    const stderr = f.stderr.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E ');
    expect(stderr).toBe(
      `E portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${port} -> 7777: error forwarding port 7777 to pod ${uid}, uid : dial tcp4 ${podIP}:7777: connect: connection refused"\n` +
        'error: lost connection to pod\n',
    );
  });
});

/** A WebSocket upgrade to a pod's portforward, with the admin's certificate or none: status and body. */
function rawUpgrade(pod: string, withCert: boolean): Promise<{ status: number; body: unknown }> {
  const config = parse(readFileSync(join(t.home, 'kubeconfig'), 'utf8'));
  const user = config.users[0].user;
  const cert = (k: string) => Buffer.from(user[k], 'base64');
  const api = new URL(config.clusters[0].cluster.server);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1',
      port: api.port,
      path: `/api/v1/namespaces/default/pods/${pod}/portforward`,
      rejectUnauthorized: false,
      ...(withCert ? { cert: cert('client-certificate-data'), key: cert('client-key-data') } : {}),
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Protocol': 'SPDY/3.1+portforward.k8s.io',
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    req.on('upgrade', () => reject(new Error('upgraded')));
    req.on('error', reject);
    req.end();
  });
}

describe('pods/portforward upgrades kubectl does not make', () => {
  it('answers a stranger with 401 and a missing pod with 404, as Status documents', async () => {
    const failure = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
    expect(await rawUpgrade('web', false)).toEqual({
      status: 401,
      body: { ...failure, message: 'Unauthorized', reason: 'Unauthorized', code: 401 },
    });
    expect(await rawUpgrade('nope', true)).toEqual({
      status: 404,
      body: {
        ...failure,
        message: 'pods "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', kind: 'pods' },
        code: 404,
      },
    });
  });
});
