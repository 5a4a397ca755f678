// `apply --prune` as kubectl's allowlist-based prune does it (kubectl/pkg/cmd/apply/prune.go):
// after every object applied without error, each object of the allowlisted kinds, in the
// namespaces the applied objects visited (cluster-wide for cluster-scoped kinds), that matches the
// selector, carries the last-applied annotation and was not just applied, is deleted and printed
// `<kind>/<name> pruned`. Also kubectl's checks on the flags apply combines with prune and --force.
import { LAST_APPLIED } from '../api/apply-merge.js';
import { UserError } from '../api/errors.js';
import { type KindInfo, kindFor } from '../api/kinds.js';
import type { ObjectReader } from '../api/reader.js';
import { matchesLabels, type ParsedLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';

/** The kinds pruned when --prune-allowlist is not given, in kubectl's order. */
const DEFAULT_ALLOWLIST: ReadonlyArray<[apiVersion: string, kind: string]> = [
  ['v1', 'ConfigMap'],
  ['v1', 'Endpoints'],
  ['v1', 'Namespace'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'PersistentVolume'],
  ['v1', 'Pod'],
  ['v1', 'ReplicationController'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
];

/** --prune-allowlist's `<group/version/kind>` entries (`core` is the core group); none: the default. */
export function parsePruneAllowlist(entries: string[]): KindInfo[] {
  if (entries.length === 0) return DEFAULT_ALLOWLIST.map(([v, k]) => kindFor(v, k)!);
  return entries.map((entry) => {
    const gvk = entry.split('/');
    if (gvk.length !== 3) {
      throw new UserError(`invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`);
    }
    const [group, version, kind] = gvk as [string, string, string];
    const apiVersion = group === 'core' || group === '' ? version : `${group}/${version}`;
    const info = kindFor(apiVersion, kind);
    if (!info) throw new UserError(`no matches for kind "${kind}" in version "${apiVersion}"`);
    return info;
  });
}

export interface ApplyModeFlags {
  prune?: boolean;
  all?: boolean;
  selector?: string;
  force?: boolean;
  serverSide?: boolean;
  dryRun: 'none' | 'client' | 'server';
}

/** ApplyOptions.Validate, the checks about prune, --all and --force, in kubectl's order. */
export function validateApplyModes(f: ApplyModeFlags): void {
  if (f.serverSide && f.dryRun === 'client') {
    throw new UserError(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  }
  if (f.serverSide && f.force) throw new UserError('--force cannot be used with --server-side');
  if (f.dryRun === 'server' && f.force) throw new UserError('--dry-run=server cannot be used with --force');
  if (f.all && f.selector) throw new UserError('cannot set --all and --selector at the same time');
  if (!f.prune) return;
  if (f.force) throw new UserError('--force cannot be used with --prune');
  if (!f.all && !f.selector) {
    throw new UserError(
      'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
    );
  }
  if (f.serverSide) {
    throw new UserError(
      "--prune is in alpha and doesn't currently work on objects created by server-side apply",
    );
  }
}

export interface PruneScope {
  kinds: KindInfo[];
  /** Namespaces of the objects applied (kubectl's VisitedNamespaces). */
  namespaces: string[];
  selector: ParsedLabelSelector;
  /** UIDs of the objects applied (kubectl's VisitedUids). */
  applied: Set<string>;
}

/** What prune deletes, in the order kubectl visits it: namespaces first, then cluster-scoped kinds. */
export function pruneTargets(
  store: ObjectReader,
  scope: PruneScope,
): Array<{ info: KindInfo; obj: KObject }> {
  const out: Array<{ info: KindInfo; obj: KObject }> = [];
  const visit = (info: KindInfo, namespace: string | undefined) => {
    for (const obj of store.list(info, { namespace })) {
      if (!matchesLabels(scope.selector, obj.metadata.labels)) continue;
      if (obj.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      if (scope.applied.has(obj.metadata.uid ?? '')) continue;
      out.push({ info, obj });
    }
  };
  for (const ns of [...new Set(scope.namespaces)].sort()) {
    for (const info of scope.kinds.filter((k) => k.namespaced)) visit(info, ns);
  }
  for (const info of scope.kinds.filter((k) => !k.namespaced)) visit(info, undefined);
  return out;
}
