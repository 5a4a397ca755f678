// kubectl taint's arguments and arithmetic (pure): `key=value:Effect` adds, `key:Effect-` or
// `key-` removes; the node's new taint list and the word kubectl prints for the change.
import type { Taint } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../../api/time.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export class TaintSpecError extends Error {}

export interface TaintSpecs {
  add: Taint[];
  remove: Taint[];
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

function parseOne(spec: string, now: () => string): Taint {
  const [keyValue, effect, ...rest] = spec.split(':');
  if (rest.length || effect === undefined || keyValue === undefined)
    throw new TaintSpecError(`invalid taint spec: ${spec}`);
  if (!EFFECTS.includes(effect))
    throw new TaintSpecError(
      `invalid taint spec: ${spec}, invalid taint effect: ${effect}, unsupported taint effect`,
    );
  const eq = keyValue.indexOf('=');
  const key = eq < 0 ? keyValue : keyValue.slice(0, eq);
  const value = eq < 0 ? undefined : keyValue.slice(eq + 1);
  if (!key) throw new TaintSpecError(`invalid taint spec: ${spec}`);
  const taint: Taint = { key, ...(value ? { value } : {}), effect };
  // The time a NoExecute taint starts counting tolerationSeconds from.
  if (effect === 'NoExecute') taint.timeAdded = now();
  return taint;
}

function parseRemoval(spec: string): Taint {
  const body = spec.slice(0, -1);
  const colon = body.indexOf(':');
  if (colon < 0) return { key: body } as Taint;
  const effect = body.slice(colon + 1);
  if (!EFFECTS.includes(effect))
    throw new TaintSpecError(
      `invalid taint spec: ${spec}, invalid taint effect: ${effect}, unsupported taint effect`,
    );
  return { key: body.slice(0, colon), effect };
}

/** ParseTaints: additions and removals, duplicates refused. */
export function parseTaintSpecs(specs: string[], now: () => string = () => rfc3339(new Date())): TaintSpecs {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      remove.push(parseRemoval(spec));
      continue;
    }
    const taint = parseOne(spec, now);
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id))
      throw new TaintSpecError(`duplicated taints with the same key and effect: ${taintText(taint)}`);
    seen.add(id);
    add.push(taint);
  }
  return { add, remove };
}

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

export type TaintOperation = 'tainted' | 'untainted' | 'modified';

/** reorganizeTaints: the new list, the operation word, and `taint "x" not found` errors. */
export function reorganizeTaints(
  current: Taint[],
  specs: TaintSpecs,
  overwrite: boolean,
): { taints: Taint[]; operation: TaintOperation; errors: string[] } {
  let taints = [...specs.add, ...current.filter((old) => !specs.add.some((t) => sameTaint(t, old)))];
  const added = current.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of specs.remove) {
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    if (kept.length === taints.length) errors.push(`taint ${JSON.stringify(taintText(r))} not found`);
    else deleted = true;
    taints = kept;
  }
  const operation: TaintOperation =
    (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, operation, errors };
}

/** checkIfTaintsAlreadyExists: the keys of additions the node already has with the same effect. */
export function alreadyTainted(current: Taint[], add: Taint[]): string[] {
  return add.filter((t) => current.some((c) => sameTaint(c, t))).map((t) => t.key);
}
