// The Pod strategy: the API server's ServiceAccount admission plugin on create (the token volume
// is in pod-token-volume.ts). A pod runs as the
// ServiceAccount spec.serviceAccountName names (defaulting made it `default`); naming one that
// does not exist is refused. A missing `default` is let through: the serviceaccount controller
// makes it moments after its namespace, and mkube's agent may not have run yet (the plugin
// would retry the lookup; refusing there would only make fresh namespaces flaky).
import { ApiError } from '../../api/errors.js';
import { lookupKind } from '../../api/kinds.js';
import type { ObjectReader } from '../../api/reader.js';
import type { KObject } from '../../api/types.js';
import type { Strategy } from '../strategy-types.js';
import { randomSuffix, withTokenVolume } from './pod-token-volume.js';

const POD = lookupKind('pods')!;
const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;

/** The refusal for a pod naming a missing ServiceAccount, or undefined. Pure over `reader`. */
export function serviceAccountRefusal(pod: KObject, reader: ObjectReader): ApiError | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  const name: string | undefined = pod.spec?.serviceAccountName;
  if (!name || name === 'default') return undefined;
  if (reader.get(SERVICE_ACCOUNT, namespace, name)) return undefined;
  return new ApiError(
    'Forbidden',
    `pods "${pod.metadata.name ?? ''}" is forbidden: error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
  );
}

export const podStrategy: Strategy = {
  admit(obj, current) {
    // admit runs on create and on update; the plugin admits creates only.
    if (current.get(POD, obj.metadata.namespace, obj.metadata.name ?? '')) return obj;
    const refusal = serviceAccountRefusal(obj, current);
    if (refusal) throw refusal;
    const sa = current.get(
      SERVICE_ACCOUNT,
      obj.metadata.namespace,
      obj.spec?.serviceAccountName ?? 'default',
    );
    return withTokenVolume(obj, sa, randomSuffix());
  },
};
