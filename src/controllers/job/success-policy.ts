// `spec.successPolicy` of an Indexed Job: the first rule whose indexes and count are met
// declares success early (SuccessCriteriaMet, reason SuccessPolicy).
import { parseIndexes } from './indexes.js';

interface SuccessRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

/** The index of the first rule met by `completed`, or undefined. */
export function matchSuccessPolicy(
  rules: SuccessRule[] | undefined,
  completed: Set<number>,
  completions: number,
): number | undefined {
  for (const [i, rule] of (rules ?? []).entries()) {
    if (rule.succeededIndexes !== undefined) {
      const wanted = parseIndexes(rule.succeededIndexes, completions);
      const done = [...wanted].filter((x) => completed.has(x)).length;
      if (rule.succeededCount !== undefined ? done >= rule.succeededCount : done === wanted.size) return i;
    } else if (rule.succeededCount !== undefined && completed.size >= rule.succeededCount) {
      return i;
    }
  }
  return undefined;
}
