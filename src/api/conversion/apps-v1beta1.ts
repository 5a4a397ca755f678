// apps/v1beta1: Deployment, StatefulSet, ControllerRevision. Defaults from
// pkg/apis/apps/v1beta1/defaults.go: selectors still default to the template's labels, a
// Deployment keeps only 2 old ReplicaSets, a StatefulSet updates OnDelete. Deprecation data from
// staging/src/k8s.io/api/apps/v1beta1/zz_generated.prerelease-lifecycle.go.
import type { KObject } from '../types.js';
import {
  child,
  type LegacyKind,
  retag,
  rollbackToAnnotation,
  sameFields,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
} from './shared.js';

const GROUP = 'apps/v1beta1';
const STORAGE = 'apps/v1';

function deployment(obj: KObject): KObject {
  const out = retag(obj, STORAGE);
  const spec = out.spec;
  selectorAndLabelsFromTemplate(out);
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
  rollbackToAnnotation(out);
  return out as KObject;
}

function statefulSet(obj: KObject): KObject {
  const out = retag(obj, STORAGE);
  const spec = out.spec;
  setIfAbsent(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  setIfAbsent(strategy, 'type', 'OnDelete');
  selectorAndLabelsFromTemplate(out);
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  // Only a rollingUpdate the manifest wrote gets its partition; none is created here.
  if (
    strategy.type === 'RollingUpdate' &&
    strategy.rollingUpdate &&
    typeof strategy.rollingUpdate === 'object'
  ) {
    setIfAbsent(strategy.rollingUpdate, 'partition', 0);
  }
  return out as KObject;
}

const lifecycle = { apiVersion: GROUP, storage: STORAGE, deprecated: '1.8', removed: '1.16' };

export const APPS_V1BETA1: readonly LegacyKind[] = [
  { ...lifecycle, kind: 'Deployment', replacement: 'apps/v1 Deployment', convert: deployment },
  { ...lifecycle, kind: 'StatefulSet', replacement: 'apps/v1 StatefulSet', convert: statefulSet },
  {
    ...lifecycle,
    kind: 'ControllerRevision',
    replacement: 'apps/v1 ControllerRevision',
    convert: sameFields(STORAGE),
  },
];
