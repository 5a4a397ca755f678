// The field manager: managedFields recorded by updates, and server-side apply (merge, ownership,
// pruning, conflicts), on whole objects with whole managedFields and whole messages.
import { describe, expect, it } from 'vitest';
import {
  ApplyConflictError,
  type ManagedFieldsEntry,
  managedFieldsAfterUpdate,
  serverSideApply,
} from '../../../../src/api/ssa/index.js';
import type { KObject } from '../../../../src/api/types.js';

const T1 = '2026-12-02T03:00:00Z';
const T2 = '2026-12-02T03:05:00Z';

/** A Deployment as `kubectl create` stores it (defaults abridged). */
const created: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '5',
    generation: 1,
    creationTimestamp: T1,
    labels: { app: 'web' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
        restartPolicy: 'Always',
      },
    },
  },
  status: {},
};

const createEntry: ManagedFieldsEntry = {
  manager: 'kubectl-create',
  operation: 'Update',
  apiVersion: 'apps/v1',
  time: T1,
  fieldsType: 'FieldsV1',
  fieldsV1: {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:replicas': {},
      'f:selector': {},
      'f:strategy': {
        'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
        'f:type': {},
      },
      'f:template': {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"nginx"}': {
              '.': {},
              'f:image': {},
              'f:name': {},
              'f:ports': {
                '.': {},
                'k:{"containerPort":80,"protocol":"TCP"}': {
                  '.': {},
                  'f:containerPort': {},
                  'f:protocol': {},
                },
              },
            },
          },
          'f:restartPolicy': {},
        },
      },
    },
  },
};

const withReplicas = (obj: KObject, replicas: number, managedFields?: ManagedFieldsEntry[]): KObject => ({
  ...obj,
  metadata: { ...obj.metadata, ...(managedFields ? { managedFields } : {}) },
  spec: { ...obj.spec, replicas },
});

describe('managedFieldsAfterUpdate', () => {
  it('gives a create every field it set, marking maps, lists and optional structs it added with "."', () => {
    expect(
      managedFieldsAfterUpdate({ live: undefined, next: created, manager: 'kubectl-create', now: T1 }),
    ).toEqual([createEntry]);
  });

  it('moves a changed field to the writer (kubectl scale: manager kubectl, subresource scale)', () => {
    const live = { ...created, metadata: { ...created.metadata, managedFields: [createEntry] } };
    const { 'f:replicas': _r, ...specWithoutReplicas } = createEntry.fieldsV1['f:spec']!;
    expect(
      managedFieldsAfterUpdate({
        live,
        next: withReplicas(live, 3),
        manager: 'kubectl',
        subresource: 'scale',
        now: T2,
      }),
    ).toEqual([
      { ...createEntry, fieldsV1: { ...createEntry.fieldsV1, 'f:spec': specWithoutReplicas } },
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T2,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        subresource: 'scale',
      },
    ]);
  });

  it('records a status write under subresource status, owning only status', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Pending' },
    };
    const running = { ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(
      managedFieldsAfterUpdate({
        live: pod,
        next: running,
        manager: 'kubelet',
        subresource: 'status',
        now: T2,
      }),
    ).toEqual([
      {
        manager: 'kubelet',
        operation: 'Update',
        apiVersion: 'v1',
        time: T2,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:status': {
            'f:conditions': { '.': {}, 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } },
            'f:phase': {},
          },
        },
        subresource: 'status',
      },
    ]);
  });

  it('records nothing for a write that changes nothing', () => {
    const live = { ...created, metadata: { ...created.metadata, managedFields: [createEntry] } };
    expect(managedFieldsAfterUpdate({ live, next: live, manager: 'kubectl-edit', now: T2 })).toEqual([
      createEntry,
    ]);
  });
});

/** The configuration `kubectl apply --server-side` sends. */
const manifest: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
};

const applyFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    },
  },
};

const applyEntry: ManagedFieldsEntry = {
  manager: 'kubectl',
  operation: 'Apply',
  apiVersion: 'apps/v1',
  time: T1,
  fieldsType: 'FieldsV1',
  fieldsV1: applyFields,
};

/** What the store holds after the apply created it (server fields and a default added). */
const applied: KObject = {
  ...manifest,
  metadata: { ...manifest.metadata, uid: 'u1', resourceVersion: '7', managedFields: [applyEntry] },
  spec: { ...manifest.spec, revisionHistoryLimit: 10 },
};

const scaleEntry: ManagedFieldsEntry = {
  manager: 'kubectl',
  operation: 'Update',
  apiVersion: 'apps/v1',
  time: T1,
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:spec': { 'f:replicas': {} } },
  subresource: 'scale',
};
const { 'f:replicas': _r, ...applySpecWithoutReplicas } = applyFields['f:spec'];
/** The apply's deployment after `kubectl scale --replicas=5`. */
const scaled = withReplicas(applied, 5, [
  { ...applyEntry, fieldsV1: { ...applyFields, 'f:spec': applySpecWithoutReplicas } },
  scaleEntry,
]);

