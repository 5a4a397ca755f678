// ControllerRevisions of a StatefulSet (`stateful_set_utils.go` newRevision/ApplyRevision and
// `controller_history.go`): the revision's data is the patch that replaces the pod template,
// `{"spec":{"template":{...,"$patch":"replace"}}}`; its name is `<set>-<hash>` with hash =
// SafeEncodeString(FNV-1 32 of that data as canonical JSON, then the collision count in decimal).
import type { KObject } from '../../api/types.js';
import { canonicalJson, fnv32, safeEncodeString } from '../common/hash.js';
import { controllerRef } from '../common/owners.js';
import { timeOf } from '../common/pods.js';

/** `ControllerRevisionHashLabel`. */
export const HASH_LABEL = 'controller.kubernetes.io/hash';

/** The revision data for the set's current template. */
export function revisionData(set: KObject): Record<string, unknown> {
  return { spec: { template: { ...structuredClone(set.spec?.template ?? {}), $patch: 'replace' } } };
}

/** `HashControllerRevision`. */
export function hashRevision(data: unknown, collisionCount: number): string {
  const bytes = Buffer.from(canonicalJson(data) + String(collisionCount), 'utf8');
  return safeEncodeString(String(fnv32(bytes)));
}

/** A ControllerRevision for the set's template (not yet written). */
export function newRevision(set: KObject, revision: number, collisionCount: number): KObject {
  const data = revisionData(set);
  const hash = hashRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name!.slice(0, 223)}-${hash}`,
      namespace: set.metadata.namespace,
      labels: { ...set.spec?.template?.metadata?.labels, [HASH_LABEL]: hash },
      ownerReferences: [controllerRef(set)],
    },
    data,
    revision,
  };
}

/** `EqualRevision`: same data. */
export const equalRevision = (a: KObject | undefined, b: KObject | undefined): boolean =>
  Boolean(a && b) && canonicalJson(a!.data) === canonicalJson(b!.data);

/** `SortControllerRevisions`: by revision number, then age, then name. */
export function sortRevisions(revisions: KObject[]): KObject[] {
  return [...revisions].sort(
    (a, b) =>
      (a.revision ?? 0) - (b.revision ?? 0) ||
      timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp) ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** `nextRevision`: one past the highest. */
export const nextRevision = (sorted: KObject[]): number =>
  sorted.length ? (sorted[sorted.length - 1]!.revision ?? 0) + 1 : 1;

/** `ApplyRevision`: the set with the revision's pod template. */
export function applyRevision(set: KObject, revision: KObject): KObject {
  const copy = structuredClone(set);
  const { $patch: _, ...template } = (revision.data as { spec?: { template?: Record<string, unknown> } })
    ?.spec?.template ?? { $patch: undefined };
  copy.spec = { ...copy.spec, template };
  return copy;
}

/**
 * The update revision for the set's template, pure: reuse the newest revision when it is equal;
 * roll back to (renumber) an older equal one; otherwise a new revision is needed.
 */
export function chooseUpdateRevision(
  set: KObject,
  sorted: KObject[],
  collisionCount: number,
):
  | { kind: 'existing'; revision: KObject }
  | { kind: 'renumber'; revision: KObject; to: number }
  | { kind: 'new'; revision: KObject } {
  const candidate = newRevision(set, nextRevision(sorted), collisionCount);
  const equal = sorted.filter((r) => equalRevision(r, candidate));
  const last = sorted[sorted.length - 1];
  if (equal.length && last && equalRevision(last, equal[equal.length - 1]))
    return { kind: 'existing', revision: last };
  if (equal.length) return { kind: 'renumber', revision: equal[equal.length - 1]!, to: candidate.revision };
  return { kind: 'new', revision: candidate };
}
