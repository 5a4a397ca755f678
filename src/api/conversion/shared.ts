// What every old-version converter shares: the shape of a deprecated version's entry, the
// deprecation warning the API server sends for it, and the small defaulting steps the old
// `SetDefaults_*` functions of several groups have in common. The helpers change the copy that
// retag made, never the caller's object.
import type { KObject } from '../types.js';
import { ROLLBACK_TO } from '../well-known.js';

export type Obj = Record<string, any>;

/**
 * One kind in one deprecated apiVersion, and how the API server turns it into the stored version:
 * decode into the old type, run the old version's SetDefaults_*, convert (the generated part is a
 * relabelling here; `mapFields` is the hand-written part).
 */
export interface LegacyKind {
  /** The old apiVersion as written in a manifest: `extensions/v1beta1`. */
  apiVersion: string;
  kind: string;
  /** The version mkube stores the kind in (the one kinds.ts lists): `apps/v1`. */
  storage: string;
  /**
   * From the API server's prerelease-lifecycle data (zz_generated.prerelease-lifecycle.go):
   * APILifecycleDeprecated, APILifecycleRemoved, APILifecycleReplacement.
   */
  deprecated: string;
  removed: string;
  replacement: string;
  /** The old version's defaults, where they differ from the stored version's. Mutates its argument. */
  setDefaults?: (obj: Obj) => void;
  /**
   * Fields the old version names differently or that the stored version lacks. Mutates its
   * argument; fields neither version knows are left where they are (see legacy-schema.ts).
   */
  mapFields?: (obj: Obj) => void;
  /** The kind has no spec (ControllerRevision), so none is created. */
  noSpec?: boolean;
}

/** deprecation.WarningMessage in k8s.io/apiserver, without kubectl's `Warning: ` prefix. */
export function deprecationWarning(k: LegacyKind): string {
  return `${k.apiVersion} ${k.kind} is deprecated in v${k.deprecated}+, unavailable in v${k.removed}+; use ${k.replacement}`;
}

export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

export function setIfAbsent(o: Obj, key: string, value: unknown): void {
  if (!isSet(o[key])) o[key] = value;
}

/** `o[key]`, created as `{}` when absent (Go's value structs always exist). */
export function child(o: Obj, key: string): Obj {
  if (!isSet(o[key]) || typeof o[key] !== 'object') o[key] = {};
  return o[key];
}

/**
 * A deep copy of `obj` relabelled with the stored apiVersion. Kinds with a spec get it created
 * when absent (a Go value struct, defaulted even when not written); others (ControllerRevision)
 * must not.
 */
export function retag(obj: KObject, apiVersion: string, withSpec = true): Obj {
  const out = structuredClone(obj) as Obj;
  out.apiVersion = apiVersion;
  out.metadata ??= {};
  if (withSpec) child(out, 'spec');
  return out;
}

/**
 * extensions/v1beta1 and apps/v1beta1 let the selector and the object's own labels default to the
 * pod template's labels (`if labels != nil { if Selector == nil ...; if len(Labels) == 0 ... }`).
 * An empty label map gives an empty selector, as Go's `omitempty` writes it.
 */
export function selectorAndLabelsFromTemplate(obj: Obj): void {
  const labels = obj.spec.template?.metadata?.labels;
  if (!isSet(labels) || typeof labels !== 'object') return;
  const nonEmpty = Object.keys(labels).length > 0;
  if (!isSet(obj.spec.selector)) obj.spec.selector = nonEmpty ? { matchLabels: { ...labels } } : {};
  if (nonEmpty && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
}

/** apps/v1 keeps the old `spec.rollbackTo` as this annotation (appsv1.DeprecatedRollbackTo). */
export const ROLLBACK_TO_ANNOTATION = ROLLBACK_TO;

/**
 * Convert_apps_Deployment_To_v1_Deployment: `spec.rollbackTo.revision` becomes the annotation;
 * without rollbackTo the annotation is removed (an old manifest cannot set it by hand).
 */
export function rollbackToAnnotation(obj: Obj): void {
  const rollbackTo = obj.spec.rollbackTo;
  delete obj.spec.rollbackTo;
  if (isSet(rollbackTo)) {
    obj.metadata.annotations = {
      ...obj.metadata.annotations,
      [ROLLBACK_TO_ANNOTATION]: String(rollbackTo.revision ?? 0),
    };
  } else if (obj.metadata.annotations && ROLLBACK_TO_ANNOTATION in obj.metadata.annotations) {
    const { [ROLLBACK_TO_ANNOTATION]: _, ...rest } = obj.metadata.annotations;
    if (Object.keys(rest).length) obj.metadata.annotations = rest;
    else delete obj.metadata.annotations;
  }
}