describe('serverSideApply', () => {
  it('creates the object with one Apply entry owning exactly what was applied', () => {
    expect(
      serverSideApply({ live: undefined, applied: manifest, manager: 'kubectl', force: false, now: T1 }),
    ).toEqual({
      object: { ...manifest, metadata: { ...manifest.metadata, managedFields: [applyEntry] } },
    });
  });

  it('changes nothing when the same configuration is applied again (same managedFields, same time)', () => {
    expect(
      serverSideApply({ live: applied, applied: manifest, manager: 'kubectl', force: false, now: T2 }),
    ).toEqual({
      object: applied,
    });
  });

  it('refuses to change a field another manager owns, with the API server message and causes', () => {
    const result = serverSideApply({
      live: scaled,
      applied: manifest,
      manager: 'kubectl',
      force: false,
      now: T2,
    });
    expect(result).toEqual({
      conflicts: [
        {
          manager: '"kubectl" with subresource "scale" using apps/v1',
          managerId:
            '{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1","subresource":"scale"}',
          path: '.spec.replicas',
        },
      ],
    });
    const err = new ApplyConflictError(result.conflicts!);
    expect([err.reason, err.code, err.message, err.details]).toEqual([
      'Conflict',
      409,
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
      {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl" with subresource "scale" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
    ]);
  });

  it('with force takes the field: the other manager loses it (and its entry, now empty)', () => {
    expect(
      serverSideApply({ live: scaled, applied: manifest, manager: 'kubectl', force: true, now: T2 }),
    ).toEqual({
      object: withReplicas(applied, 2, [{ ...applyEntry, time: T2 }]),
    });
  });

  it('co-owns a field applied with the value it has: no conflict', () => {
    const same = withReplicas(manifest, 5);
    const { object } = serverSideApply({
      live: scaled,
      applied: same,
      manager: 'kubectl',
      force: false,
      now: T2,
    });
    expect(object?.metadata.managedFields).toEqual([applyEntry, scaleEntry]);
  });

  it('lists several conflicts per manager, as the API server words them', () => {
    const csa: ManagedFieldsEntry = {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: createEntry.fieldsV1,
    };
    const live = { ...created, metadata: { ...created.metadata, managedFields: [csa] } };
    const result = serverSideApply({ live, applied: manifest, manager: 'kubectl', force: false, now: T2 });
    expect(new ApplyConflictError(result.conflicts!).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    const newImage = structuredClone(manifest);
    newImage.spec.template.spec.containers[0].image = 'nginx:1.28';
    const two = serverSideApply({ live, applied: newImage, manager: 'kubectl', force: false, now: T2 });
    expect(new ApplyConflictError(two.conflicts!).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('removes what the manager applied before and no longer applies, unless another manager owns it', () => {
    const twoLabels = structuredClone(manifest);
    twoLabels.metadata.labels = { app: 'web', tier: 'front' };
    const first = serverSideApply({
      live: undefined,
      applied: twoLabels,
      manager: 'kubectl',
      force: false,
      now: T1,
    });
    const live = first.object!;
    expect(serverSideApply({ live, applied: manifest, manager: 'kubectl', force: false, now: T2 })).toEqual({
      object: {
        ...manifest,
        metadata: { ...manifest.metadata, managedFields: [{ ...applyEntry, time: T2 }] },
      },
    });

    const labelEntry: ManagedFieldsEntry = {
      manager: 'kubectl-label',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } },
    };
    const shared = {
      ...live,
      metadata: { ...live.metadata, managedFields: [...live.metadata.managedFields!, labelEntry] },
    };
    const kept = serverSideApply({
      live: shared,
      applied: manifest,
      manager: 'kubectl',
      force: false,
      now: T2,
    });
    expect(kept.object?.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(kept.object?.metadata.managedFields).toEqual([applyEntry, labelEntry]);
  });

  it('merges associative lists by key and keeps items others added', () => {
    const live = structuredClone(applied);
    live.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    const bumped = structuredClone(manifest);
    bumped.spec.template.spec.containers[0].image = 'nginx:1.28';
    const { object } = serverSideApply({ live, applied: bumped, manager: 'kubectl', force: false, now: T2 });
    expect(object?.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.28' },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });
});

describe('serverSideApply upgrading from client-side apply', () => {
  const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
  const csa: ManagedFieldsEntry = { ...createEntry, manager: 'kubectl-client-side-apply' };
  const live: KObject = {
    ...created,
    metadata: {
      ...created.metadata,
      annotations: { [LAST_APPLIED]: JSON.stringify(manifest) },
      managedFields: [csa],
    },
  };
  const bumped = withReplicas(manifest, 3);

  it('lets kubectl take the fields the last-applied configuration names (lastappliedmanager.go)', () => {
    const { object } = serverSideApply({ live, applied: bumped, manager: 'kubectl', force: false, now: T2 });
    const { 'f:replicas': _taken, ...csaSpec } = csa.fieldsV1['f:spec']!;
    expect([object?.spec.replicas, object?.metadata.managedFields]).toEqual([
      3,
      [
        { ...applyEntry, time: T2 },
        { ...csa, fieldsV1: { ...csa.fieldsV1, 'f:spec': csaSpec } },
      ],
    ]);
  });

  it('still conflicts for another manager name', () => {
    const result = serverSideApply({ live, applied: bumped, manager: 'ci', force: false, now: T2 });
    expect(new ApplyConflictError(result.conflicts!).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
  });
});

describe('atomic maps', () => {
  it("owns and replaces a Service's selector whole (+mapType=atomic)", () => {
    const svc = (selector: Record<string, string>): KObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: { selector, ports: [{ port: 80 }] },
    });
    const first = serverSideApply({
      live: undefined,
      applied: svc({ app: 'a', tier: 't' }),
      manager: 'k',
      force: false,
      now: T1,
    });
    const second = serverSideApply({
      live: first.object,
      applied: svc({ app: 'b' }),
      manager: 'k',
      force: false,
      now: T2,
    });
    expect([second.object?.spec, second.object?.metadata.managedFields?.[0]?.fieldsV1]).toEqual([
      { selector: { app: 'b' }, ports: [{ port: 80 }] },
      {
        'f:spec': {
          'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } },
          'f:selector': {},
        },
      },
    ]);
  });
});
