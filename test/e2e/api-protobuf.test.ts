// kubectl's typed clients (create configmap|secret|namespace|deployment, drain's evictions) send protobuf bodies and never fall back to JSON: through the endpoint they create what
// the same command's --dry-run=client JSON says, and what the same JSON sent as JSON creates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker, TestHome } from './harness.js';

let t: TestHome;
let userHome: string;

/** The real kubectl against the endpoint, with a HOME of its own (its discovery cache). */
function kubectl(args: string[], input?: string) {
  const env = { ...process.env, HOME: userHome };
  delete env.KUBECONFIG;
  const r = spawnSync('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), ...args], {
    env,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What the server sets on every object (and the time a manager wrote). */
function withoutServerFields(obj: any): any {
  const { uid, resourceVersion, creationTimestamp, generation, managedFields, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** The object as `mkube get -o json` shows it. */
function get(args: string[]): any {
  const r = t.run(['get', ...args, '-o', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** `kubectl <args>` with --dry-run=client -o json: the object kubectl sends. */
function dryRun(args: string[]): any {
  const r = kubectl([...args, '--dry-run=client', '-o', 'json']);
  expect(r.stderr).toBe('');
  const { creationTimestamp, ...metadata } = JSON.parse(r.stdout).metadata;
  return { ...JSON.parse(r.stdout), metadata };
}

beforeAll(async () => {
  requireDocker();
  t = new TestHome('mkube-e2e-protobuf-');
  userHome = mkdtempSync(join(tmpdir(), 'mkube-e2e-user-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  await t.apiServerUrl();
});
afterAll(() => {
  t?.cleanup();
  if (userHome) rmSync(userHome, { recursive: true, force: true });
});

describe('protobuf request bodies from the real kubectl', () => {
  it('creates a configmap (literal and binary file) and a secret as their dry-run JSON says', () => {
    const blob = join(userHome, 'blob.bin');
    writeFileSync(blob, Buffer.from([0, 1, 2, 0xfe, 0xff]));
    const configmap = [
      'create',
      'configmap',
      'settings',
      '--from-literal=a=b',
      '--from-literal=empty=',
      `--from-file=${blob}`,
    ];
    const secret = [
      'create',
      'secret',
      'generic',
      'creds',
      '--from-literal=user=admin',
      `--from-file=${blob}`,
    ];
    expect(kubectl(configmap)).toEqual({ code: 0, stdout: 'configmap/settings created\n', stderr: '' });
    expect(kubectl(secret)).toEqual({ code: 0, stdout: 'secret/creds created\n', stderr: '' });
    // The server adds the namespace of the URL.
    const inDefault = (obj: any) => ({ ...obj, metadata: { ...obj.metadata, namespace: 'default' } });
    expect(withoutServerFields(get(['configmap', 'settings']))).toEqual(inDefault(dryRun(configmap)));
    expect(withoutServerFields(get(['secret', 'creds']))).toEqual({
      ...inDefault(dryRun(secret)),
      type: 'Opaque',
    });
  });

  it('creates a namespace and a deployment (replicas 0) as the same dry-run JSON sent as JSON does', () => {
    for (const [kind, args] of [
      ['namespace', ['create', 'namespace', 'team-a']],
      ['deployment', ['create', 'deployment', 'web', '--image=busybox:1.36', '--replicas=0', '--port=8080']],
    ] as const) {
      const name = args[2];
      expect(kubectl([...args])).toEqual({
        code: 0,
        stdout: `${kind}.apps/${name} created\n`.replace('namespace.apps', 'namespace'),
        stderr: '',
      });
      // The twin: the dry-run JSON of the same command under another name, sent as JSON.
      const twin = JSON.stringify(dryRun([...args.slice(0, 2), `${name}-json`, ...args.slice(3)]));
      expect(kubectl(['create', '-f', '-'], twin).code).toBe(0);
      const viaJson = JSON.stringify(withoutServerFields(get([kind, `${name}-json`]))).replaceAll(
        `${name}-json`,
        name,
      );
      const viaProtobuf = withoutServerFields(get([kind, name]));
      // The deployment controller writes the status (and its times) on its own schedule.
      if (kind === 'deployment') delete viaProtobuf.status;
      const expected = JSON.parse(viaJson);
      if (kind === 'deployment') delete expected.status;
      expect(viaProtobuf).toEqual(expected);
      expect(viaProtobuf.spec.replicas ?? viaProtobuf.spec.finalizers).toEqual(
        kind === 'deployment' ? 0 : ['kubernetes'],
      );
    }
  });

  it("drains the node with a zero grace period: a delete's protobuf DeleteOptions, then an eviction", () => {
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: name } },
      spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    });
    const pods = { apiVersion: 'v1', kind: 'List', items: [pod('deleted'), pod('evicted')] };
    expect(kubectl(['create', '-f', '-'], JSON.stringify(pods)).code).toBe(0);
    const drain = ['drain', 'vm', '--force', '--grace-period=0'];
    // --disable-eviction: the typed client's DELETE, its DeleteOptions in protobuf.
    expect(kubectl([...drain, '--disable-eviction', '--pod-selector=app=deleted'])).toEqual({
      code: 0,
      stdout: 'node/vm cordoned\npod/deleted deleted\nnode/vm drained\n',
      stderr: 'Warning: deleting Pods that declare no controller: default/deleted\n',
    });
    // The eviction subresource (kubectl sends the Eviction itself in JSON).
    expect(kubectl([...drain, '--pod-selector=app=evicted'])).toEqual({
      code: 0,
      stdout:
        'node/vm already cordoned\nevicting pod default/evicted\npod/evicted evicted\nnode/vm drained\n',
      stderr: 'Warning: deleting Pods that declare no controller: default/evicted\n',
    });
    expect(t.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
  });
});
