// extensions/v1beta1: Deployment, DaemonSet, ReplicaSet, Ingress, NetworkPolicy. Defaults from
// pkg/apis/extensions/v1beta1/defaults.go (the old, looser ones: maxSurge/maxUnavailable 1,
// unlimited history and no progress deadline, DaemonSets updated OnDelete); deprecation data from
// staging/src/k8s.io/api/extensions/v1beta1/zz_generated.prerelease-lifecycle.go.
import type { KObject } from '../types.js';
import { convertIngressV1beta1, INGRESS_STORAGE } from './ingress-v1beta1.js';
import {
  child,
  isSet,
  type LegacyKind,
  type Obj,
  retag,
  rollbackToAnnotation,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
} from './shared.js';

const GROUP = 'extensions/v1beta1';
/** math.MaxInt32: "retain all old ReplicaSets" and "no progress deadline" in extensions/v1beta1. */
export const MAX_INT32 = 2147483647;

function deployment(obj: KObject): KObject {
  const out = retag(obj, 'apps/v1');
  const spec = out.spec;
  selectorAndLabelsFromTemplate(out);
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
  rollbackToAnnotation(out);
  return out as KObject;
}

function daemonSet(obj: KObject): KObject {
  const out = retag(obj, 'apps/v1');
  const spec = out.spec;
  selectorAndLabelsFromTemplate(out);
  const strategy = child(spec, 'updateStrategy');
  setIfAbsent(strategy, 'type', 'OnDelete');
  if (strategy.type === 'RollingUpdate') setIfAbsent(child(strategy, 'rollingUpdate'), 'maxUnavailable', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  // The registry always sets the generation itself (1 on create, +1 on a template change) and
  // apps/v1 keeps it in the `deprecated.daemonset.template.generation` annotation.
  delete spec.templateGeneration;
  return out as KObject;
}

function replicaSet(obj: KObject): KObject {
  const out = retag(obj, 'apps/v1');
  selectorAndLabelsFromTemplate(out);
  setIfAbsent(out.spec, 'replicas', 1);
  return out as KObject;
}

function networkPolicy(obj: KObject): KObject {
  const out = retag(obj, 'networking.k8s.io/v1');
  const spec = out.spec;
  const list = (v: unknown): Obj[] => (Array.isArray(v) ? v : []);
  for (const rule of list(spec.ingress)) {
    for (const port of list(rule?.ports))
      if (port && typeof port === 'object') setIfAbsent(port, 'protocol', 'TCP');
  }
  if (list(spec.policyTypes).length === 0) {
    spec.policyTypes = list(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  return out as KObject;
}

const lifecycle = { deprecated: '1.8', removed: '1.16' };

export const EXTENSIONS_V1BETA1: readonly LegacyKind[] = [
  {
    apiVersion: GROUP,
    kind: 'Deployment',
    storage: 'apps/v1',
    ...lifecycle,
    replacement: 'apps/v1 Deployment',
    convert: deployment,
  },
  {
    apiVersion: GROUP,
    kind: 'DaemonSet',
    storage: 'apps/v1',
    ...lifecycle,
    replacement: 'apps/v1 DaemonSet',
    convert: daemonSet,
  },
  {
    apiVersion: GROUP,
    kind: 'ReplicaSet',
    storage: 'apps/v1',
    ...lifecycle,
    replacement: 'apps/v1 ReplicaSet',
    convert: replicaSet,
  },
  {
    apiVersion: GROUP,
    kind: 'Ingress',
    storage: INGRESS_STORAGE,
    deprecated: '1.14',
    removed: '1.22',
    replacement: 'networking.k8s.io/v1 Ingress',
    convert: convertIngressV1beta1,
  },
  {
    apiVersion: GROUP,
    kind: 'NetworkPolicy',
    storage: 'networking.k8s.io/v1',
    deprecated: '1.9',
    removed: '1.16',
    replacement: 'networking.k8s.io/v1 NetworkPolicy',
    convert: networkPolicy,
  },
];
