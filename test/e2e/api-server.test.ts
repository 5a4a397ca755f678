// The agent's Kubernetes API endpoint with the real kubectl: version, api-resources and
// api-versions as mkube prints them, 401 Status for a stranger, 127.0.0.1 and the pods' gateway
// address only, and
// `mkube kubeconfig` (print, --merge into a HOME of its own, --set-current).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, eventually, requireDocker, TestHome } from './harness.js';

let t: TestHome;
let userHome: string;
let url: string;
let port: number;

/** The real kubectl, with a HOME of its own (its discovery cache, ~/.kube/config). */
function kubectl(args: string[]) {
  const env = { ...process.env, HOME: userHome };
  delete env.KUBECONFIG;
  const r = spawnSync('kubectl', args, { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const kubectlMkube = (args: string[]) => kubectl(['--kubeconfig', join(t.home, 'kubeconfig'), ...args]);

/** mkube with HOME (and no KUBECONFIG) pointing at the test's own user home. */
function mkubeAsUser(args: string[]) {
  const env = { ...t.env, HOME: userHome };
  delete env.KUBECONFIG;
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Fails loudly (never skips) when kubectl is not installed: these tests are about the real one. */
function requireKubectl(): void {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: the API endpoint tests drive the real kubectl (v1.32).');
}

beforeAll(async () => {
  requireDocker();
  requireKubectl();
  t = new TestHome('mkube-e2e-apiserver-');
  userHome = mkdtempSync(join(tmpdir(), 'mkube-e2e-user-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  const listeners = await eventually(
    () => {
      const l = JSON.parse(readFileSync(join(t.home, 'agent-listeners.json'), 'utf8'));
      return l.apiServer ? l : undefined;
    },
    20_000,
    50,
  );
  url = listeners.apiServer;
  port = Number(new URL(url).port);
});
afterAll(() => {
  t?.cleanup();
  if (userHome) rmSync(userHome, { recursive: true, force: true });
});

describe('the API endpoint', () => {
  it("is announced by agent status and listens on 127.0.0.1 and the network's gateway only", () => {
    expect(url).toBe(`https://127.0.0.1:${port}`);
    expect(t.run(['agent', 'status']).stdout.split('\n')[4]).toBe(`api server: ${url}`);
    // Every listening TCP socket on the port (IPv4 and IPv6 tables): loopback, and the gateway of
    // the home's Docker network for pods (the `kubernetes` Service's endpoint) — never a wildcard.
    const gateway = t.networkGateway();
    const hex = (ip: string) =>
      ip
        .split('.')
        .reverse()
        .map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0'))
        .join('');
    const listening = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .filter(
          (c) => c[3] === '0A' && c[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`),
        )
        .map((c) => c[1]),
    );
    const p = port.toString(16).toUpperCase().padStart(4, '0');
    expect(listening.sort()).toEqual([`0100007F:${p}`, `${hex(gateway)}:${p}`].sort());
  });

  it('refuses a request without credentials with a 401 Status', () => {
    const r = spawnSync('curl', ['-k', '-s', '-w', '\n%{http_code} %{content_type}', `${url}/api/v1/pods`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n' +
        '401 application/json',
    );
  });

  it('answers kubectl version with the server version mkube prints', () => {
    const client = kubectl(['version', '--client']).stdout;
    expect(kubectlMkube(['version'])).toEqual({
      code: 0,
      stdout: `${client}Server Version: v1.32.0+mkube.0.1.0\n`,
      stderr: '',
    });
    expect(t.run(['version']).stdout.split('\n')[2]).toBe('Server Version: v1.32.0+mkube.0.1.0');
  });

  it('is discovered by kubectl exactly as mkube lists its resources and versions', () => {
    for (const args of [['api-resources'], ['api-resources', '-o', 'wide'], ['api-versions']]) {
      const mine = t.run(args);
      expect(mine.code).toBe(0);
      expect(kubectlMkube(args)).toEqual({ code: 0, stdout: mine.stdout, stderr: '' });
    }
  });
});

describe('mkube kubeconfig', () => {
  it("prints mkube's kubeconfig, with its data", () => {
    expect(t.run(['kubeconfig'])).toEqual({
      code: 0,
      stdout: readFileSync(join(t.home, 'kubeconfig'), 'utf8'),
      stderr: '',
    });
    expect(t.run(['kubeconfig']).stdout).toContain(`    server: ${url}\n`);
  });

  it('merges the mkube entries into ~/.kube/config, keeping the others, and switches on request', () => {
    const other =
      'apiVersion: v1\nclusters:\n- cluster:\n    server: https://prod.example:6443\n  name: prod\n' +
      'contexts:\n- context:\n    cluster: prod\n    user: ops\n  name: prod\ncurrent-context: prod\n' +
      'kind: Config\npreferences: {}\nusers:\n- name: ops\n  user:\n    token: abc\n';
    mkdirSync(join(userHome, '.kube'), { recursive: true });
    const file = join(userHome, '.kube', 'config');
    writeFileSync(file, other);
    expect(mkubeAsUser(['kubeconfig', '--merge'])).toEqual({
      code: 0,
      stdout: `Context "mkube" created in ${file}.\n`,
      stderr: '',
    });
    expect(kubectl(['config', 'get-contexts', '-o', 'name'])).toEqual({
      code: 0,
      stdout: 'mkube\nprod\n',
      stderr: '',
    });
    expect(kubectl(['config', 'current-context']).stdout).toBe('prod\n');
    // Without the mkube entries, the file is the one we wrote, entry for entry.
    const merged = parse(readFileSync(file, 'utf8'));
    const others = <T extends { name: string }>(list: T[]) => list.filter((e) => e.name !== 'mkube');
    expect({
      ...merged,
      clusters: others(merged.clusters),
      contexts: others(merged.contexts),
      users: others(merged.users),
    }).toEqual(parse(other));
    expect(kubectl(['--context', 'mkube', 'get', '--raw', '/readyz'])).toEqual({
      code: 0,
      stdout: 'ok',
      stderr: '',
    });

    expect(mkubeAsUser(['kubeconfig', '--merge', '--set-current'])).toEqual({
      code: 0,
      stdout: `Context "mkube" modified in ${file}.\nSwitched to context "mkube".\n`,
      stderr: '',
    });
    expect(kubectl(['config', 'current-context']).stdout).toBe('mkube\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('creates ~/.kube/config 0600 when there is none', () => {
    rmSync(join(userHome, '.kube'), { recursive: true, force: true });
    expect(mkubeAsUser(['kubeconfig', '--merge']).code).toBe(0);
    const file = join(userHome, '.kube', 'config');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(kubectl(['--context', 'mkube', 'version', '-o', 'json']).code).toBe(0);
  });
});

describe('kubectl drives mkube through the endpoint', () => {
  const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - {name: app, image: busybox:1.36, command: [sh, -c, 'echo hello from web; exec sleep 3600']}
`;
  /** kubectl and mkube print the same bytes for a `get`, but for ages that may tick between the two runs. */
  const ages = (text: string) => text.replace(/(?<=\s)\d+(s|m\d*s?|h\d*m?)(?=\s|$)/gm, '<age>');
  const sameGet = (args: string[]) => {
    const mine = t.run(['get', ...args]);
    const theirs = kubectlMkube(['get', ...args]);
    return {
      mine: { ...mine, stdout: ages(mine.stdout) },
      theirs: { ...theirs, stdout: ages(theirs.stdout) },
    };
  };

  it('applies, gets, patches, scales, logs and deletes as against a cluster', async () => {
    // kubectl validates against the endpoint's /openapi/v3 and builds its patches from it.
    const applyArgs = ['apply', '-f', '-'];
    const env = { ...process.env, HOME: userHome };
    const apply = (extra: string[] = []) =>
      spawnSync('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), ...applyArgs, ...extra], {
        env,
        input: APP,
        encoding: 'utf8',
      });
    expect(apply().stdout).toBe('deployment.apps/web created\n');
    expect(apply().stdout).toBe('deployment.apps/web unchanged\n');
    // Server-side apply takes over from client-side apply without a conflict, as on a cluster.
    expect(apply(['--server-side'])).toMatchObject({
      status: 0,
      stdout: 'deployment.apps/web serverside-applied\n',
    });
    await eventually(
      () => t.run(['get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}']).stdout === '1',
      60_000,
    );

    for (const args of [['pods'], ['deploy', '-o', 'wide'], ['pods', '--show-labels'], ['all']]) {
      const { mine, theirs } = sameGet(args);
      expect(theirs).toEqual({ code: 0, stdout: mine.stdout, stderr: '' });
    }
    expect(kubectlMkube(['logs', 'deploy/web'])).toEqual({ code: 0, stdout: 'hello from web\n', stderr: '' });
    expect(kubectlMkube(['label', 'deploy', 'web', 'tier=front']).stdout).toBe(
      'deployment.apps/web labeled\n',
    );
    expect(
      kubectlMkube(['patch', 'deploy', 'web', '--type=merge', '-p', '{"metadata":{"annotations":{"a":"b"}}}'])
        .stdout,
    ).toBe('deployment.apps/web patched\n');
    expect(kubectlMkube(['scale', 'deploy', 'web', '--replicas=2']).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(
      t.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.tier}']).stdout,
    ).toBe('2 front');
    expect(kubectlMkube(['get', 'pod', 'nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
    });
    expect(kubectlMkube(['delete', 'deploy', 'web']).stdout).toBe('deployment.apps "web" deleted\n');
    expect(t.run(['get', 'deploy'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
  }, 90_000);

  it("stores a leader election's Lease and lists it with its holder, as kubectl and mkube print it", () => {
    const lease = `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: my-operator-lock}
spec: {holderIdentity: pod-abc_1234, leaseDurationSeconds: 15, renewTime: "2026-12-02T06:00:05.123456Z"}
`;
    const created = spawnSync('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), 'create', '-f', '-'], {
      env: { ...process.env, HOME: userHome },
      input: lease,
      encoding: 'utf8',
    });
    expect([created.status, created.stdout, created.stderr]).toEqual([
      0,
      'lease.coordination.k8s.io/my-operator-lock created\n',
      '',
    ]);
    const { mine, theirs } = sameGet(['leases']);
    expect(theirs).toEqual({
      code: 0,
      stdout: 'NAME               HOLDER         AGE\nmy-operator-lock   pod-abc_1234   <age>\n',
      stderr: '',
    });
    expect(mine).toEqual(theirs);
    expect(
      t.run(['get', 'lease', 'my-operator-lock', '-o', 'jsonpath={.metadata.generation}{.spec.renewTime}']),
    ).toEqual({
      code: 0,
      stdout: '2026-12-02T06:00:05.123456Z',
      stderr: '',
    });
  });

  it('streams a watch: kubectl get -w sees a pod appear', async () => {
    const watch = spawn('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), 'get', 'pods', '-w'], {
      env: { ...process.env, HOME: userHome },
    });
    let out = '';
    watch.stdout.on('data', (d) => {
      out += d;
    });
    try {
      expect(t.run(['run', 'watched', '--image=busybox:1.36', '--', 'sleep', '3600']).code).toBe(0);
      await eventually(() => /^watched\s+1\/1\s+Running\s/m.test(out), 60_000);
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    } finally {
      watch.kill();
    }
  }, 90_000);
});

describe('agent restart', () => {
  it('keeps the endpoint port, so kubeconfigs keep working, also when 6443 is taken', async () => {
    expect(t.run(['agent', 'stop']).code).toBe(0);
    // Hold 6443 (unless something else does already): the next agent must pick another port.
    const holder = createServer();
    await new Promise<void>((resolve) => {
      holder.once('error', () => resolve());
      holder.listen(6443, '127.0.0.1', () => resolve());
    });
    try {
      const servedAt = async () => {
        expect(t.run(['agent', 'start']).code).toBe(0);
        const pid = Number(readFileSync(join(t.home, 'agent.pid'), 'utf8'));
        return eventually(() => {
          const l = JSON.parse(readFileSync(join(t.home, 'agent-listeners.json'), 'utf8'));
          return l.pid === pid && l.apiServer ? (l.apiServer as string) : undefined;
        }, 20_000);
      };
      const first = await servedAt();
      expect(t.run(['agent', 'stop']).code).toBe(0);
      const second = await servedAt();
      expect([new URL(first).port === '6443', second]).toEqual([false, first]);
    } finally {
      holder.close();
    }
  }, 60_000);
});
