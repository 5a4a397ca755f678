// apps/v1beta2: Deployment, DaemonSet, ReplicaSet, StatefulSet, ControllerRevision. The fields and
// the SetDefaults_* functions of pkg/apis/apps/v1beta2/defaults.go are those of apps/v1 (25%/25%,
// 10 revisions, 600 s deadline, DaemonSet RollingUpdate 1/0, selectors required), so converting is
// relabelling and applyDefaults does the rest. Deprecation data from
// staging/src/k8s.io/api/apps/v1beta2/zz_generated.prerelease-lifecycle.go.
import type { LegacyKind } from './shared.js';

const STORAGE = 'apps/v1';

export const APPS_V1BETA2: readonly LegacyKind[] = [
  'Deployment',
  'DaemonSet',
  'ReplicaSet',
  'StatefulSet',
  'ControllerRevision',
].map((kind) => ({
  apiVersion: 'apps/v1beta2',
  kind,
  storage: STORAGE,
  deprecated: '1.9',
  removed: '1.16',
  replacement: `${STORAGE} ${kind}`,
  noSpec: kind === 'ControllerRevision',
}));
