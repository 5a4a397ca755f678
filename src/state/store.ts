import type { Store } from './types.js';
export function openStore(_home: string): Store {
  throw new Error('not implemented');
}
