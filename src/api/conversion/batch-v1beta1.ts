// batch/v1beta1: CronJob. Its fields and SetDefaults_CronJob (Allow, not suspended, 3 successful
// and 1 failed Job kept) are batch/v1's, so converting is relabelling. Deprecation data from
// staging/src/k8s.io/api/batch/v1beta1/zz_generated.prerelease-lifecycle.go.
import type { LegacyKind } from './shared.js';

export const BATCH_V1BETA1: readonly LegacyKind[] = [
  {
    apiVersion: 'batch/v1beta1',
    kind: 'CronJob',
    storage: 'batch/v1',
    deprecated: '1.21',
    removed: '1.25',
    replacement: 'batch/v1 CronJob',
  },
];
