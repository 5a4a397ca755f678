// The pod-template-hash (`controller.ComputeHash`): FNV-1a 32-bit over the pod template, then the
// collision count as 8 little-endian bytes when set, printed in decimal and encoded with
// `rand.SafeEncodeString` (so up to 10 characters of bcdfghjklmnpqrstvwxz2456789).
//
// Kubernetes hashes Go's debug print of the template struct, which cannot be reproduced outside
// Go. mkube hashes the template's canonical JSON instead (keys sorted; null, empty objects and
// empty arrays dropped; see common/hash.ts `normalize`), which keeps what matters: identical
// templates, however their keys are ordered, give the same hash, and any change gives another.
import type { KObject } from '../../api/types.js';
import { POD_TEMPLATE_HASH } from '../../api/well-known.js';
import { canonicalJson, fnv32a, safeEncodeString } from '../common/hash.js';

/** `apps.DefaultDeploymentUniqueLabelKey`. */
export { POD_TEMPLATE_HASH };

export type PodTemplate = KObject['spec'];

export function computePodTemplateHash(template: PodTemplate, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(canonicalJson(template ?? {}), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(collisionCount >>> 0, 0);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}

/** A copy of the template without the pod-template-hash label. */
export function withoutHashLabel(template: PodTemplate): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return copy;
}

/** `EqualIgnoreHash`: the two templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplate, b: PodTemplate): boolean {
  return canonicalJson(withoutHashLabel(a)) === canonicalJson(withoutHashLabel(b));
}
