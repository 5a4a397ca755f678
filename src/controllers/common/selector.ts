// Label selectors as matchers: `metav1.LabelSelectorAsSelector` semantics (a missing selector
// selects nothing, an empty one everything), and the plain maps of ReplicationControllers.
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { labelSelectorFromObject, matchesLabels } from '../../api/selectors.js';

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

export function selectorMatcher(sel: LabelSelector | undefined | null): LabelMatcher {
  if (!sel) return () => false;
  try {
    const reqs = labelSelectorFromObject(sel);
    return (labels) => matchesLabels(reqs, labels);
  } catch {
    // An invalid operator: validation should have refused it; select nothing rather than everything.
    return () => false;
  }
}

/** A ReplicationController's (or Service's) map selector; empty or missing selects nothing. */
export function mapSelectorMatcher(sel: Record<string, string> | undefined | null): LabelMatcher {
  const entries = Object.entries(sel ?? {});
  if (entries.length === 0) return () => false;
  return (labels) => entries.every(([k, v]) => labels?.[k] === v);
}

/** True for `{}` (or matchLabels/matchExpressions both empty): a selector that selects everything. */
export const selectsEverything = (sel: LabelSelector | undefined | null): boolean =>
  Boolean(sel) && !Object.keys(sel!.matchLabels ?? {}).length && !(sel!.matchExpressions ?? []).length;
