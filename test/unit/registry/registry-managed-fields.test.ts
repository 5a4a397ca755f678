// The registry records managedFields on every write path (create, update, status, patch) with
// the caller's field manager, and serves server-side apply (create, conflict, force).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import { ApplyConflictError } from '../../../src/api/ssa/index.js';
import type { KObject } from '../../../src/api/types.js';
import { Registry } from '../../../src/registry/registry.js';
import { openStore } from '../../../src/state/store.js';

const CM = lookupKind('configmaps')!;
let home: string;
let registry: Registry;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mkube-mf-'));
  registry = new Registry(openStore(home));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const cm = (data: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'default' },
  data,
});

/** Entries without their times (which the clock decides, and which order them), by manager. */
const owners = (o: KObject) =>
  o.metadata.managedFields!.map(({ time: _t, ...e }) => e).sort((a, b) => (a.manager! < b.manager! ? -1 : 1));

describe('managedFields on the write path', () => {
  it('records the create, an update by another manager, and a patch', async () => {
    await registry.create(cm({ a: '1' }), { fieldManager: 'kubectl-create' });
    await registry.mutate(CM, 'default', 'c', (c) => ({ ...c, data: { ...c.data, b: '2' } }), {
      fieldManager: 'kubectl-edit',
    });
    const patched = await registry.patch(CM, 'default', 'c', 'merge', '{"data":{"a":"3"}}', {});
    expect(owners(patched)).toEqual([
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:a': {} } },
      },
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        // It still owns the map itself (a member without children is written `{}`).
        fieldsV1: { 'f:data': {} },
      },
      {
        manager: 'kubectl-edit',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:b': {} } },
      },
    ]);
  });

  it('applies server-side: creates, refuses to take a field another manager owns, takes it when forced', async () => {
    const created = await registry.apply(CM, 'default', 'c', cm({ a: '1' }), { fieldManager: 'mine' });
    expect([created.data, owners(created)]).toEqual([
      { a: '1' },
      [
        {
          manager: 'mine',
          operation: 'Apply',
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:a': {} } },
        },
      ],
    ]);
    await registry.mutate(CM, 'default', 'c', (c) => ({ ...c, data: { a: '2' } }), { fieldManager: 'other' });
    const refused = await registry
      .apply(CM, 'default', 'c', cm({ a: '1' }), { fieldManager: 'mine' })
      .catch((e) => e);
    expect([refused instanceof ApplyConflictError, refused.message]).toEqual([
      true,
      'Apply failed with 1 conflict: conflict with "other" using v1: .data.a',
    ]);
    const forced = await registry.apply(CM, 'default', 'c', cm({ a: '1' }), {
      fieldManager: 'mine',
      force: true,
    });
    expect([forced.data, owners(forced)]).toEqual([
      { a: '1' },
      [
        {
          manager: 'mine',
          operation: 'Apply',
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:a': {} } },
        },
      ],
    ]);
  });
});
