// Objects the informer cache hands out are shared by every reader: frozen, so a caller that
// changes one by mistake fails loudly instead of corrupting what everyone else sees.

/** Freeze `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
