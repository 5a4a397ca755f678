// `apply --prune`, `--force` and `-k` against a real state directory (no agent): what is pruned
// and printed, kubectl's flag checks, and an immutable-field change done by delete and create.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePruneAllowlist, validateApplyModes } from '../../../src/commands/apply-prune.js';
import { TempStore } from './harness.js';

const cm = (name: string, labels = 'set: x') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels: {${labels}}
data: {a: "1"}
`;

const deploy = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  labels: {set: x}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers: [{name: c, image: busybox:1.36}]
`;

let t: TempStore;
const file = (name: string, text: string) => {
  const path = join(t.home, name);
  writeFileSync(path, text);
  return path;
};

beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

describe('apply --prune', () => {
  it('deletes what the selector matches, was applied before and is not applied now', async () => {
    const all = file('all.yaml', [cm('one'), cm('two'), cm('other', 'set: z'), deploy('d')].join('---\n'));
    expect((await t.run(['apply', '-f', all])).out).toBe(
      'configmap/one created\nconfigmap/two created\nconfigmap/other created\ndeployment.apps/d created\n',
    );
    // Not applied, so never pruned: no last-applied annotation.
    await t.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'made', labels: { set: 'x' } } });
    const one = file('one.yaml', cm('one'));
    expect(await t.run(['apply', '-f', one, '--prune', '-l', 'set=x', '--dry-run=client'])).toEqual({
      code: 0,
      out: 'configmap/one unchanged (dry run)\nconfigmap/two pruned (dry run)\ndeployment.apps/d pruned (dry run)\n',
      err: '',
    });
    expect(t.get('cm', 'two')).toBeDefined();
    expect(await t.run(['apply', '-f', one, '--prune', '-l', 'set=x'])).toEqual({
      code: 0,
      out: 'configmap/one unchanged\nconfigmap/two pruned\ndeployment.apps/d pruned\n',
      err: '',
    });
    expect([t.get('cm', 'two'), t.get('deploy', 'd'), !!t.get('cm', 'other'), !!t.get('cm', 'made')]).toEqual(
      [undefined, undefined, true, true],
    );
  });

  it('--all with an allowlist prunes only the kinds listed', async () => {
    await t.run(['apply', '-f', file('all.yaml', [cm('one'), cm('two'), deploy('d')].join('---\n'))]);
    const r = await t.run([
      'apply',
      '-f',
      file('one.yaml', cm('one')),
      '--prune',
      '--all',
      '--prune-allowlist=apps/v1/Deployment',
      '-o',
      'name',
    ]);
    expect(r).toEqual({ code: 0, out: 'configmap/one\ndeployment.apps/d\n', err: '' });
    expect(!!t.get('cm', 'two')).toBe(true);
  });

  it('prunes nothing when an object fails to apply', async () => {
    await t.run(['apply', '-f', file('all.yaml', [cm('one'), cm('two')].join('---\n'))]);
    const bad = file(
      'bad.yaml',
      `${cm('one')}---\napiVersion: v1\nkind: Nope\nmetadata:\n  name: bad\n  labels: {set: x}\n`,
    );
    const r = await t.run(['apply', '-f', bad, '--prune', '-l', 'set=x']);
    expect(r).toEqual({
      code: 1,
      out: 'configmap/one unchanged\n',
      err: `error: resource mapping not found for name: "bad" namespace: "" from "${bad}": no matches for kind "Nope" in version "v1"\nensure CRDs are installed first\n`,
    });
    expect(!!t.get('cm', 'two')).toBe(true);
  });
});

describe('apply flag checks (ApplyOptions.Validate)', () => {
  const base = { dryRun: 'none' as const };
  it.each([
    [
      { prune: true },
      'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
    ],
    [{ prune: true, all: true, selector: 'a=b' }, 'cannot set --all and --selector at the same time'],
    [{ prune: true, all: true, force: true }, '--force cannot be used with --prune'],
    [
      { prune: true, all: true, serverSide: true },
      "--prune is in alpha and doesn't currently work on objects created by server-side apply",
    ],
    [{ force: true, serverSide: true }, '--force cannot be used with --server-side'],
    [{ force: true, dryRun: 'server' as const }, '--dry-run=server cannot be used with --force'],
  ])('%j', (flags, message) => {
    expect(() => validateApplyModes({ ...base, ...flags })).toThrow(message);
  });
  it('accepts prune with a selector or --all', () => {
    expect(() => validateApplyModes({ ...base, prune: true, selector: 'a=b' })).not.toThrow();
    expect(() => validateApplyModes({ ...base, prune: true, all: true })).not.toThrow();
  });
  it('reads --prune-allowlist as kubectl does', () => {
    expect(parsePruneAllowlist(['core/v1/ConfigMap', 'apps/v1/Deployment']).map((k) => k.plural)).toEqual([
      'configmaps',
      'deployments',
    ]);
    expect(parsePruneAllowlist([]).length).toBe(16);
    expect(() => parsePruneAllowlist(['v1/ConfigMap'])).toThrow(
      'invalid GroupVersionKind format: v1/ConfigMap, please follow <group/version/kind>',
    );
    expect(() => parsePruneAllowlist(['apps/v1/Nope'])).toThrow(
      'no matches for kind "Nope" in version "apps/v1"',
    );
  });
});

