// The root-ca-cert-publisher (kube-controller-manager's): every namespace that is not being
// deleted has the ConfigMap kube-root-ca.crt holding the API endpoint's CA (ca.crt), which pods'
// token volumes project so in-pod clients can verify https://kubernetes.default.svc. The CA is
// the one the API server made under <home>/pki (apiserver/pki.ts); until it exists, wait.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupKind, NAMESPACE } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Controller, ControllerContext } from './controller.js';

const CONFIGMAP = lookupKind('configmaps')!;

import { ROOT_CA_CONFIGMAP } from '../registry/strategies/pod-token-volume.js';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** What to write for `namespace`: a ConfigMap to create, new data for the existing one, or nothing. Pure. */
export function rootCaStep(
  namespace: KObject | undefined,
  existing: KObject | undefined,
  ca: string,
): { create: KObject } | { update: KObject } | undefined {
  if (!namespace || namespace.metadata.deletionTimestamp) return undefined;
  const data = { 'ca.crt': ca };
  if (!existing)
    return {
      create: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace: namespace.metadata.name,
          annotations: { 'kubernetes.io/description': DESCRIPTION },
        },
        data,
      },
    };
  if (existing.data?.['ca.crt'] === ca && Object.keys(existing.data ?? {}).length === 1) return undefined;
  return { update: { ...existing, data } };
}

function readCa(home: string): string | undefined {
  try {
    return readFileSync(join(home, 'pki', 'ca.crt'), 'utf8');
  } catch {
    return undefined;
  }
}

export function rootCaPublisher({ registry }: ControllerContext): Controller {
  return {
    name: 'root-ca-cert-publisher',
    watches: [
      { kind: NAMESPACE, keys: (ns) => [ns.metadata.name!] },
      {
        kind: CONFIGMAP,
        keys: (cm) => (cm.metadata.name === ROOT_CA_CONFIGMAP ? [cm.metadata.namespace!] : []),
      },
    ],
    resyncKeys: () => registry.list(NAMESPACE).map((ns) => ns.metadata.name!),
    async reconcile(name) {
      const ca = readCa(registry.home);
      if (!ca) return { requeueAfterMs: 500 };
      const step = rootCaStep(
        registry.get(NAMESPACE, undefined, name),
        registry.get(CONFIGMAP, name, ROOT_CA_CONFIGMAP),
        ca,
      );
      if (!step) return {};
      const ignoreRace = (e: Error & { reason?: string }) => {
        // Made, changed or gone meanwhile, or the namespace is going: the next event says.
        if (!['AlreadyExists', 'NotFound', 'Forbidden', 'Conflict'].includes(e.reason ?? '')) throw e;
      };
      if ('create' in step) await registry.create(step.create).catch(ignoreRace);
      else await registry.update(step.update).catch(ignoreRace);
      return {};
    },
  };
}
