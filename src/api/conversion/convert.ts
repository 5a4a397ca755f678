// Old apiVersions mkube still accepts (the ones the seeds and old tutorials use): each is
// converted to the version mkube stores, with the old version's defaults, as the API server
// decodes it, and answered with the API server's deprecation warning.
import { type KindInfo, kindFor } from '../kinds.js';
import type { KObject } from '../types.js';
import { APPS_V1BETA1 } from './apps-v1beta1.js';
import { APPS_V1BETA2 } from './apps-v1beta2.js';
import { AUTOSCALING_V1 } from './autoscaling-v1.js';
import { BATCH_V1BETA1 } from './batch-v1beta1.js';
import { EXTENSIONS_V1BETA1 } from './extensions-v1beta1.js';
import { NETWORKING_V1BETA1 } from './networking-v1beta1.js';
import { deprecationWarning, type LegacyKind, retag } from './shared.js';

/** Every deprecated (apiVersion, kind) mkube converts, group by group. */
export const LEGACY_KINDS: readonly LegacyKind[] = [
  ...EXTENSIONS_V1BETA1,
  ...APPS_V1BETA1,
  ...APPS_V1BETA2,
  ...NETWORKING_V1BETA1,
  ...BATCH_V1BETA1,
];

/**
 * Every version converted on write: the deprecated ones, plus other versions still served whose
 * objects are stored in another (autoscaling/v1 HPAs are stored as v2), which get no warning.
 */
const CONVERTED: readonly LegacyKind[] = [...LEGACY_KINDS, ...AUTOSCALING_V1];

const byKey = new Map(CONVERTED.map((k) => [`${k.apiVersion} ${k.kind}`, k]));

function legacyKind(apiVersion: unknown, kind: unknown): LegacyKind | undefined {
  return typeof apiVersion === 'string' && typeof kind === 'string'
    ? byKey.get(`${apiVersion} ${kind}`)
    : undefined;
}

/** Whether `apiVersion` + `kind` is an old version mkube converts on write. */
export function isDeprecatedVersion(apiVersion: string, kind: string): boolean {
  return legacyKind(apiVersion, kind) !== undefined;
}

/** The API server's warning for an old version (no `Warning: ` prefix), or undefined. */
export function deprecationWarningFor(apiVersion: string, kind: string): string | undefined {
  const k = legacyKind(apiVersion, kind);
  return k?.deprecated ? deprecationWarning(k) : undefined;
}

/**
 * kindFor that also resolves an old version to the kind it is stored as:
 * `('extensions/v1beta1', 'Deployment')` -> apps/v1 Deployment. Current versions resolve as kindFor.
 */
export function storageKindFor(apiVersion: string, kind: string): KindInfo | undefined {
  const k = legacyKind(apiVersion, kind);
  return k ? kindFor(k.storage, kind) : kindFor(apiVersion, kind);
}

export interface ConvertOptions {
  /**
   * Apply the old version's defaults (true, for a create). False maps the fields only: what a
   * three-way apply merge needs, so that a default the old manifest never wrote (replicas: 1)
   * does not overwrite what a controller or `kubectl scale` set on the live object.
   */
  defaults?: boolean;
}

/**
 * The object in the version mkube stores, with the old version's defaults applied and its own
 * fields mapped, plus the deprecation warning; undefined when `obj` is not in a known old version
 * (a current version needs no conversion). Pure: `obj` is not changed.
 */
export function convertToStorageVersion(
  obj: KObject,
  opts: ConvertOptions = {},
): { obj: KObject; warnings: string[] } | undefined {
  const k = legacyKind(obj?.apiVersion, obj?.kind);
  if (!k) return undefined;
  const out = retag(obj, k.storage, !k.noSpec);
  if (opts.defaults !== false) k.setDefaults?.(out);
  k.mapFields?.(out);
  return { obj: out as KObject, warnings: k.deprecated ? [deprecationWarning(k)] : [] };
}

/**
 * The old version's defaults applied to an object already in the stored version: for an update
 * (a re-apply), where the API server decodes the patched old-version object, defaulting whatever
 * the merge left absent (an atomic list replaced, a field removed from the manifest). The old
 * defaults and the field mapping touch different fields, so the order does not matter. Pure.
 */
export function legacyDefaults(obj: KObject, oldApiVersion: string): KObject {
  const k = legacyKind(oldApiVersion, obj?.kind);
  if (!k?.setDefaults) return obj;
  const out = retag(obj, k.storage, !k.noSpec);
  k.setDefaults(out);
  return out as KObject;
}
