// `mkube replace -f` against a real state directory: a PUT of the manifest (server-owned fields
// kept), its preconditions and errors, dry runs, and --force (delete, wait, create).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cli, DEPLOYMENT, stable } from './write-verbs.js';

// The same Deployment with one container and no labels on the object itself.
const REPLACEMENT = DEPLOYMENT.replace('  labels: {app: web}\n', '')
  .replace('replicas: 1', 'replicas: 2')
  .replace(/ {6}- name: sidecar\n.*\n.*\n$/, '');

// REPLACEMENT as kubectl sends it (and prints it for --dry-run=client): the namespace settled.
const SENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - env:
        - name: A
          value: "1"
        - name: B
          value: "2"
        image: nginx:1.25
        name: app
        ports:
        - containerPort: 80
        - containerPort: 443
`;

let t: Cli;
let original: string;
beforeEach(async () => {
  t = new Cli();
  original = await t.create('deploy.yaml', DEPLOYMENT);
});
afterEach(() => t.cleanup());

describe('replace', () => {
  it('puts the manifest in place of the object, keeping what the server owns', async () => {
    const before = t.get('deploy', 'web')!;
    const r = await t.run(['replace', '-f', t.file('new.yaml', REPLACEMENT)]);
    expect(r).toEqual({ code: 0, stdout: 'deployment.apps/web replaced\n', stderr: '' });
    const after = t.get('deploy', 'web')!;
    const { managedFields, ...metadata } = after.metadata;
    // create's manager keeps what replace left alone; replace's owns what it changed.
    expect(managedFields!.map((m) => [m.manager, m.operation])).toEqual([
      ['kubectl-create', 'Update'],
      ['kubectl-replace', 'Update'],
    ]);
    expect(metadata).toEqual({
      name: 'web',
      namespace: 'default',
      uid: before.metadata.uid,
      creationTimestamp: before.metadata.creationTimestamp,
      generation: 2,
      resourceVersion: after.metadata.resourceVersion,
    });
    expect([after.spec.replicas, after.spec.template.spec.containers.map((c: any) => c.name)]).toEqual([
      2,
      ['app'],
    ]);
  });

  it('says replaced even when nothing changes', async () => {
    const r = await t.run(['replace', '-f', original]);
    expect(r.stdout).toBe('deployment.apps/web replaced\n');
    expect(t.get('deploy', 'web')!.metadata.generation).toBe(1);
  });

  it('treats a resourceVersion in the manifest as a precondition', async () => {
    const stale = REPLACEMENT.replace('  name: web\n', '  name: web\n  resourceVersion: "1"\n');
    const r = await t.run(['replace', '-f', t.file('stale.yaml', stale)]);
    expect(r.code).toBe(1);
    expect(r.stderr.replace(/"[^"]*stale.yaml"/, '"stale.yaml"')).toBe(
      'Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  it('reports an object that does not exist', async () => {
    const path = t.file('f.yaml', DEPLOYMENT.replace('name: web', 'name: nope'));
    const r = await t.run(['replace', '-f', path]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (NotFound): error when replacing "${path}": deployments.apps "nope" not found\n`,
    });
  });

  it('prints the 422 when the new object is invalid', async () => {
    const moved = REPLACEMENT.replaceAll('{app: web}', '{app: other}');
    const path = t.file('moved.yaml', moved);
    const r = await t.run(['replace', '-f', path]);
    // mkube adds where the field is written, as for apply and create.
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n`,
    });
  });

  it('--dry-run=server runs the whole update and leaves the state directory byte-identical', async () => {
    const before = t.snapshot();
    const path = t.file('new.yaml', REPLACEMENT);
    const r = await t.run(['replace', '-f', path, '--dry-run=server']);
    expect(r.stdout).toBe('deployment.apps/web replaced (server dry run)\n');
    const y = await t.run(['replace', '-f', path, '--dry-run=server', '-o', 'json']);
    expect(JSON.parse(y.stdout).metadata.generation).toBe(2);
    expect(t.snapshot()).toEqual(before);
  });

  it('--dry-run=client prints the manifest as it would be sent', async () => {
    const before = t.snapshot();
    const r = await t.run([
      'replace',
      '-f',
      t.file('new.yaml', REPLACEMENT),
      '--dry-run=client',
      '-o',
      'yaml',
    ]);
    expect(r.stdout).toBe(SENT);
    expect(t.snapshot()).toEqual(before);
  });

  it('prints several objects with -o as one printer does (--- between YAML documents)', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    await t.create('cm.yaml', cm);
    const both = t.file('both.yaml', `${cm}---\n${REPLACEMENT}`);
    const names = await t.run(['replace', '-f', both, '-o', 'jsonpath={.kind}/{.metadata.name} ']);
    expect(names).toEqual({ code: 0, stdout: 'ConfigMap/c Deployment/web ', stderr: '' });
    const yaml = await t.run(['replace', '-f', both, '-o', 'yaml', '--dry-run=client']);
    expect(yaml.stdout).toBe(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n---\n${SENT}`,
    );
  });

  it('--save-config records the manifest', async () => {
    await t.run(['replace', '-f', t.file('new.yaml', REPLACEMENT), '--save-config']);
    const recorded = t.get('deploy', 'web')!.metadata.annotations[
      'kubectl.kubernetes.io/last-applied-configuration'
    ];
    expect(JSON.parse(recorded).spec.replicas).toBe(2);
  });
});

