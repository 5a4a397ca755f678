// Rollout history as kubectl reads it (polymorphichelpers/history.go, rollback.go): a
// Deployment's revisions are its ReplicaSets, a StatefulSet's its ControllerRevisions. Pure:
// callers pass the objects listed from the store.
import type { KObject } from '../../api/types.js';
import {
  CHANGE_CAUSE,
  DEPLOYMENT_REVISION,
  DEPLOYMENT_REVISION_HISTORY,
  DESIRED_REPLICAS,
  LAST_APPLIED,
  MAX_REPLICAS,
  POD_TEMPLATE_HASH,
  ROLLBACK_TO,
} from '../../api/well-known.js';
import { revisionOf } from './rollout-status.js';
import { deepCopy, semanticEqual } from './semantic.js';

export { CHANGE_CAUSE, POD_TEMPLATE_HASH };

export interface HistoryEntry {
  revision: number;
  changeCause: string;
  /** The pod template of that revision (hash label kept, as kubectl shows it). */
  template: any;
  /** The ReplicaSet or ControllerRevision behind it. */
  source: KObject;
}

/** metav1.IsControlledBy: a controller ownerReference with the owner's uid. */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some(
    (r) => r.controller === true && r.uid === owner.metadata.uid,
  );
}

/** A Deployment's ReplicaSets: those it controls (kubectl also filters by selector; owned ones match). */
export function deploymentHistory(replicaSets: KObject[]): HistoryEntry[] {
  const byRevision = new Map<number, HistoryEntry>();
  for (const rs of replicaSets) {
    const revision = revisionOf(rs);
    if (Number.isNaN(revision)) continue;
    const template = deepCopy(rs.spec?.template ?? {});
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE] ?? '';
    if (changeCause) {
      template.metadata ??= {};
      template.metadata.annotations = { ...template.metadata.annotations, [CHANGE_CAUSE]: changeCause };
    }
    byRevision.set(revision, { revision, changeCause, template, source: rs });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** The template a ControllerRevision records: `data.spec.template` without `$patch`. */
export function controllerRevisionTemplate(cr: KObject): any {
  const t = deepCopy(cr.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** A StatefulSet's (or DaemonSet's) ControllerRevisions, oldest first. */
export function controllerRevisionHistory(revisions: KObject[]): HistoryEntry[] {
  const byRevision = new Map<number, HistoryEntry>();
  for (const cr of revisions) {
    const revision = typeof cr.revision === 'number' ? cr.revision : 0;
    byRevision.set(revision, {
      revision,
      changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '',
      template: controllerRevisionTemplate(cr),
      source: cr,
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/**
 * The `REVISION  CHANGE-CAUSE` table: Go's text/tabwriter with padding 2 (not the table printer).
 * Ends with a newline; `No rollout history found.` (no newline) when there is nothing.
 */
export function historyTable(entries: HistoryEntry[]): string {
  if (entries.length === 0) return 'No rollout history found.';
  const rows = [
    ['REVISION', 'CHANGE-CAUSE'],
    ...entries.map((e) => [String(e.revision), e.changeCause || '<none>']),
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 2;
  return rows.map(([rev, cause]) => `${rev!.padEnd(width)}${cause}\n`).join('');
}

/** Templates equal once the pod-template-hash label is ignored (rollback.go equalIgnoreHash). */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = deepCopy(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH];
    return c;
  };
  return semanticEqual(strip(a), strip(b));
}

export type Selection = { entry: HistoryEntry } | { error: string };

/**
 * The ReplicaSet `rollout undo` goes back to: the given revision, or with 0 the one before the
 * newest (rollback.go deploymentRevision).
 */
export function selectDeploymentRevision(
  entries: HistoryEntry[],
  toRevision: number,
  name: string,
): Selection {
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  if (toRevision > 0) {
    const entry = entries.find((e) => e.revision === toRevision);
    return entry ? { entry } : { error: `unable to find specified revision ${toRevision} in history` };
  }
  if (entries.length < 2) return { error: `no rollout history found for deployment "${name}"` };
  return { entry: entries[entries.length - 2]! };
}

/** The ControllerRevision a StatefulSet rollback goes to (rollback.go findHistory). */
export function selectControllerRevision(entries: HistoryEntry[], toRevision: number): Selection {
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  if (toRevision === 0 && entries.length <= 1) return { error: 'no last revision to roll back to' };
  const entry =
    toRevision === 0 ? entries[entries.length - 2] : entries.find((e) => e.revision === toRevision);
  return entry ? { entry } : { error: `unable to find specified revision ${toRevision} in history` };
}

// Annotations a rollback never copies from the ReplicaSet, and keeps from the Deployment.
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED,
  DEPLOYMENT_REVISION,
  DEPLOYMENT_REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  ROLLBACK_TO,
]);

/**
 * The Deployment after rolling back to `rs`: its template (without the hash label) and its
 * annotations, as kubectl's JSON patch replaces /spec/template and /metadata/annotations.
 */
export function rolledBackDeployment(deploy: KObject, rs: KObject): KObject {
  const next = deepCopy(deploy);
  const template = deepCopy(rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  next.spec = { ...next.spec, template };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deploy.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  next.metadata = { ...next.metadata, annotations };
  return next;
}
