// Update and status update as the API server does them: the caller owns metadata + spec, the
// agent owns status, and the server owns identity, versions and deletion fields.
import { ApiError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import { qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { hasGeneration } from './create-plan.js';
import { assignOrDelete, jsonEqual, type Meta, normalize } from './meta.js';
import { isReadyToRemove, type Plan } from './plan.js';

/** Conflict when the caller read an older version than the stored one. */
export function checkResourceVersion(stored: KObject, input: KObject, kind: KindInfo): void {
  const sent = input.metadata?.resourceVersion;
  if (sent && sent !== stored.metadata.resourceVersion) {
    throw ApiError.conflict(qualifiedResource(kind), stored.metadata.name!);
  }
}

/** Everything but metadata and status: what `generation` counts changes of. */
function desiredPart(obj: KObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

// Fields only the server sets; whatever the caller sent for them is ignored.
const SERVER_FIELDS = [
  'uid',
  'creationTimestamp',
  'generation',
  'resourceVersion',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

function rejectNewFinalizers(stored: KObject, next: KObject): void {
  if (!stored.metadata.deletionTimestamp) return;
  const old = new Set(stored.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !old.has(f));
  if (added.length === 0) return;
  const list = added.map((f) => JSON.stringify(f)).join(', ');
  throw new ApiError(
    'Invalid',
    `${stored.kind} "${stored.metadata.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${list}}`,
  );
}

/** `update`: replace metadata + spec (+ other top-level fields), keep status. */
export function planUpdate(stored: KObject, input: KObject, kind: KindInfo): Plan {
  checkResourceVersion(stored, input, kind);
  const next = normalize(input);
  next.apiVersion = stored.apiVersion;
  next.kind = stored.kind;
  next.metadata = { ...next.metadata, name: stored.metadata.name };
  assignOrDelete(next.metadata, 'namespace', stored.metadata.namespace);
  for (const field of SERVER_FIELDS) assignOrDelete(next.metadata, field, stored.metadata[field]);
  // managedFields are the registry's (its field manager computes them for every write).
  assignOrDelete(next.metadata, 'managedFields', input.metadata?.managedFields);
  assignOrDelete(next, 'status', stored.status);
  rejectNewFinalizers(stored, next);

  if (hasGeneration(kind) && !jsonEqual(desiredPart(next), desiredPart(stored))) {
    (next.metadata as Meta).generation = (stored.metadata.generation ?? 0) + 1;
  }
  if (jsonEqual(next, stored)) return { op: 'none', obj: stored };
  if (isReadyToRemove(next)) return { op: 'remove', obj: next };
  return { op: 'put', type: 'MODIFIED', obj: next };
}

/** `updateStatus`: replace status only; never bumps generation. */
export function planUpdateStatus(stored: KObject, input: KObject, kind: KindInfo): Plan {
  checkResourceVersion(stored, input, kind);
  const next = normalize(stored);
  assignOrDelete(next, 'status', input.status === undefined ? undefined : normalize(input.status));
  // A status write records its manager (the registry's field manager) in managedFields.
  if (input.metadata?.managedFields) next.metadata.managedFields = input.metadata.managedFields;
  if (jsonEqual(next, stored)) return { op: 'none', obj: stored };
  return { op: 'put', type: 'MODIFIED', obj: next };
}
