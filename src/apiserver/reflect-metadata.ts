// The part of the Reflect metadata API that tsyringe (the dependency injection under
// @peculiar/x509) checks for and uses: defineMetadata, getOwnMetadata, getMetadata (which also
// looks up the prototype chain). @peculiar/x509 asks its users to load a polyfill first; these
// few lines stand in for the `reflect-metadata` package. Imported for its effect, before x509.
type Target = object;
const metadata = new WeakMap<Target, Map<unknown, unknown>>();

interface ReflectMetadata {
  defineMetadata(key: unknown, value: unknown, target: Target): void;
  getOwnMetadata(key: unknown, target: Target): unknown;
  getMetadata(key: unknown, target: Target): unknown;
  metadata(key: unknown, value: unknown): (target: Target) => void;
}

const reflect = Reflect as typeof Reflect & Partial<ReflectMetadata>;
if (!reflect.getMetadata) {
  const own = (key: unknown, target: Target) => metadata.get(target)?.get(key);
  const define = (key: unknown, value: unknown, target: Target) => {
    const map = metadata.get(target) ?? new Map<unknown, unknown>();
    map.set(key, value);
    metadata.set(target, map);
  };
  Object.assign(reflect, {
    defineMetadata: define,
    getOwnMetadata: own,
    getMetadata(key: unknown, target: Target): unknown {
      for (let t: Target | null = target; t; t = Object.getPrototypeOf(t)) {
        const value = own(key, t);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    metadata: (key: unknown, value: unknown) => (target: Target) => define(key, value, target),
  } satisfies ReflectMetadata);
}
