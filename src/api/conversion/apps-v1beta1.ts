// apps/v1beta1: Deployment, StatefulSet, ControllerRevision. Defaults from
// pkg/apis/apps/v1beta1/defaults.go: selectors still default to the template's labels, a
// Deployment keeps only 2 old ReplicaSets, a StatefulSet updates OnDelete. Deprecation data from
// staging/src/k8s.io/api/apps/v1beta1/zz_generated.prerelease-lifecycle.go.
import {
  child,
  type LegacyKind,
  type Obj,
  rollbackToAnnotation,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
} from './shared.js';

const STORAGE = 'apps/v1';

function deploymentDefaults(obj: Obj): void {
  const spec = obj.spec;
  selectorAndLabelsFromTemplate(obj);
  setIfAbsent(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setIfAbsent(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = child(strategy, 'rollingUpdate');
    setIfAbsent(rollingUpdate, 'maxUnavailable', '25%');
    setIfAbsent(rollingUpdate, 'maxSurge', '25%');
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 2);
  setIfAbsent(spec, 'progressDeadlineSeconds', 600);
}

function statefulSetDefaults(obj: Obj): void {
  const spec = obj.spec;
  setIfAbsent(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  setIfAbsent(strategy, 'type', 'OnDelete');
  selectorAndLabelsFromTemplate(obj);
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  // Only a rollingUpdate the manifest wrote gets its partition; none is created here.
  const rollingUpdate = strategy.rollingUpdate;
  if (strategy.type === 'RollingUpdate' && rollingUpdate && typeof rollingUpdate === 'object') {
    setIfAbsent(rollingUpdate, 'partition', 0);
  }
}

const lifecycle = { apiVersion: 'apps/v1beta1', storage: STORAGE, deprecated: '1.8', removed: '1.16' };

export const APPS_V1BETA1: readonly LegacyKind[] = [
  {
    ...lifecycle,
    kind: 'Deployment',
    replacement: 'apps/v1 Deployment',
    setDefaults: deploymentDefaults,
    mapFields: rollbackToAnnotation,
  },
  { ...lifecycle, kind: 'StatefulSet', replacement: 'apps/v1 StatefulSet', setDefaults: statefulSetDefaults },
  { ...lifecycle, kind: 'ControllerRevision', replacement: 'apps/v1 ControllerRevision', noSpec: true },
];
