// Argument parsing and the map edits of `label` and `annotate` (kubectl cmd/label, cmd/annotate,
// cmdutil.GetResourcesAndPairs / ParsePairs). Pure.
import { UserError } from '../../api/errors.js';
import { labelValueErrors } from '../../api/validation-rules.js';
import { CHANGE_CAUSE } from '../../api/well-known.js';
import { canonicalJSON } from './semantic.js';

export interface PairArgs {
  resources: string[];
  pairs: string[];
}

/** Resources first, then `k=v` / `k-` pairs; a resource after a pair is an error. */
export function getResourcesAndPairs(args: string[], pairType: string): PairArgs {
  const out: PairArgs = { resources: [], pairs: [] };
  let foundPair = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      foundPair = true;
      out.pairs.push(s);
    } else if (!foundPair) {
      out.resources.push(s);
    } else {
      throw new UserError(`all resources must be specified before ${pairType} changes: ${s}`);
    }
  }
  return out;
}

export interface Changes {
  set: Map<string, string>;
  remove: string[];
}

/** `label`'s parseLabels: exactly one `=`, a valid value; `k-` removes. */
export function parseLabelChanges(specs: string[]): Changes {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new UserError(`invalid label spec: ${spec}`);
      const errs = labelValueErrors(parts[1]!);
      if (errs.length) throw new UserError(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      set.set(parts[0]!, parts[1]!);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new UserError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((k) => set.has(k))) {
    throw new UserError('can not both modify and remove a label in the same command');
  }
  return { set, remove };
}

/** cmdutil.ParsePairs, as `annotate` uses it (value may contain `=`). */
export function parsePairs(specs: string[], pairType: string, supportRemove: boolean): Changes {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=') && spec[0] !== '=') {
      const i = spec.indexOf('=');
      set.set(spec.slice(0, i), spec.slice(i + 1));
    } else if (supportRemove && spec.endsWith('-') && spec !== '-') {
      remove.push(spec.slice(0, -1));
    } else {
      invalid.push(spec);
    }
  }
  if (invalid.length) throw new UserError(`invalid ${pairType} format: ${invalid.join(', ')}`);
  return { set, remove };
}

/** annotate's validateAnnotations. */
export function checkAnnotationChanges(c: Changes): void {
  const both = c.remove.filter((k) => c.set.has(k));
  if (both.length) {
    throw new UserError(
      `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  }
}

export type EditResult = { map: Record<string, string> } | { errors: string[] };

/** label's labelFunc: refuse to change an existing value without --overwrite. */
export function editLabels(
  current: Record<string, string> | undefined,
  c: Changes,
  overwrite: boolean,
): EditResult {
  const cur = current ?? {};
  if (!overwrite) {
    const errors = [...c.set]
      .filter(([k, v]) => Object.hasOwn(cur, k) && cur[k] !== v)
      .map(([k]) => `'${k}' already has a value (${cur[k]}), and --overwrite is false`);
    if (errors.length) return { errors };
  }
  return { map: apply(cur, c) };
}

/** annotate's updateAnnotations: the change-cause annotation may always be overwritten. */
export function editAnnotations(
  current: Record<string, string> | undefined,
  c: Changes,
  overwrite: boolean,
): EditResult {
  const cur = current ?? {};
  if (!overwrite) {
    const found = [...c.set]
      .filter(([k, v]) => k !== CHANGE_CAUSE && Object.hasOwn(cur, k) && cur[k] !== v)
      .map(([k]) => `'${k}' already has a value (${cur[k]})`);
    if (found.length) {
      return {
        errors: [`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`],
      };
    }
  }
  return { map: apply(cur, c) };
}

function apply(cur: Record<string, string>, c: Changes): Record<string, string> {
  const next = { ...cur };
  for (const [k, v] of c.set) next[k] = v;
  for (const k of c.remove) delete next[k];
  return next;
}

/** label's updateDataChangeMsg: compares the object's JSON before and after. */
export function labelChangeMessage(before: unknown, after: unknown, overwrite: boolean): string {
  const a = canonicalJSON(before);
  const b = canonicalJSON(after);
  if (a === b) return 'not labeled';
  if (!overwrite && b.length < a.length) return 'unlabeled';
  return 'labeled';
}
