// `mkube patch` against a real state directory: every patch type on a Deployment and a Pod,
// the scale and status subresources, dry runs, --local, and kubectl's error texts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cli, DEPLOYMENT, POD, stable } from './write-verbs.js';

let t: Cli;
beforeEach(async () => {
  t = new Cli();
  await t.create('deploy.yaml', DEPLOYMENT);
  await t.create('pod.yaml', POD);
});
afterEach(() => t.cleanup());

const containers = () => t.get('deploy', 'web')!.spec.template.spec.containers;

describe('patch --type strategic (the default)', () => {
  it('merges containers by name and keeps the other fields', async () => {
    const r = await t.run([
      'patch',
      'deployment',
      'web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}}}',
    ]);
    expect(r).toEqual({ code: 0, stdout: 'deployment.apps/web patched\n', stderr: '' });
    expect(containers().map((c: any) => [c.name, c.image])).toEqual([
      ['app', 'nginx:1.26'],
      ['sidecar', 'busybox:1.36'],
    ]);
    expect(t.get('deploy', 'web')!.metadata.generation).toBe(2);
  });

  // Orders checked against `kubectl patch --local` of the same manifest and patch.
  it('merges env by name and ports by containerPort', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],"ports":[{"containerPort":8080}]}]}}}}',
    ]);
    expect(r.stdout).toBe('deployment.apps/web patched\n');
    const app = containers()[0];
    expect(app.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
    expect(app.ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 443, protocol: 'TCP' },
    ]);
  });

  it('deletes list items with $patch: delete', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"},{"name":"app","env":[{"name":"A","$patch":"delete"}],"ports":[{"containerPort":443,"$patch":"delete"}]}]}}}}',
    ]);
    expect(r.stdout).toBe('deployment.apps/web patched\n');
    expect(containers()).toEqual([
      {
        name: 'app',
        image: 'nginx:1.25',
        env: [{ name: 'B', value: '2' }],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        imagePullPolicy: 'IfNotPresent',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ]);
  });

  it('takes the patch as YAML', async () => {
    const r = await t.run(['patch', 'pod', 'x', '-p', 'metadata:\n  labels:\n    tier: web']);
    expect(r.stdout).toBe('pod/x patched\n');
    expect(t.get('pod', 'x')!.metadata.labels).toEqual({ run: 'x', tier: 'web' });
  });

  it('reads --patch-file', async () => {
    const file = t.file('patch.yaml', 'spec:\n  containers:\n  - name: main\n    image: busybox:1.37\n');
    const r = await t.run(['patch', 'pod/x', '--patch-file', file]);
    expect(r.stdout).toBe('pod/x patched\n');
    expect(t.get('pod', 'x')!.spec.containers.map((c: any) => c.image)).toEqual([
      'busybox:1.37',
      'nginx:1.25',
    ]);
  });

  it('says (no change) and writes nothing when the patch changes nothing', async () => {
    const before = t.snapshot();
    const r = await t.run(['patch', 'pod', 'x', '-p', '{"metadata":{"labels":{"run":"x"}}}']);
    expect(r).toEqual({ code: 0, stdout: 'pod/x patched (no change)\n', stderr: '' });
    expect(t.snapshot()).toEqual(before);
  });

  it('patches the objects a file names', async () => {
    const r = await t.run([
      'patch',
      '-f',
      t.file('both.yaml', `${DEPLOYMENT}---\n${POD}`),
      '-p',
      '{"metadata":{"labels":{"z":"1"}}}',
    ]);
    expect(r.stdout).toBe('deployment.apps/web patched\npod/x patched\n');
    expect(t.get('pod', 'x')!.metadata.labels).toEqual({ run: 'x', z: '1' });
  });
});

describe('patch --record', () => {
  it('records the command line as the change cause, with the deprecation notice', async () => {
    const r = await t.run(['patch', 'deploy/web', '--record', '-p', '{"spec":{"replicas":2}}']);
    expect(r).toEqual({
      code: 0,
      stdout: 'deployment.apps/web patched\n',
      stderr: 'Flag --record has been deprecated, --record will be removed in the future\n',
    });
    expect(t.get('deploy', 'web')!.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'mkube patch deploy/web --record=true --patch={"spec":{"replicas":2}}',
    });
  });
});

