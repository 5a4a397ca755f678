// networking.k8s.io/v1beta1: Ingress (the same type and defaults as extensions/v1beta1's). Its
// IngressClass is left out because mkube does not know IngressClass in any version. Deprecation
// data from staging/src/k8s.io/api/networking/v1beta1/zz_generated.prerelease-lifecycle.go.
import { convertIngressV1beta1, INGRESS_STORAGE } from './ingress-v1beta1.js';
import type { LegacyKind } from './shared.js';

export const NETWORKING_V1BETA1: readonly LegacyKind[] = [
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kind: 'Ingress',
    storage: INGRESS_STORAGE,
    deprecated: '1.19',
    removed: '1.22',
    replacement: 'networking.k8s.io/v1 Ingress',
    convert: convertIngressV1beta1,
  },
];
