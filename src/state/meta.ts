// Metadata helpers the API server applies on writes: timestamps, generated names, equality.

import { rfc3339 } from '../api/time.js';
import type { ObjectMeta } from '../api/types.js';
import { randomInt } from './random.js';

/** ObjectMeta as the server edits it (kubernetes-types marks every field readonly). */
export type Meta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] };

export { rfc3339 };

// The apiserver's names.SimpleNameGenerator alphabet: no vowels, no confusable characters.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + 5 random characters, as the API server does it. */
export function generatedName(prefix: string, random: (n: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[random(ALPHABET.length)];
  // The API server trims the prefix so the whole name stays within 63 characters.
  return prefix.slice(0, 63 - 5) + suffix;
}

/** A deep copy that also drops `undefined` members, as storing then reading would. */
export function normalize<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => jsonEqual(ao[k], bo[k]));
}

/** Set `obj[key]` or remove it when the value is undefined, so JSON stays free of holes. */
export function assignOrDelete<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}
