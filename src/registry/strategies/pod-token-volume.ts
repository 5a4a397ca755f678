// The ServiceAccount admission plugin's token volume: a pod that does not opt out (its own
// automountServiceAccountToken, else its ServiceAccount's) gets the projected volume
// `kube-api-access-<5 random>` (a bound token refreshed by the kubelet, the cluster's CA from the
// kube-root-ca.crt ConfigMap, the namespace) mounted read-only at
// /var/run/secrets/kubernetes.io/serviceaccount in every container and init container that does
// not mount something there already. Pure: the random suffix is the caller's.
import type { KObject } from '../../api/types.js';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** The token's lifetime: 1 h plus 7 s, as the plugin sets it (so it is told apart from requests). */
export const POD_TOKEN_SECONDS = 3607;

/** utilrand.String's alphabet (no vowels, no confusable digits). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

export function tokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: POD_TOKEN_SECONDS, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: ROOT_CA_CONFIGMAP } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    },
  };
}

/** The pod with the token volume and its mounts, or the pod unchanged when it opts out. */
export function withTokenVolume(pod: KObject, serviceAccount: KObject | undefined, suffix: string): KObject {
  const spec = pod.spec ?? {};
  const automount = spec.automountServiceAccountToken ?? serviceAccount?.automountServiceAccountToken ?? true;
  if (!automount) return pod;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const mounted = (c: { volumeMounts?: { mountPath?: string }[] }) =>
    (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH);
  if (containers.every(mounted)) return pod;
  const name = `${TOKEN_VOLUME_PREFIX}${suffix}`;
  const mount = { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true };
  const addMount = (c: any) => (mounted(c) ? c : { ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] });
  return {
    ...pod,
    spec: {
      ...spec,
      volumes: [...(spec.volumes ?? []), tokenVolume(name)],
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(addMount) } : {}),
      containers: (spec.containers ?? []).map(addMount),
    },
  };
}
