import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  containerNameFor,
  isImageReference,
  parseEnvs,
  parseLabelSpec,
} from '../../../src/commands/workload/generate.js';
import { TempStore } from './harness.js';

describe('generator helpers', () => {
  const names: Array<[string, string]> = [
    ['nginx', 'nginx'],
    ['nginx:1.25', 'nginx'],
    ['registry.example.com:5000/team/api:v2', 'api'],
    ['busybox@sha256:0123456789abcdef0123456789abcdef', 'busybox'],
    ['my_app', 'my-app-xxxxx'],
    ['ex.ample', 'ex-ample-xxxxx'],
  ];
  for (const [image, name] of names) {
    it(`names the container of ${image} ${name}`, () =>
      expect(containerNameFor(image, () => 'xxxxx')).toBe(name));
  }

  it('accepts docker references and rejects others', () => {
    for (const ok of [
      'nginx',
      'nginx:1.25',
      'localhost:5000/a/b:c',
      'busybox@sha256:0123456789abcdef0123456789abcdef01',
    ]) {
      expect(isImageReference(ok)).toBe(true);
    }
    for (const bad of ['Nginx', 'nginx:', 'a//b', '']) expect(isImageReference(bad)).toBe(false);
  });

  it('parses --labels and --env as kubectl run', () => {
    expect(parseLabelSpec('app=web,tier=db')).toEqual({ app: 'web', tier: 'db' });
    expect(() => parseLabelSpec('app')).toThrow('unexpected label spec: app');
    expect(parseEnvs(['A=1', 'B=x=y'])).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'x=y' },
    ]);
    expect(() => parseEnvs(['1A=x'])).toThrow('invalid env: 1A=x');
  });
});

let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

describe('run', () => {
  it('creates a pod labelled run=NAME', async () => {
    expect(await t.run(['run', 'web', '--image=nginx:1.25'])).toEqual({
      code: 0,
      out: 'pod/web created\n',
      err: '',
    });
    const p = t.get('pod', 'web')!;
    expect(p.metadata.labels).toEqual({ run: 'web' });
    expect(p.spec.containers[0]).toMatchObject({
      name: 'web',
      image: 'nginx:1.25',
      imagePullPolicy: 'IfNotPresent',
    });
    expect(p.spec.restartPolicy).toBe('Always');
    expect(t.agentCalls).toBe(1);
  });

  it('passes args, or a command with --command, and env, labels, port, restart', async () => {
    await t.run([
      'run',
      'a',
      '--image=busybox',
      '--restart=Never',
      '--env=X=1',
      '--port=8080',
      '-l',
      'app=a',
      '--',
      'sleep',
      '1',
    ]);
    const a = t.get('pod', 'a')!;
    expect(a.spec.containers[0]).toMatchObject({
      args: ['sleep', '1'],
      env: [{ name: 'X', value: '1' }],
      ports: [{ containerPort: 8080 }],
    });
    expect(a.metadata.labels).toEqual({ app: 'a' });
    expect(a.spec.restartPolicy).toBe('Never');
    await t.run(['run', 'b', '--image=busybox', '--command', '--', 'sh', '-c', 'echo hi']);
    expect(t.get('pod', 'b')!.spec.containers[0].command).toEqual(['sh', '-c', 'echo hi']);
  });

  it('prints the generated object for --dry-run=client -o yaml, as kubectl', async () => {
    const r = await t.run(['run', 'nginx', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    expect(r.out).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    run: nginx',
        '  name: nginx',
        'spec:',
        '  containers:',
        '  - image: nginx',
        '    name: nginx',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
    );
    expect(t.get('pod', 'nginx')).toBeUndefined();
  });

  it('reports kubectl errors', async () => {
    expect((await t.run(['run', '--image=nginx'])).err).toBe(
      "error: NAME is required for run\nSee 'mkube run -h' for help and examples\n",
    );
    expect((await t.run(['run', 'x'])).err).toBe('error: --image is required\n');
    expect((await t.run(['run', 'x', '--image=Bad'])).err).toBe(
      'error: Invalid image name "Bad": invalid reference format\n',
    );
    expect((await t.run(['run', 'x', '--image=a', '--restart=Sometimes'])).err).toBe(
      "error: invalid restart policy: Sometimes\nSee 'mkube run -h' for help and examples\n",
    );
    await t.run(['run', 'x', '--image=a']);
    expect((await t.run(['run', 'x', '--image=a'])).err).toBe(
      'Error from server (AlreadyExists): pods "x" already exists\n',
    );
  });

  it('applies --overrides as a merge patch', async () => {
    await t.run(['run', 'o', '--image=a', '--overrides={"spec":{"hostname":"h"}}']);
    expect(t.get('pod', 'o')!.spec.hostname).toBe('h');
  });
});

describe('create deployment', () => {
  it('creates a deployment with app=NAME and a container named after the image', async () => {
    const r = await t.run(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3', '--port=80']);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web created\n', err: '' });
    const d = t.get('deploy', 'web')!;
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      name: 'nginx',
      image: 'nginx:1.25',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    expect(d.spec.strategy.type).toBe('RollingUpdate');
  });

  it('takes -n and -o after the name (flags the create command would otherwise take)', async () => {
    const r = await t.run(['create', 'deployment', 'api', '--image=x', '-n', 'kube-public', '-o', 'name']);
    expect(r.out).toBe('deployment.apps/api\n');
    expect(t.get('deploy', 'api', 'kube-public')).toBeDefined();
  });

  it('puts what follows -- in the container command', async () => {
    await t.run(['create', 'deployment', 'w', '--image=busybox', '--', 'sleep', '3600']);
    expect(t.get('deploy', 'w')!.spec.template.spec.containers[0].command).toEqual(['sleep', '3600']);
  });

  it('prints the generated object for --dry-run=client -o yaml, as kubectl', async () => {
    const r = await t.run(['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    expect(r.out).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy: {}',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - image: nginx',
        '        name: nginx',
        '        resources: {}',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('reports kubectl errors', async () => {
    expect((await t.run(['create', 'deployment', 'web'])).err).toBe(
      'error: required flag(s) "image" not set\n',
    );
    expect((await t.run(['create', 'deployment', 'a', 'b', '--image=x'])).err).toBe(
      "error: exactly one NAME is required, got 2\nSee 'mkube create deployment -h' for help and examples\n",
    );
    expect((await t.run(['create', 'deployment', 'a', '--image=x', '--image=y', '--', 'sh'])).err).toBe(
      'error: cannot specify multiple --image options and command\n',
    );
    await t.run(['create', 'deployment', 'a', '--image=x']);
    expect((await t.run(['create', 'deployment', 'a', '--image=x'])).err).toBe(
      'error: failed to create deployment: deployments.apps "a" already exists\n',
    );
  });
});
