// kubectl's side of writing a manifest document: check it is an object with apiVersion and kind,
// map it to a kind, settle its namespace, and name its file in errors. The server's side (decode,
// default, validate, commit) is the registry's.

import { storageKindFor } from './conversion/index.js';
import { ApiError, UserError } from './errors.js';
import { InvalidError } from './field-errors.js';
import type { KindInfo } from './kinds.js';
import type { ManifestDoc } from './manifest.js';
import type { KObject } from './types.js';

export interface ResolvedDoc {
  doc: ManifestDoc;
  info: KindInfo;
  /** The manifest with its namespace settled (set for namespaced kinds, removed otherwise). */
  obj: KObject;
}

export interface NamespaceChoice {
  namespace: string;
  /** -n was given: a different namespace in the manifest is an error. */
  explicit: boolean;
}

const VALIDATE_HINT = '; if you choose to ignore these errors, turn validation off with --validate=false';

/** Client-side checks and kind mapping (kubectl's builder). Throws UserError. */
export function resolveDoc(doc: ManifestDoc, ns: NamespaceChoice): ResolvedDoc {
  const raw = doc.object;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError(
      `error validating "${doc.source}": error validating data: invalid object to validate${VALIDATE_HINT}`,
    );
  }
  const o = raw as Record<string, unknown>;
  const missing = [!o.apiVersion && 'apiVersion not set', !o.kind && 'kind not set'].filter(Boolean);
  if (missing.length) {
    const list = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
    throw new UserError(`error validating "${doc.source}": error validating data: ${list}${VALIDATE_HINT}`);
  }
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<
    string,
    unknown
  >;
  // Old apiVersions (extensions/v1beta1 ...) map to the kind they are stored as.
  const info =
    typeof o.apiVersion === 'string' && typeof o.kind === 'string'
      ? storageKindFor(o.apiVersion, o.kind)
      : undefined;
  if (!info) {
    throw new UserError(
      `resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${doc.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  const obj = structuredClone(raw) as KObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  if (info.namespaced) {
    const own = obj.metadata.namespace;
    if (own && ns.explicit && own !== ns.namespace) {
      throw new UserError(
        `the namespace from the provided object "${own}" does not match the namespace "${ns.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    obj.metadata.namespace = own || ns.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return { doc, info, obj };
}

/** kubectl's AddSourceToErr: `error when creating "f.yaml": <message>`, keeping the API reason. */
export function withSource(err: unknown, verb: string, source: string): unknown {
  if (err instanceof InvalidError) return err;
  if (err instanceof ApiError)
    return new ApiError(err.reason, `error when ${verb} "${source}": ${err.message}`);
  return err;
}
