// The serviceaccounts controller (kube-controller-manager's): every namespace that is not being
// deleted has a `default` ServiceAccount; one deleted is made again.
import { lookupKind, NAMESPACE } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Controller, ControllerContext } from './controller.js';

const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The ServiceAccount to create in `namespace`, or undefined when none is needed. Pure. */
export function missingDefaultServiceAccount(
  namespace: KObject | undefined,
  existing: KObject | undefined,
): KObject | undefined {
  if (!namespace || namespace.metadata.deletionTimestamp || existing) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: namespace.metadata.name },
  };
}

export function serviceAccountController({ registry }: ControllerContext): Controller {
  return {
    name: 'serviceaccount-controller',
    watches: [
      { kind: NAMESPACE, keys: (ns) => [ns.metadata.name!] },
      {
        kind: SERVICE_ACCOUNT,
        keys: (sa) => (sa.metadata.name === DEFAULT_SERVICE_ACCOUNT ? [sa.metadata.namespace!] : []),
      },
    ],
    resyncKeys: () => registry.list(NAMESPACE).map((ns) => ns.metadata.name!),
    async reconcile(name) {
      const want = missingDefaultServiceAccount(
        registry.get(NAMESPACE, undefined, name),
        registry.get(SERVICE_ACCOUNT, name, DEFAULT_SERVICE_ACCOUNT),
      );
      if (!want) return {};
      await registry.create(want).catch((e: Error & { reason?: string }) => {
        // Made by someone else meanwhile, or the namespace went away: both fine.
        if (e.reason !== 'AlreadyExists' && e.reason !== 'NotFound' && e.reason !== 'Forbidden') throw e;
      });
      return {};
    },
  };
}