describe('patch --type merge', () => {
  it('replaces lists whole and deletes with null', async () => {
    const r = await t.run([
      'patch',
      'pod/x',
      '--type',
      'merge',
      '-p',
      '{"metadata":{"labels":{"run":null,"a":"b"}},"spec":{"activeDeadlineSeconds":60}}',
    ]);
    expect(r.stdout).toBe('pod/x patched\n');
    const pod = t.get('pod', 'x')!;
    expect([pod.metadata.labels, pod.spec.activeDeadlineSeconds]).toEqual([{ a: 'b' }, 60]);
  });

  it('replaces the containers list, so a pod update is refused', async () => {
    const r = await t.run([
      'patch',
      'pod/x',
      '--type=merge',
      '-p',
      '{"spec":{"containers":[{"name":"main","image":"busybox:1.37"}]}}',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'The Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });
});

describe('patch --type json', () => {
  it('applies the operations in order', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/spec/template/spec/containers/0/env/-","value":{"name":"Z","value":"9"}},{"op":"remove","path":"/spec/template/spec/containers/1"}]',
    ]);
    expect(r.stdout).toBe('deployment.apps/web patched\n');
    const d = t.get('deploy', 'web')!;
    expect([
      d.spec.replicas,
      d.spec.template.spec.containers.length,
      d.spec.template.spec.containers[0].env,
    ]).toEqual([
      3,
      1,
      [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'Z', value: '9' },
      ],
    ]);
  });

  it('reports a failed operation as the API server does', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '--type',
      'json',
      '-p',
      '[{"op":"remove","path":"/spec/nope"}]',
    ]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "The request is invalid: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n",
    });
  });
});

