// What differs per kind on the write path (the API server's RESTCreateStrategy /
// RESTUpdateStrategy): preparing an object for create or update, and the warnings a write
// sends back. The generic steps (decode, default, validate, commit) are in registry.ts.
import { inertKindWarning } from '../api/inert-kinds.js';
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { StoreReader } from '../state/types.js';
import { serviceStrategy } from './strategies/service.js';

export interface Strategy {
  /** Mutate a new object before defaulting (clear what the server owns, e.g. status). */
  prepareForCreate?(obj: KObject): void;
  /** Mutate an update before defaulting, with the live object at hand. */
  prepareForUpdate?(next: KObject, live: KObject): void;
  /** Warnings for a create or update of `obj` (WarningsOnCreate / WarningsOnUpdate). */
  warnings?(obj: KObject, info: KindInfo): string[];
  /**
   * Admission against the current state (allocators), run inside the store's write lock after
   * validation, on create and on update of the main resource: returns the object to store.
   */
  admit?(obj: KObject, current: StoreReader): KObject;
}

/** Every kind: say so when nothing in mkube acts on what was written (yet). */
const GENERIC: Strategy = {
  warnings: (_obj, info) => {
    const inert = inertKindWarning(info);
    return inert ? [inert] : [];
  },
};

const STRATEGIES: Record<string, Strategy> = {
  '/Service': serviceStrategy,
};

/** Register a kind's strategy (`group/Kind`, core group as `/Kind`). */
export function registerStrategy(group: string, kind: string, strategy: Strategy): void {
  STRATEGIES[`${group}/${kind}`] = strategy;
}

export function strategyFor(info: KindInfo): Strategy {
  const own = STRATEGIES[`${info.group}/${info.kind}`];
  if (!own) return GENERIC;
  return {
    ...own,
    warnings: (obj, i) => [...(GENERIC.warnings?.(obj, i) ?? []), ...(own.warnings?.(obj, i) ?? [])],
  };
}
