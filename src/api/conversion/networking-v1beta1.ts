// networking.k8s.io/v1beta1: Ingress (the same type and defaults as extensions/v1beta1's). Its
// IngressClass is left out because mkube does not know IngressClass in any version. Deprecation
// data from staging/src/k8s.io/api/networking/v1beta1/zz_generated.prerelease-lifecycle.go.
import { ingressV1beta1 } from './ingress-v1beta1.js';
import type { LegacyKind } from './shared.js';

export const NETWORKING_V1BETA1: readonly LegacyKind[] = [
  ingressV1beta1('networking.k8s.io/v1beta1', { deprecated: '1.19', removed: '1.22' }),
];
