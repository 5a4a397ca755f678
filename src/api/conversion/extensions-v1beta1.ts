// extensions/v1beta1: Deployment, DaemonSet, ReplicaSet, Ingress, NetworkPolicy. Defaults from
// pkg/apis/extensions/v1beta1/defaults.go (the old, looser ones: maxSurge/maxUnavailable 1,
// unlimited history and no progress deadline, DaemonSets updated OnDelete); deprecation data from
// staging/src/k8s.io/api/extensions/v1beta1/zz_generated.prerelease-lifecycle.go.
import { ingressV1beta1 } from './ingress-v1beta1.js';
import {
  child,
  isSet,
  type LegacyKind,
  type Obj,
  rollbackToAnnotation,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
} from './shared.js';

const GROUP = 'extensions/v1beta1';
/** math.MaxInt32: "retain all old ReplicaSets" and "no progress deadline" in extensions/v1beta1. */
const MAX_INT32 = 2147483647;

function deploymentDefaults(obj: Obj): void {
  const spec = obj.spec;
  selectorAndLabelsFromTemplate(obj);
  setIfAbsent(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setIfAbsent(strategy, 'type', 'RollingUpdate');
  // Unlike apps/*, a rollingUpdate given with another type is defaulted too.
  if (strategy.type === 'RollingUpdate' || isSet(strategy.rollingUpdate)) {
    const rollingUpdate = child(strategy, 'rollingUpdate');
    setIfAbsent(rollingUpdate, 'maxUnavailable', 1);
    setIfAbsent(rollingUpdate, 'maxSurge', 1);
  }
  setIfAbsent(spec, 'progressDeadlineSeconds', MAX_INT32);
  setIfAbsent(spec, 'revisionHistoryLimit', MAX_INT32);
}

function daemonSetDefaults(obj: Obj): void {
  const spec = obj.spec;
  selectorAndLabelsFromTemplate(obj);
  const strategy = child(spec, 'updateStrategy');
  setIfAbsent(strategy, 'type', 'OnDelete');
  if (strategy.type === 'RollingUpdate') setIfAbsent(child(strategy, 'rollingUpdate'), 'maxUnavailable', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
}

/**
 * The registry always sets a DaemonSet's generation itself (1 on create, +1 on a template change)
 * and apps/v1 keeps it in the `deprecated.daemonset.template.generation` annotation, so the
 * written value is dropped.
 */
function daemonSetFields(obj: Obj): void {
  delete obj.spec.templateGeneration;
}

function replicaSetDefaults(obj: Obj): void {
  selectorAndLabelsFromTemplate(obj);
  setIfAbsent(obj.spec, 'replicas', 1);
}

function networkPolicyDefaults(obj: Obj): void {
  const spec = obj.spec;
  const list = (v: unknown): Obj[] => (Array.isArray(v) ? v : []);
  for (const rule of list(spec.ingress)) {
    for (const port of list(rule?.ports))
      if (port && typeof port === 'object') setIfAbsent(port, 'protocol', 'TCP');
  }
  if (list(spec.policyTypes).length === 0) {
    spec.policyTypes = list(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

const apps = { apiVersion: GROUP, storage: 'apps/v1', deprecated: '1.8', removed: '1.16' };

export const EXTENSIONS_V1BETA1: readonly LegacyKind[] = [
  {
    ...apps,
    kind: 'Deployment',
    replacement: 'apps/v1 Deployment',
    setDefaults: deploymentDefaults,
    mapFields: rollbackToAnnotation,
  },
  {
    ...apps,
    kind: 'DaemonSet',
    replacement: 'apps/v1 DaemonSet',
    setDefaults: daemonSetDefaults,
    mapFields: daemonSetFields,
  },
  { ...apps, kind: 'ReplicaSet', replacement: 'apps/v1 ReplicaSet', setDefaults: replicaSetDefaults },
  ingressV1beta1(GROUP, { deprecated: '1.14', removed: '1.22' }),
  {
    apiVersion: GROUP,
    kind: 'NetworkPolicy',
    storage: 'networking.k8s.io/v1',
    deprecated: '1.9',
    removed: '1.16',
    replacement: 'networking.k8s.io/v1 NetworkPolicy',
    setDefaults: networkPolicyDefaults,
  },
];
