// `get` end to end through the built CLI, against a state directory filled through the store
// API directly: no Docker objects and no agent are involved.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind } from '../../src/api/kinds.js';
import type { KObject } from '../../src/api/types.js';
import { openStore } from '../../src/state/store.js';
import type { Store } from '../../src/state/types.js';
import { eventually, TestHome } from './harness.js';

const POD = lookupKind('pods')!;
const SERVICE = lookupKind('services')!;

function podObject(
  name: string,
  namespace = 'default',
  labels: Record<string, string> = { app: 'web' },
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  };
}

async function setStatus(store: Store, name: string, status: any, namespace = 'default'): Promise<void> {
  await store.patch(POD, namespace, name, (p) => ({ ...p, status }), 'status');
}

const running = {
  phase: 'Running',
  podIP: '172.18.0.5',
  podIPs: [{ ip: '172.18.0.5' }],
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [
    {
      name: 'app',
      ready: true,
      restartCount: 0,
      image: 'nginx',
      imageID: '',
      state: { running: { startedAt: new Date().toISOString() } },
    },
  ],
};
const crashing = {
  phase: 'Running',
  containerStatuses: [
    {
      name: 'app',
      ready: false,
      restartCount: 5,
      image: 'nginx',
      imageID: '',
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: {
        terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(Date.now() - 32_000).toISOString() },
      },
    },
  ],
};

const AGE = '\\d+s';