describe('patch --subresource', () => {
  it('scale patches spec.replicas through the Scale view', async () => {
    const r = await t.run(['patch', 'deploy/web', '--subresource=scale', '-p', '{"spec":{"replicas":4}}']);
    expect(r).toEqual({ code: 0, stdout: 'scale.autoscaling/web patched\n', stderr: '' });
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(4);
  });

  it('scale prints the Scale object', async () => {
    const r = await t.run([
      'patch',
      'deploy',
      'web',
      '--subresource',
      'scale',
      '--type',
      'merge',
      '-p',
      'spec: {replicas: 2}',
      '-o',
      'yaml',
    ]);
    expect(stable(r.stdout)).toBe(`apiVersion: autoscaling/v1
kind: Scale
metadata:
  creationTimestamp: "TIME"
  name: web
  namespace: default
  resourceVersion: "${t.get('deploy', 'web')!.metadata.resourceVersion}"
  uid: UID
spec:
  replicas: 2
status:
  replicas: 0
  selector: app=web
`);
  });

  it('scale refuses a negative count', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '--subresource=scale',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":-1}]',
    ]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    });
  });

  it('scale is not served for pods, status not for config maps', async () => {
    const r = await t.run(['patch', 'pod/x', '--subresource=scale', '-p', '{"spec":{"replicas":1}}']);
    expect(r.stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    await t.create('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const s = await t.run(['patch', 'cm/c', '--subresource=status', '-p', '{"status":{"a":"b"}}']);
    expect(s.stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('status writes status only', async () => {
    const r = await t.run([
      'patch',
      'deploy/web',
      '--subresource',
      'status',
      '--type=merge',
      '-p',
      '{"spec":{"replicas":7},"status":{"observedGeneration":1,"replicas":1}}',
    ]);
    expect(r.stdout).toBe('deployment.apps/web patched\n');
    const d = t.get('deploy', 'web')!;
    expect([d.spec.replicas, d.status]).toEqual([1, { observedGeneration: 1, replicas: 1 }]);
  });
});

describe('patch --dry-run', () => {
  it('server: runs the whole write, prints the result, leaves the state directory as it was', async () => {
    const before = t.snapshot();
    const r = await t.run([
      'patch',
      'deploy/web',
      '--dry-run=server',
      '-p',
      '{"spec":{"replicas":5}}',
      '-o',
      'jsonpath={.spec.replicas} {.metadata.generation}',
    ]);
    expect(r).toEqual({ code: 0, stdout: '5 2', stderr: '' });
    const s = await t.run(['patch', 'deploy/web', '--dry-run=server', '-p', '{"spec":{"replicas":5}}']);
    // kubectl's patch line has no dry-run suffix.
    expect(s.stdout).toBe('deployment.apps/web patched\n');
    const scale = await t.run([
      'patch',
      'deploy/web',
      '--dry-run=server',
      '--subresource=scale',
      '-p',
      '{"spec":{"replicas":5}}',
    ]);
    expect(scale.stdout).toBe('scale.autoscaling/web patched\n');
    expect(t.snapshot()).toEqual(before);
  });

  it('server: still validates', async () => {
    const before = t.snapshot();
    const r = await t.run([
      'patch',
      'deploy/web',
      '--dry-run=server',
      '-p',
      '{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}',
    ]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    });
    expect(t.snapshot()).toEqual(before);
  });

  it('client: patches the live object on the client and writes nothing', async () => {
    const before = t.snapshot();
    const r = await t.run([
      'patch',
      'pod/x',
      '--dry-run=client',
      '-p',
      '{"metadata":{"labels":{"z":"1"}}}',
      '-o',
      'jsonpath={.metadata.labels}',
    ]);
    expect(r).toEqual({ code: 0, stdout: '{"run":"x","z":"1"}', stderr: '' });
    expect(t.snapshot()).toEqual(before);
  });
});

describe('patch --local', () => {
  it('patches the file object with no server, as kubectl prints it', async () => {
    const file = t.file('p.yaml', POD);
    const before = t.snapshot();
    const r = await t.run([
      'patch',
      '-f',
      file,
      '--local',
      '-o',
      'yaml',
      '-p',
      '{"spec":{"containers":[{"name":"main","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":80,"$patch":"delete"}]}]}}',
    ]);
    // Verified against kubectl 1.32: `kubectl patch -f p.yaml --local -o yaml -p ...`.
    expect(r).toEqual({
      code: 0,
      stdout: `apiVersion: v1
kind: Pod
metadata:
  labels:
    run: x
  name: x
spec:
  containers:
  - command:
    - sleep
    - "3600"
    env:
    - name: B
      value: "2"
    - name: A
      value: "1"
    image: busybox:1.36
    name: main
    ports: []
  - image: nginx:1.25
    name: side
`,
      stderr: '',
    });
    expect(t.snapshot()).toEqual(before);
  });

  it('prints several objects without a separator and says (no change)', async () => {
    const file = t.file('both.yaml', `${POD}---\n${DEPLOYMENT}`);
    const r = await t.run(['patch', '-f', file, '--local', '-p', '{"metadata":{"labels":{"run":"x"}}}']);
    expect(r.stdout).toBe('pod/x patched (no change)\ndeployment.apps/web patched\n');
  });

  it('refuses server resources and a server dry run', async () => {
    expect((await t.run(['patch', 'pod', 'x', '--local', '-p', '{}'])).stderr).toBe(
      'error: cannot specify --local and server resources\n',
    );
    const file = t.file('p.yaml', POD);
    expect((await t.run(['patch', '-f', file, '--local', '--dry-run=server', '-p', '{}'])).stderr).toBe(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
    );
  });
});

describe('patch errors', () => {
  it.each([
    [
      ['patch', 'deploy', 'nope', '-p', '{}'],
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    ],
    [
      ['patch', 'deploy/web'],
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    ],
    [
      ['patch', 'deploy/web', '-p', '{}', '--patch-file', 'x'],
      'error: cannot specify --patch and --patch-file together\n',
    ],
    [
      ['patch', 'deploy/web', '-p', 'spec: [', '--type', 'merge'],
      'error: unable to parse "spec: [": yaml: line 1: did not find expected node content\n',
    ],
    [
      ['patch', 'deploy/web', '-p', '{}', '--type', 'apply'],
      'error: --type must be one of [json merge strategic], not "apply"\n',
    ],
    [
      ['patch', 'deploy/web', '--patch-file', 'no/such.json'],
      'error: unable to read patch file: open no/such.json: no such file or directory\n',
    ],
    [['patch', 'deploy', '-p', '{}'], 'error: resource(s) were provided, but no name was specified\n'],
    [
      ['patch', 'pod/x', '--type=json', '-p', '{"op":"add"}'],
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    ],
    [
      ['patch', 'pod/x', '-p', '{"spec":{"containers":[{"image":"x"}]}}'],
      'Error from server (BadRequest): map: map[image:x] does not contain declared merge key: name\n',
    ],
  ])('%j', async (args, stderr) => {
    const before = t.snapshot();
    const r = await t.run(args);
    expect(r).toEqual({ code: 1, stdout: '', stderr });
    expect(t.snapshot()).toEqual(before);
  });

  it('patches the objects it finds and reports the missing ones at the end', async () => {
    const r = await t.run(['patch', 'deploy', 'nope', 'web', '-p', '{"metadata":{"labels":{"z":"1"}}}']);
    expect(r).toEqual({
      code: 1,
      stdout: 'deployment.apps/web patched\n',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });
});
