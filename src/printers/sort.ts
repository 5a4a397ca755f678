// `--sort-by=<jsonpath>` (kubectl get/sorter.go): numbers as numbers, strings that parse as
// quantities as quantities, other strings lexically; objects without the field sort first.
import { UserError } from '../api/errors.js';
import { quantityNumber } from '../api/quantity.js';
import type { KObject } from '../api/types.js';
import { relaxedJsonPath } from './custom-columns.js';
import { JsonPath } from './jsonpath/index.js';

function isLess(a: unknown, b: unknown, path: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') {
    // int64 and float64 only compare with their own kind.
    if (Number.isInteger(a) === Number.isInteger(b)) return a < b;
  } else if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantityNumber(a);
    const qb = quantityNumber(b);
    if (qa === undefined || qb === undefined) return a < b;
    return qa < qb;
  } else if (typeof a !== 'object' && typeof a !== 'number' && typeof a !== 'string') {
    throw new UserError(`Field ${path} is an unsortable type: ${typeof a}`);
  }
  throw new UserError(`Field ${path} is an unsortable type`);
}

/** Sorts objects by the field (insertion sort, as Go's sort.Sort does for short lists). */
export function sortObjects<T extends KObject>(objects: T[], sortBy: string): T[] {
  if (objects.length <= 1) return objects;
  let field: string;
  try {
    field = relaxedJsonPath(sortBy);
  } catch {
    field = sortBy;
  }
  const parser = new JsonPath(field, { allowMissingKeys: true });
  const keys = objects.map((o) => {
    const results = parser.findResults(o);
    return results.length > 0 && results[0]!.length > 0 ? { value: results[0]![0] } : undefined;
  });
  if (!keys.some((k) => k !== undefined)) {
    throw new UserError(`couldn't find any field with path "${field}" in the list of objects`);
  }
  const less = (i: number, j: number): boolean => {
    if (!keys[i]) return true;
    if (!keys[j]) return false;
    return isLess(keys[i]!.value, keys[j]!.value, field);
  };
  const idx = objects.map((_, i) => i);
  for (let i = 1; i < idx.length; i++) {
    for (let j = i; j > 0 && less(idx[j]!, idx[j - 1]!); j--) [idx[j], idx[j - 1]] = [idx[j - 1]!, idx[j]!];
  }
  return idx.map((i) => objects[i]!);
}
