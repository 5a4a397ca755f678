// What differs per kind on the write path (the API server's RESTCreateStrategy /
// RESTUpdateStrategy): preparing an object for create or update, and the warnings a write
// sends back. The generic steps (decode, default, validate, commit) are in registry.ts.
import { inertKindWarning } from '../api/inert-kinds.js';
import type { KindInfo } from '../api/kinds.js';
import { daemonSetStrategy } from './strategies/daemonset.js';
import { ingressStrategy } from './strategies/ingress.js';
import { podStrategy } from './strategies/pod.js';
import { serviceStrategy } from './strategies/service.js';
import { persistentVolumeClaimStrategy, persistentVolumeStrategy } from './strategies/storage.js';
import type { Strategy } from './strategy-types.js';

export type { Strategy } from './strategy-types.js';

/** Every kind: say so when nothing in mkube acts on what was written (yet). */
const GENERIC: Strategy = {
  warnings: (_obj, info) => {
    const inert = inertKindWarning(info);
    return inert ? [inert] : [];
  },
};

/** Kinds with a strategy of their own, by `group/Kind` (core group as `/Kind`). */
const STRATEGIES: Readonly<Record<string, Strategy>> = {
  '/Pod': podStrategy,
  '/Service': serviceStrategy,
  'apps/DaemonSet': daemonSetStrategy,
  'networking.k8s.io/Ingress': ingressStrategy,
  '/PersistentVolumeClaim': persistentVolumeClaimStrategy,
  '/PersistentVolume': persistentVolumeStrategy,
};

export function strategyFor(info: KindInfo): Strategy {
  const own = STRATEGIES[`${info.group}/${info.kind}`];
  if (!own) return GENERIC;
  return {
    ...own,
    warnings: (obj, i) => [...(GENERIC.warnings?.(obj, i) ?? []), ...(own.warnings?.(obj, i) ?? [])],
  };
}
