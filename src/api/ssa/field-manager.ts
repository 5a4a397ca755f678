// The API server's field manager (k8s.io/apimachinery managedfields, over structured-merge-diff's
// merge.Updater): who owns which field of an object, kept in metadata.managedFields. An update
// gives its manager the fields it added or changed and takes them (and removed ones) from the
// others; an apply merges the applied configuration, drops what its manager applied before and no
// longer applies, and refuses to change a field another manager owns unless forced. Pure: the
// time is an input.

import { deepEqual } from '../json-equal.js';
import { STRUCTS } from '../schema/fields.gen.js';
import type { KObject } from '../types.js';
import {
  difference,
  emptySet,
  type FieldSet,
  type FieldsV1,
  fromFieldsV1,
  intersection,
  isEmpty,
  members,
  pathText,
  toFieldsV1,
  union,
} from './field-set.js';
import { merge, removeFields } from './merge.js';
import { fieldType, type SsaType, typeOfKind } from './schema.js';
import { compare, isObj, toFieldSet } from './walk.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

interface Managed {
  entry: Omit<ManagedFieldsEntry, 'fieldsV1' | 'fieldsType'>;
  set: FieldSet;
}

/** A manager's identity (BuildManagerIdentifier): no time, and an applier is one whatever its version. */
function identity(e: Managed['entry']): string {
  return JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    ...(e.operation === 'Update' ? { apiVersion: e.apiVersion } : {}),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  });
}

function decode(entries: unknown): Map<string, Managed> {
  const out = new Map<string, Managed>();
  for (const e of Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : []) {
    const { fieldsV1, fieldsType: _t, ...entry } = e;
    const id = identity(entry);
    const prev = out.get(id);
    out.set(id, { entry, set: union(prev?.set ?? emptySet(), fromFieldsV1(fieldsV1)) });
  }
  return out;
}

/** Entries as the API server sorts them: Apply before Update, then by time, manager, version. */
function encode(managed: Map<string, Managed>): ManagedFieldsEntry[] | undefined {
  const entries = [...managed.values()]
    .filter((m) => !isEmpty(m.set))
    .map(({ entry, set }) => ({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      ...(entry.time ? { time: entry.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: toFieldsV1(set),
      ...(entry.subresource ? { subresource: entry.subresource } : {}),
    }));
  const key = (e: ManagedFieldsEntry) => [
    e.operation,
    e.time ?? '',
    e.manager,
    e.apiVersion,
    e.subresource ?? '',
  ];
  entries.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const i = ka.findIndex((v, n) => v !== kb[n]);
    return i < 0 ? 0 : ka[i]! < kb[i]! ? -1 : 1;
  });
  return entries.length ? entries : undefined;
}

/** The object without metadata.managedFields (they are never part of what is compared or owned). */
function bare(obj: KObject): KObject {
  const { managedFields: _m, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

function withManaged(obj: KObject, managed: Map<string, Managed>): KObject {
  const managedFields = encode(managed);
  const { managedFields: _m, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata: managedFields ? { ...metadata, managedFields } : metadata };
}

const STRIPPED_META = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
];

/**
 * The fields nobody owns (stripmeta.go: type and identity), and the part a write cannot touch:
 * status for the main resource, all but status for the status subresource.
 */
function owned(set: FieldSet, subresource?: string): FieldSet {
  const out = union(set, emptySet());
  out.children.delete('f:apiVersion');
  out.children.delete('f:kind');
  const meta = out.children.get('f:metadata');
  if (meta) {
    meta.member = false;
    for (const f of STRIPPED_META) meta.children.delete(`f:${f}`);
    if (isEmpty(meta)) out.children.delete('f:metadata');
  }
  if (subresource === 'status') {
    for (const key of [...out.children.keys()]) if (key !== 'f:status') out.children.delete(key);
  } else out.children.delete('f:status');
  return out;
}

/**
 * What a create compares against: the Go zero value of the type, where non-pointer structs
 * (metadata, spec, a workload's template and strategy) are empty objects and required lists are
 * null. It decides only whether such a node is itself marked owned (`.`). Non-pointer structs are
 * told by field name, an approximation.
 */
const NON_POINTER_STRUCTS = new Set([
  'metadata',
  'spec',
  'status',
  'template',
  'strategy',
  'updateStrategy',
  'jobTemplate',
]);
function zeroOf(value: unknown, type: SsaType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObj(value) || type.t !== 'struct') return out;
  const required = new Set(STRUCTS[type.name]?.r ?? []);
  for (const [k, v] of Object.entries(value)) {
    const ft = fieldType(type, k).type;
    if (NON_POINTER_STRUCTS.has(k) && isObj(v)) out[k] = zeroOf(v, ft);
    else if (required.has(k) && (ft.t === 'list' || ft.t === 'map' || ft.t === 'struct')) out[k] = null;
  }
  return out;
}

export interface UpdateInput {
  /** The object before the write; undefined for a create. */
  live: KObject | undefined;
  /** The object to be stored (defaulted). */
  next: KObject;
  manager: string;
  /** `status` for a status write; `scale` for one through the scale subresource. */
  subresource?: string;
  /** RFC3339 time of the write. */
  now: string;
}

/**
 * What an update starts from (decodeLiveOrNew): managedFields the request sets replace the live
 * ones (one empty entry resets them), as kubectl's migration after a server-side apply relies on;
 * a request without them, and any subresource write, keeps the live ones.
 */