describe('apply --force', () => {
  it('replaces an object whose change the server refuses (an immutable selector)', async () => {
    await t.run(['apply', '-f', file('d1.yaml', deploy('a'))]);
    const before = t.get('deploy', 'd')!.metadata.uid;
    const refused = await t.run(['apply', '-f', file('d2.yaml', deploy('b'))]);
    expect(refused.code).toBe(1);
    expect(await t.run(['apply', '-f', join(t.home, 'd2.yaml'), '--force'])).toEqual({
      code: 0,
      out: 'deployment.apps/d configured\n',
      err: '',
    });
    const after = t.get('deploy', 'd')!;
    expect([after.metadata.uid === before, after.spec.selector]).toEqual([
      false,
      { matchLabels: { app: 'b' } },
    ]);
  });
});

describe('apply -k', () => {
  it('applies the build with the names kustomize gives', async () => {
    await t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kz' } });
    const dir = join(import.meta.dirname, '../../e2e/fixtures/kustomize/overlay');
    expect(await t.run(['apply', '-k', dir])).toEqual({
      code: 0,
      out: 'configmap/prod-app-config-h48kcdfcmc created\nservice/prod-app created\ndeployment.apps/prod-app created\n',
      err: '',
    });
    const env = t.get('deploy', 'prod-app', 'kz')!.spec.template.spec.containers[0].env;
    expect(env).toEqual([
      {
        name: 'GREETING',
        valueFrom: { configMapKeyRef: { name: 'prod-app-config-h48kcdfcmc', key: 'greeting' } },
      },
    ]);
    expect((await t.run(['get', '-k', dir, '-o', 'name'])).out).toBe(
      'configmap/prod-app-config-h48kcdfcmc\nservice/prod-app\ndeployment.apps/prod-app\n',
    );
    expect(await t.run(['apply', '-k', dir, '-f', 'x.yaml'])).toEqual({
      code: 1,
      out: '',
      err: 'error: only one of -f or -k can be specified\n',
    });
  });
});

describe('apply --overwrite=false', () => {
  it('applies an unchanged manifest, and refuses a patch over changes since the last apply', async () => {
    const one = file('one.yaml', cm('one'));
    await t.run(['apply', '-f', one]);
    expect(await t.run(['apply', '-f', one, '--overwrite=false'])).toEqual({
      code: 0,
      out: 'configmap/one unchanged\n',
      err: '',
    });
    const changed = file('changed.yaml', cm('one').replace('a: "1"', 'a: "2"'));
    const live = t.get('cm', 'one')!;
    const { uid, resourceVersion, creationTimestamp } = live.metadata;
    // kubectl prints the current object as the server returns it: with its managedFields.
    const time = live.metadata.managedFields![0]!.time;
    const recorded = (a: string) =>
      `{"apiVersion":"v1","data":{"a":"${a}"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"set":"x"},"name":"one","namespace":"default"}}`;
    const annotation = (a: string) => JSON.stringify(`${recorded(a)}\n`);
    expect(await t.run(['apply', '-f', changed, '--overwrite=false'])).toEqual({
      code: 1,
      out: '',
      err: `error: error when creating patch with:
original:
${recorded('1')}

modified:
{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":${annotation('2')}},"labels":{"set":"x"},"name":"one","namespace":"default"}}
current:
{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":${annotation('1')}},"creationTimestamp":"${creationTimestamp}","generation":1,"labels":{"set":"x"},"managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:set":{}}}},"manager":"kubectl-client-side-apply","operation":"Update","time":"${time}"}],"name":"one","namespace":"default","resourceVersion":"${resourceVersion}","uid":"${uid}"}}
for: "${changed}": patch:
data:
  a: "2"
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      ${recorded('2')}

conflicts with changes made from original to current:
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      ${recorded('1')}
  creationTimestamp: "${creationTimestamp}"
  generation: 1
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:data:
        .: {}
        f:a: {}
      f:metadata:
        f:annotations:
          .: {}
          f:kubectl.kubernetes.io/last-applied-configuration: {}
        f:labels:
          .: {}
          f:set: {}
    manager: kubectl-client-side-apply
    operation: Update
    time: "${time}"
  resourceVersion: "${resourceVersion}"
  uid: ${uid}

`,
    });
    expect(t.get('cm', 'one')!.data).toEqual({ a: '1' });
  });
});
