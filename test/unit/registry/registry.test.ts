// The registry, one table per operation, against a real temp state directory: what each write
// stores (whole objects), the API server's errors (whole messages), and that a dry run — the same
// path with the commit left out — leaves the state directory byte-identical.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors.js';
import { InvalidError } from '../../../src/api/field-errors.js';
import { lookupKind, NAMESPACE, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Registry } from '../../../src/registry/registry.js';
import { tokenVolume } from '../../../src/registry/strategies/pod-token-volume.js';
import { TempState } from '../validation/cli-ctx.js';

const DEPLOY = lookupKind('deployments')!;
const CM = lookupKind('configmaps')!;

let state: TempState;
let registry: Registry;
beforeEach(() => {
  state = new TempState();
  registry = new Registry(state.getStore());
});
afterEach(() => state.cleanup());

const configMap = (name: string, data: Record<string, string> = { a: '1' }, extra: object = {}): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data,
    ...extra,
  }) as KObject;

const pod = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
});

const deployment = (name: string): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    },
  },
});

/** The message and reason of what `fn` throws. */
async function failure(fn: () => Promise<unknown>): Promise<{ reason: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError) return { reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

/** Identity fields vary run to run; everything else is asserted whole. */
/** Without what changes from run to run (managedFields are proved in registry-managed-fields.test.ts). */
function stable(obj: KObject | undefined): unknown {
  if (!obj) return obj;
  const {
    uid: _u,
    creationTimestamp: _c,
    resourceVersion: _r,
    managedFields: _m,
    ...metadata
  } = obj.metadata;
  return { ...obj, metadata };
}

describe('create', () => {
  it('stores the defaulted object with the server-owned metadata', async () => {
    const created = await registry.create(pod('web'));
    // The ServiceAccount admission plugin's token volume, mounted in every container.
    const apiAccess = created.spec.volumes[0].name;
    expect(apiAccess).toMatch(/^kube-api-access-[b-z2-9]{5}$/);
    expect(stable(created)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            imagePullPolicy: 'IfNotPresent',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: [
              { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: apiAccess, readOnly: true },
            ],
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: expect.any(Array),
        volumes: [tokenVolume(apiAccess)],
      },
      status: { phase: 'Pending' },
    });
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(registry.get(POD, 'default', 'web')).toEqual(created);
  });

  it('writes nothing for a dry run, and returns the object as it would be stored (no resourceVersion)', async () => {
    const before = state.snapshot();
    const result = await registry.create(configMap('dry'), { dryRun: true });
    expect(state.snapshot()).toEqual(before);
    expect(result.metadata.resourceVersion).toBeUndefined();
    expect(result.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(stable(result)).toEqual({
      ...configMap('dry'),
      metadata: { name: 'dry', namespace: 'default', generation: 1 },
    });
  });

  it.each([
    [
      'an unknown field, strictly',
      configMap('x', { a: '1' }, { bogus: 1 }),
      {},
      'BadRequest',
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    ],
    [
      'a wrong type',
      configMap('x', { a: 1 } as never),
      {},
      'BadRequest',
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    ],
    [
      'an invalid name',
      configMap('Not_OK'),
      {},
      'Invalid',
      `The ConfigMap "Not_OK" is invalid: metadata.name: Invalid value: "Not_OK": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      'a missing namespace',
      { ...configMap('x'), metadata: { name: 'x', namespace: 'nope' } },
      {},
      'NotFound',
      'namespaces "nope" not found',
    ],
    ['an existing name', configMap('taken'), {}, 'AlreadyExists', 'configmaps "taken" already exists'],
    [
      'an existing name, on a dry run too',
      configMap('taken'),
      { dryRun: true },
      'AlreadyExists',
      'configmaps "taken" already exists',
    ],
    [
      'a kind the registry does not serve',
      { apiVersion: 'v9', kind: 'Nope', metadata: { name: 'x' } },
      {},
      'BadRequest',
      'no matches for kind "Nope" in version "v9"',
    ],
  ])('refuses %s and writes nothing', async (_name, obj, opts, reason, message) => {
    await registry.create(configMap('taken'));
    const before = state.snapshot();
    expect(await failure(() => registry.create(obj as KObject, opts))).toEqual({ reason, message });
    expect(state.snapshot()).toEqual(before);
  });

  it('refuses a new object in a terminating namespace', async () => {
    await registry.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } });
    await registry.create({ ...configMap('keep'), metadata: { name: 'keep', namespace: 'going' } });
    await registry.delete(NAMESPACE, undefined, 'going');
    const before = state.snapshot();
    const attempt = { ...configMap('late'), metadata: { name: 'late', namespace: 'going' } };
    const expected = {
      reason: 'Forbidden',
      message:
        'configmaps "late" is forbidden: unable to create new content in namespace going because it is being terminated',
    };
    expect(await failure(() => registry.create(attempt))).toEqual(expected);
    expect(await failure(() => registry.create(attempt, { dryRun: true }))).toEqual(expected);
    expect(state.snapshot()).toEqual(before);
  });

  it('warns about and drops unknown fields with fieldValidation Warn, drops them silently with Ignore', async () => {
    const warnings: string[] = [];
    const warned = await registry.create(configMap('w', { a: '1' }, { bogus: 1 }), {
      fieldValidation: 'Warn',
      warn: (w) => warnings.push(w),
    });
    const ignored = await registry.create(configMap('i', { a: '1' }, { bogus: 1 }), {
      fieldValidation: 'Ignore',
      warn: (w) => warnings.push(w),
    });
    expect(warnings).toEqual(['unknown field "bogus"']);
    expect([warned.bogus, ignored.bogus]).toEqual([undefined, undefined]);
  });

  it("words an invalid object as the API server, which never knows a file's lines", async () => {
    const err = await registry.create(configMap('Bad_Name')).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as InvalidError).message).toBe(
      "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });
});

describe('update and mutate', () => {
  it('updates with defaults applied, bumps generation on a spec change, and refuses a stale resourceVersion', async () => {
    const created = await registry.create(deployment('web'));
    const updated = await registry.update({
      ...deployment('web'),
      spec: { ...deployment('web').spec, replicas: 3 },
    });
    expect([updated.metadata.generation, updated.spec.replicas, updated.spec.strategy.type]).toEqual([
      2,
      3,
      'RollingUpdate',
    ]);
    const stale = { ...created, spec: { ...created.spec, replicas: 5 } };
    expect(await failure(() => registry.update(stale))).toEqual({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('refuses a change to an immutable field and writes nothing, dry run or not', async () => {
    await registry.create(deployment('web'));
    const before = state.snapshot();
    const change = (d: KObject) => ({
      ...d,
      spec: { ...d.spec, selector: { matchLabels: { app: 'other' } } },
    });
    for (const dryRun of [false, true]) {
      const f = await failure(() => registry.mutate(DEPLOY, 'default', 'web', change, { dryRun }));
      expect(f).toEqual({
        reason: 'Invalid',
        message: [
          'The Deployment "web" is invalid: ',
          '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
          '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
        ].join('\n'),
      });
    }
    expect(state.snapshot()).toEqual(before);
  });

  it('returns the would-be object for a dry run and leaves the state alone', async () => {
    await registry.create(configMap('cm'));
    const before = state.snapshot();
    const result = await registry.mutate(CM, 'default', 'cm', (c) => ({ ...c, data: { a: '2' } }), {
      dryRun: true,
    });
    expect(result?.data).toEqual({ a: '2' });
    expect(state.snapshot()).toEqual(before);
    expect(registry.get(CM, 'default', 'cm')?.data).toEqual({ a: '1' });
  });

  it('writes only status through the status subresource, and nothing when the mutation declines', async () => {
    await registry.create(deployment('web'));
    const s = await registry.mutate(
      DEPLOY,
      'default',
      'web',
      (d) => ({ ...d, spec: { ...d.spec, replicas: 9 }, status: { replicas: 1 } }),
      { subresource: 'status' },
    );
    expect([s?.spec.replicas, s?.status, s?.metadata.generation]).toEqual([1, { replicas: 1 }, 1]);
    const before = state.snapshot();
    expect(await registry.mutate(DEPLOY, 'default', 'web', () => undefined)).toBeUndefined();
    expect(state.snapshot()).toEqual(before);
  });
});

describe('bind', () => {
  it('sets spec.nodeName once, which a plain update may not change', async () => {
    const p = await registry.create(pod('web'));
    expect((await registry.bind('default', 'web', p.metadata.uid, 'node-a'))?.spec.nodeName).toBe('node-a');
    expect(await registry.bind('default', 'web', p.metadata.uid, 'node-b')).toBeUndefined();
    const f = await failure(() =>
      registry.mutate(POD, 'default', 'web', (c) => ({ ...c, spec: { ...c.spec, nodeName: 'node-c' } })),
    );
    expect(f.reason).toBe('Invalid');
    expect(registry.get(POD, 'default', 'web')?.spec.nodeName).toBe('node-a');
  });
});

describe('delete and deleteCollection', () => {
  it('leaves the object for a dry run and removes it otherwise', async () => {
    await registry.create(configMap('cm'));
    const before = state.snapshot();
    await registry.delete(CM, 'default', 'cm', { dryRun: true });
    expect(state.snapshot()).toEqual(before);
    await registry.delete(CM, 'default', 'cm');
    expect(registry.get(CM, 'default', 'cm')).toBeUndefined();
    expect(await failure(() => registry.delete(CM, 'default', 'cm'))).toEqual({
      reason: 'NotFound',
      message: 'configmaps "cm" not found',
    });
  });

  it('deletes what the selection keeps and reports each failure', async () => {
    for (const n of ['a', 'b', 'c']) await registry.create(configMap(n));
    const { deleted, errors } = await registry.deleteCollection(CM, {
      namespace: 'default',
      select: (o) => o.metadata.name !== 'b',
    });
    expect(deleted.map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(errors).toEqual([]);
    expect(registry.list(CM, { namespace: 'default' }).map((o) => o.metadata.name)).toEqual(['b']);
  });
});