function startingManagedFields(u: UpdateInput): unknown {
  const sent = u.next.metadata?.managedFields as unknown[] | undefined;
  if (u.subresource || !Array.isArray(sent) || !sent.length) return u.live?.metadata.managedFields;
  if (sent.length === 1 && isObj(sent[0]) && !Object.keys(sent[0]).length) return [];
  return sent;
}

/** The managedFields an update (or create) leaves: Update entries, as the API server records them. */
export function managedFieldsAfterUpdate(u: UpdateInput): ManagedFieldsEntry[] | undefined {
  const type = typeOfKind(u.next.kind);
  const before = u.live ? bare(u.live) : zeroOf(u.next, type);
  const c = compare(before, bare(u.next), type);
  const changed = owned(union(c.added, c.modified), u.subresource === 'status' ? 'status' : undefined);
  const managed = decode(startingManagedFields(u));
  for (const [id, m] of managed) {
    m.set = difference(difference(m.set, changed), c.removed);
    if (isEmpty(m.set)) managed.delete(id);
  }
  if (!isEmpty(changed)) {
    const entry: Managed['entry'] = {
      manager: u.manager,
      operation: 'Update',
      apiVersion: u.next.apiVersion,
      time: u.now,
      ...(u.subresource ? { subresource: u.subresource } : {}),
    };
    const id = identity(entry);
    managed.set(id, { entry, set: union(managed.get(id)?.set ?? emptySet(), changed) });
  }
  return encode(managed);
}

export interface ApplyInput {
  /** The object as it is; undefined when the apply creates it. */
  live: KObject | undefined;
  /** The applied configuration (decoded, not defaulted). */
  applied: KObject;
  manager: string;
  force: boolean;
  now: string;
}

export interface ApplyConflict {
  /** printManager's text: `"kubectl-scale" with subresource "scale" using apps/v1`. */
  manager: string;
  /** The identity the message groups and sorts by. */
  managerId: string;
  path: string;
}

export type ApplyResult =
  | { object: KObject; conflicts?: undefined }
  | { conflicts: ApplyConflict[]; object?: undefined };

function printManager(e: Managed['entry']): string {
  const name =
    JSON.stringify(e.manager) + (e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : '');
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
}

/**
 * Server-side apply of `applied` by `manager`: the object to store (with its managedFields), or
 * the fields other managers own that it would change (none when `force`: it takes them).
 */
export function serverSideApply(a: ApplyInput): ApplyResult {
  const type = typeOfKind(a.applied.kind);
  const config = bare(a.applied);
  const entry: Managed['entry'] = {
    manager: a.manager,
    operation: 'Apply',
    apiVersion: a.applied.apiVersion,
  };
  const id = identity(entry);
  const appliedSet = owned(toFieldSet(config, type));
  if (!a.live) {
    return {
      object: withManaged(config, new Map([[id, { entry: { ...entry, time: a.now }, set: appliedSet }]])),
    };
  }
  const live = bare(a.live);
  const managed = decode(a.live.metadata.managedFields);
  const previous = managed.get(id);
  let merged = merge(live, config, type) as KObject;
  managed.set(id, { entry: { ...entry, time: previous?.entry.time }, set: appliedSet });
  if (previous) {
    // What it applied before and no longer does goes, unless another manager owns it.
    const keep = [...managed.values()].reduce((s, m) => union(s, m.set), emptySet());
    merged = removeFields(merged, difference(previous.set, appliedSet), keep, type) as KObject;
  }
  const c = compare(live, merged, type);
  const changed = owned(union(c.added, c.modified));
  const allowed = a.force ? undefined : lastAppliedFields(a.manager, a.live);
  const conflicts: ApplyConflict[] = [];
  for (const [otherId, m] of [...managed].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (otherId === id) continue;
    const taken = intersection(m.set, changed);
    for (const path of members(allowed ? difference(taken, allowed) : taken)) {
      conflicts.push({ manager: printManager(m.entry), managerId: otherId, path: pathText(path) });
    }
  }
  if (conflicts.length && !a.force) return { conflicts };
  // What is left was forgiven (kubectl's upgrade from client-side apply): taken as if forced.
  for (const [otherId, m] of managed) {
    if (otherId === id) continue;
    m.set = difference(difference(m.set, changed), c.removed);
    if (isEmpty(m.set)) managed.delete(otherId);
  }
  const self = managed.get(id)!;
  if (!deepEqual(live, merged) || !self.entry.time) self.entry.time = a.now;
  return { object: withManaged(merged, managed) };
}

/**
 * lastappliedmanager.go: `kubectl` (and only it) upgrading from client-side apply may take the
 * fields the last-applied-configuration annotation names without a conflict.
 */
function lastAppliedFields(manager: string, live: KObject): FieldSet | undefined {
  const text = live.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (manager !== 'kubectl' || !text) return undefined;
  try {
    const last = JSON.parse(text) as KObject;
    return owned(toFieldSet(last, typeOfKind(last.kind ?? live.kind)));
  } catch {
    return undefined;
  }
}

/** The API server's message for apply conflicts (managedfields internal/conflict.go). */
export function conflictMessage(conflicts: ApplyConflict[]): string {
  if (conflicts.length === 1) {
    const [c] = conflicts;
    return `Apply failed with 1 conflict: conflict with ${c!.manager}: ${c!.path}`;
  }
  const lines: string[] = [];
  let last: string | undefined;
  for (const c of conflicts) {
    if (c.managerId !== last) lines.push(`conflicts with ${c.manager}:`);
    last = c.managerId;
    lines.push(`- ${c.path}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