describe('get through the CLI', () => {
  const t = new TestHome('mkube-get-');
  let store: Store;

  beforeAll(async () => {
    store = openStore(t.home);
    await store.create(podObject('nginx'));
    await setStatus(store, 'nginx', running);
    await store.create(podObject('web-5d7c9f8b6d-x2k4q', 'default', { app: 'web', tier: 'front' }));
    await setStatus(store, 'web-5d7c9f8b6d-x2k4q', crashing);
    await store.create(podObject('coredns', 'kube-system', { k8s: 'dns' }));
    await store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    });
  });
  afterAll(() => t.cleanup());

  it('prints the pods table with kubectl columns and never starts the agent', () => {
    const r = t.run(['get', 'pods']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME                   READY   STATUS             RESTARTS      AGE');
    expect(lines[1]).toMatch(
      new RegExp(`^nginx                  1/1     Running            0             ${AGE}$`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^web-5d7c9f8b6d-x2k4q   0/1     CrashLoopBackOff   5 \\(3\\ds ago\\)   ${AGE}$`),
    );
    expect(lines).toHaveLength(4);
    expect(existsSync(join(t.home, 'agent.pid'))).toBe(false);
  });

  it('says "No resources found" on stderr for an empty namespace', () => {
    const r = t.run(['get', 'pods', '-n', 'kube-public']);
    expect(r).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'No resources found in kube-public namespace.\n',
    });
    expect(t.run(['get', 'pv']).stderr).toBe('No resources found\n');
  });

  it('adds a NAMESPACE column with -A', () => {
    const r = t.run(['get', 'pods', '-A', '--no-headers']);
    expect(r.stdout.split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'default',
      'default',
      'kube-system',
      '',
    ]);
  });

  it('filters with -l and shows label columns', () => {
    const r = t.run(['get', 'po', '-l', 'tier=front', '-L', 'tier', '--show-labels']);
    expect(r.stdout.split('\n')[0]).toBe(
      'NAME                   READY   STATUS             RESTARTS      AGE   TIER    LABELS',
    );
    expect(r.stdout).toContain('front   app=web,tier=front');
    expect(r.stdout.split('\n')).toHaveLength(3);
  });

  it('prints one object as itself with -o json, several as a List', () => {
    const one = JSON.parse(t.run(['get', 'pod', 'nginx', '-o', 'json']).stdout);
    expect(one).toMatchObject({ kind: 'Pod', metadata: { name: 'nginx' } });
    const list = t.run(['get', 'pods', '-o=json']).stdout;
    expect(list.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n')).toBe(true);
    expect(JSON.parse(list)).toMatchObject({ kind: 'List', metadata: { resourceVersion: '' } });
  });

  it('prints YAML as kubectl does', () => {
    const y = t.run(['get', 'pods', '--output', 'yaml']).stdout;
    expect(
      y.startsWith(
        'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    creationTimestamp: "',
      ),
    ).toBe(true);
    expect(y.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('prints names, jsonpath and custom columns', () => {
    expect(t.run(['get', 'pods', '-o', 'name']).stdout).toBe('pod/nginx\npod/web-5d7c9f8b6d-x2k4q\n');
    expect(t.run(['get', 'pods', '-o=jsonpath={.items[*].metadata.name}']).stdout).toBe(
      'nginx web-5d7c9f8b6d-x2k4q',
    );
    expect(t.run(['get', 'pod', 'nginx', '-ojsonpath={.status.phase}']).stdout).toBe('Running');
    expect(
      t.run([
        'get',
        'pods',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
      ]).stdout,
    ).toBe('nginx\tRunning\nweb-5d7c9f8b6d-x2k4q\tRunning\n');
    expect(t.run(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IP:.status.podIP']).stdout).toBe(
      'NAME                   IP\nnginx                  172.18.0.5\nweb-5d7c9f8b6d-x2k4q   <none>\n',
    );
  });

  it('sorts with --sort-by', () => {
    const r = t.run(['get', 'pods', '-A', '--sort-by=.metadata.name', '-o', 'name']);
    expect(r.stdout).toBe('pod/coredns\npod/nginx\npod/web-5d7c9f8b6d-x2k4q\n');
  });

  it('prints several types with kind prefixes, blank line between them', () => {
    const r = t.run(['get', 'pods,svc']);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('pod/nginx');
    // The CLI seeds the home's `kubernetes` Service (first address of its own range) on first use.
    expect(blocks[1]).toMatch(
      /^NAME +TYPE {8}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {3}AGE\nservice\/kubernetes {3}ClusterIP {3}10\.\d+\.0\.1 +<none> {8}443\/TCP {3}\d+s\nservice\/web {10}ClusterIP {3}10.96.0.10 +<none> {8}80\/TCP {4}\d+s\n$/,
    );
  });

  it('reports a missing object as NotFound, after printing the ones found', () => {
    const missing = t.run(['get', 'pod', 'nope']);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
    });
    const mixed = t.run(['get', 'pods', 'nginx', 'nope', 'gone']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toContain('nginx ');
    expect(mixed.stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "gone" not found\n',
    );
    expect(t.run(['get', 'pod', 'nope', '--ignore-not-found'])).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(t.run(['get', 'deploy', 'nope']).stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it('rejects unknown types and output formats', () => {
    expect(t.run(['get', 'foos'])).toMatchObject({
      code: 1,
      stderr: 'error: the server doesn\'t have a resource type "foos"\n',
    });
    expect(t.run(['get', 'pods', '-o', 'foo']).stderr).toMatch(
      /^error: unable to match a printer suitable for the output format "foo"/,
    );
    expect(t.run(['get', 'pods', '--show-labels', '-o', 'json']).stderr).toBe(
      'error: --show-labels option cannot be used with json printer\n',
    );
  });

  it('watches: the list once with its header, then one row per change', async () => {
    const child = t.spawn(['get', 'pods', '-w']);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    try {
      await eventually(() => out.split('\n').length >= 4, 10_000);
      await store.create(podObject('late'));
      await eventually(() => out.includes('late '), 10_000);
      await setStatus(store, 'late', running);
      await eventually(() => /late\s+1\/1\s+Running/.test(out), 10_000);
      await store.delete(POD, 'default', 'late', { gracePeriodSeconds: 0 });
      await eventually(() => out.split('\n').filter((l) => l.startsWith('late')).length === 3, 10_000);
      await store.create({ ...podObject('other-ns', 'kube-system') });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      child.kill('SIGTERM');
    }
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      'NAME',
      'nginx',
      'web-5d7c9f8b6d-x2k4q',
      'late',
      'late',
      'late',
    ]);
    expect(lines[3]).toMatch(/^late\s+0\/1\s+Pending\s+0\s+\d+s$/);
    expect(lines[4]).toMatch(/^late\s+1\/1\s+Running\s+0\s+\d+s$/);
  });

  it('watches a named object without repeating it', async () => {
    const child = t.spawn(['get', 'svc', 'web', '-w', '--output-watch-events']);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    try {
      await eventually(() => out.includes('ADDED'), 10_000);
      await store.patch(SERVICE, 'default', 'web', (s) => ({
        ...s,
        metadata: { ...s.metadata, labels: { x: 'y' } },
      }));
      await eventually(() => out.includes('MODIFIED'), 10_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(out.split('\n')[0]).toBe('EVENT      NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE');
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['EVENT', 'ADDED', 'MODIFIED']);
  });
});

describe('describe and api-resources through the CLI', () => {
  const t = new TestHome('mkube-describe-');
  let store: Store;

  beforeAll(async () => {
    store = openStore(t.home);
    const nginx = await store.create(podObject('nginx'));
    await setStatus(store, 'nginx', running);
    await store.create(podObject('nginx-2'));
    await store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'nginx.1', namespace: 'default' },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'nginx',
        namespace: 'default',
        uid: nginx.metadata.uid,
      },
      reason: 'Pulled',
      message: 'Container image "nginx" already present on machine',
      source: { component: 'kubelet' },
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      count: 1,
      type: 'Normal',
    });
  });
  afterAll(() => t.cleanup());

  it('describes a pod with its events', () => {
    const r = t.run(['describe', 'pod', 'nginx']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+nginx\nNamespace:\s+default\n/);
    expect(r.stdout).toContain('Containers:\n  app:\n');
    expect(r.stdout).toMatch(
      /Events:\n {2}Type\s+Reason\s+Age\s+From\s+Message\n {2}----\s+------\s+----\s+----\s+-------\n {2}Normal\s+Pulled\s+\d+s\s+kubelet\s+Container image "nginx" already present on machine\n$/,
    );
  });

  it('describes every pod whose name starts with a missing name, and all of a type', () => {
    const prefix = t.run(['describe', 'pod', 'ngi']);
    expect(prefix.stdout.match(/^Name:/gm)).toHaveLength(2);
    const all = t.run(['describe', 'pods', '--show-events=false']);
    expect(all.stdout.split('\n\n\nName:')).toHaveLength(2);
    expect(all.stdout).not.toContain('Events:');
    expect(t.run(['describe', 'pod', 'zzz'])).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): pods "zzz" not found\n',
    });
  });

  it('describes a namespace and lists api resources', () => {
    expect(t.run(['describe', 'ns', 'default']).stdout).toBe(
      'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
    expect(t.run(['api-resources', '--namespaced=false', '-o', 'name']).stdout).toBe(
      'componentstatuses\nnamespaces\nnodes\npersistentvolumes\nnodes.metrics.k8s.io\ningressclasses.networking.k8s.io\nstorageclasses.storage.k8s.io\n',
    );
  });
});