describe('replace --force', () => {
  it('deletes the object, waits until it is gone, and creates it again', async () => {
    const uid = t.get('deploy', 'web')!.metadata.uid;
    const r = await t.run(['replace', '--force', '-f', t.file('new.yaml', REPLACEMENT)]);
    expect(r).toEqual({
      code: 0,
      stdout: 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n',
      stderr: '',
    });
    const after = t.get('deploy', 'web')!;
    expect([after.metadata.uid === uid, after.metadata.generation, after.spec.replicas]).toEqual([
      false,
      1,
      2,
    ]);
  });

  it('creates what does not exist, and prints -o yaml', async () => {
    const path = t.file('f.yaml', REPLACEMENT.replace('name: web', 'name: fresh'));
    const r = await t.run(['replace', '--force', '-f', path, '-o', 'yaml', '--grace-period=0']);
    expect(r.code).toBe(0);
    expect(stable(r.stdout).split('\n').slice(0, 9)).toEqual([
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  creationTimestamp: "TIME"',
      '  generation: 1',
      '  name: fresh',
      '  namespace: default',
      `  resourceVersion: "${t.get('deploy', 'fresh')!.metadata.resourceVersion}"`,
      '  uid: UID',
    ]);
  });
});

describe('replace flag errors', () => {
  it.each([
    [['replace'], 'error: must specify one of -f and -k\n'],
    [['replace', '-f', 'x.yaml', '--grace-period=5'], 'error: --grace-period must have --force specified\n'],
    [['replace', '-f', 'x.yaml', '--grace-period=0'], 'error: --grace-period must have --force specified\n'],
    [['replace', '-f', 'x.yaml', '--timeout=5s'], 'error: --timeout must have --force specified\n'],
    [
      ['replace', '-f', 'x.yaml', '--force', '--dry-run=server'],
      'error: --dry-run can not be used when --force is set\n',
    ],
    [['replace', '-f', 'no-such.yaml'], 'error: the path "no-such.yaml" does not exist\n'],
    // The texts below are kubectl 1.32's (delete's --cascade, pflag's value errors).
    [
      ['replace', '-f', 'x.yaml', '--cascade=sideways'],
      'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n',
    ],
    [
      ['replace', '-f', 'x.yaml', '--cascade=true', '--force', '--dry-run=client'],
      'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\nerror: --dry-run can not be used when --force is set\n',
    ],
    [
      ['replace', '-f', 'x.yaml', '--grace-period=x'],
      `error: invalid argument "x" for "--grace-period" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'mkube replace --help' for usage.\n`,
    ],
    [
      ['replace', '-f', 'x.yaml', '--wait=maybe'],
      `error: invalid argument "maybe" for "--wait" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee 'mkube replace --help' for usage.\n`,
    ],
  ])('%j', async (args, stderr) => {
    expect(await t.run(args)).toEqual({ code: 1, stdout: '', stderr });
  });
});
