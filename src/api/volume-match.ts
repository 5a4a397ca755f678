// Which volume a claim gets (the PV controller's findBestMatchForClaim / FindMatchingVolume): a
// volume pre-bound to the claim wins; otherwise the smallest Available volume that has every
// requested access mode, at least the requested size, the same class ('' only matches ''), the
// same volumeMode and labels the claim's selector accepts.
import { parseQuantity } from './quantity.js';
import { labelSelectorFromObject, matchesLabels } from './selectors.js';
import { claimClass, volumeClass } from './storage.js';
import type { KObject } from './types.js';

export const sizeOf = (q: unknown): bigint => parseQuantity(q)?.nanos ?? 0n;
export const requestedSize = (claim: KObject): bigint => sizeOf(claim.spec?.resources?.requests?.storage);
export const capacityOf = (pv: KObject): bigint => sizeOf(pv.spec?.capacity?.storage);

const modeOf = (obj: KObject) => obj.spec?.volumeMode ?? 'Filesystem';

/** The volume's claimRef names this claim (and no other incarnation of it). */
export function isPreBoundTo(pv: KObject, claim: KObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  return (
    ref.name === claim.metadata.name &&
    (ref.namespace ?? '') === (claim.metadata.namespace ?? '') &&
    (!ref.uid || ref.uid === claim.metadata.uid)
  );
}

/** Every access mode the claim asks for is one the volume offers. */
export const hasAccessModes = (pv: KObject, claim: KObject): boolean =>
  (claim.spec?.accessModes ?? []).every((m: string) => (pv.spec?.accessModes ?? []).includes(m));

/**
 * Why `pv` cannot serve `claim` (checkVolumeSatisfyClaim), or undefined when it can. Used for a
 * claim that names its volume.
 */
export function mismatch(pv: KObject, claim: KObject): string | undefined {
  if (capacityOf(pv) < requestedSize(claim)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if (modeOf(pv) !== modeOf(claim)) return 'incompatible volumeMode';
  if (!hasAccessModes(pv, claim)) return 'incompatible accessMode';
  return undefined;
}

/**
 * The best volume for a claim, or undefined. `delayBinding` (a WaitForFirstConsumer class with
 * no node chosen yet) leaves volumes not pre-bound to the claim alone, as on a cluster where the
 * scheduler picks them.
 */
export function findBestMatch(
  claim: KObject,
  volumes: readonly KObject[],
  delayBinding: boolean,
): KObject | undefined {
  const want = requestedSize(claim);
  const cls = claimClass(claim);
  const selector = claim.spec?.selector ? labelSelectorFromObject(claim.spec.selector) : undefined;
  let best: KObject | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    if (modeOf(pv) !== modeOf(claim)) continue;
    if (!hasAccessModes(pv, claim)) continue;
    const size = capacityOf(pv);
    if (isPreBoundTo(pv, claim)) {
      if (size < want || volumeClass(pv) !== cls) continue;
      return pv;
    }
    if (pv.spec?.claimRef) continue;
    if (delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (selector && !matchesLabels(selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== cls) continue;
    if (size < want) continue;
    if (!best || size < capacityOf(best)) best = pv;
  }
  return best;
}
