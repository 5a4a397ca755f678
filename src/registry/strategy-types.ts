// The shape of a kind's strategy (the API server's RESTCreateStrategy / RESTUpdateStrategy): what
// differs per kind on the write path. strategy.ts keeps the table of them.
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { StoreReader } from '../state/types.js';

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
