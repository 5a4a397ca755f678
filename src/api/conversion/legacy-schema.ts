// Strict decoding of an old apiVersion.
//
// The API server decodes a manifest into the OLD version's Go type, so a strict-decoding error
// names the field as the user wrote it (`spec.rules[0].http.paths[0].backend.serviceNmae`, with its
// line), fields only the old version has (`serviceName`, `rollbackTo`, `templateGeneration`) are
// known, and only then is the object defaulted and converted. mkube does the same: the registry
// checks the manifest as written against the old version's schema returned here (the generated
// current schema with the few structs where the old version differs), drops or reports what is
// unknown, then calls convertToStorageVersion.
//
// Conversion itself maps only the fields it knows and leaves every other field where it is, so a
// caller that checks the converted object against the current schema instead still reports truly
// unknown fields (under their converted path) and never sees the old version's own fields.
//
// Not modelled: fields added to the current version after the old one stopped being served (e.g.
// `endPort`, `ordinals`); the old Go types gained most of them too, so they are accepted.

import type { Structs } from '../schema/check.js';
import { STRUCTS } from '../schema/fields.gen.js';
import type { StructSchema } from '../schema/types.js';

type Overlay = Record<string, StructSchema>;

const withFields = (name: string, add: Record<string, string>, r?: string[]): StructSchema => ({
  f: { ...STRUCTS[name]!.f, ...add },
  r: r ?? STRUCTS[name]!.r,
});

/** extensions/v1beta1 and apps/v1beta1 Deployments: rollbackTo, and a selector that may default. */
const OLD_DEPLOYMENT: Overlay = {
  DeploymentSpec: withFields('DeploymentSpec', { rollbackTo: 'RollbackConfig' }, ['template']),
  RollbackConfig: { f: { revision: 'l' } },
};

/** The v1beta1 Ingress of both groups: serviceName/servicePort backends, `spec.backend`. */
const { defaultBackend: _, ...ingressSpecFields } = STRUCTS.IngressSpec!.f;
const OLD_INGRESS: Overlay = {
  IngressSpec: { f: { ...ingressSpecFields, backend: 'IngressBackend' } },
  IngressBackend: {
    f: { serviceName: 's', servicePort: 'n', resource: 'TypedLocalObjectReference' },
  },
  HTTPIngressPath: withFields('HTTPIngressPath', {}, ['backend']),
  IngressStatus: { f: { loadBalancer: 'LoadBalancerStatus' } },
};

const OVERLAYS: Record<string, Overlay> = {
  'extensions/v1beta1 Deployment': OLD_DEPLOYMENT,
  'extensions/v1beta1 DaemonSet': {
    DaemonSetSpec: withFields('DaemonSetSpec', { templateGeneration: 'l' }, ['template']),
  },
  'extensions/v1beta1 ReplicaSet': {},
  'extensions/v1beta1 Ingress': OLD_INGRESS,
  'extensions/v1beta1 NetworkPolicy': {},
  'apps/v1beta1 Deployment': OLD_DEPLOYMENT,
  'apps/v1beta1 StatefulSet': { StatefulSetSpec: withFields('StatefulSetSpec', {}, ['template']) },
  'apps/v1beta1 ControllerRevision': {},
  'apps/v1beta2 Deployment': {},
  'apps/v1beta2 DaemonSet': {},
  'apps/v1beta2 ReplicaSet': {},
  'apps/v1beta2 StatefulSet': {},
  'apps/v1beta2 ControllerRevision': {},
  'networking.k8s.io/v1beta1 Ingress': OLD_INGRESS,
  'batch/v1beta1 CronJob': {},
  'autoscaling/v1 HorizontalPodAutoscaler': {
    HorizontalPodAutoscalerSpec: {
      f: {
        maxReplicas: 'i',
        minReplicas: 'i',
        scaleTargetRef: 'CrossVersionObjectReference',
        targetCPUUtilizationPercentage: 'i',
      },
      r: ['maxReplicas', 'scaleTargetRef'],
    },
    HorizontalPodAutoscalerStatus: {
      f: {
        currentCPUUtilizationPercentage: 'i',
        currentReplicas: 'i',
        desiredReplicas: 'i',
        lastScaleTime: 's',
        observedGeneration: 'l',
      },
      r: ['currentReplicas', 'desiredReplicas'],
    },
  },
};

const cache = new Map<string, Structs>();

/**
 * The schema to decode `kind` in the old `apiVersion` with, for checkSchema(obj, kind, structs);
 * undefined when the version is not a deprecated one mkube converts (use the current schema).
 * apps/v1beta2, batch/v1beta1 and most others have the current fields: they get STRUCTS itself.
 */
export function legacyDecodeSchema(apiVersion: string, kind: string): Structs | undefined {
  const key = `${apiVersion} ${kind}`;
  const overlay = OVERLAYS[key];
  if (!overlay) return undefined;
  if (!Object.keys(overlay).length) return STRUCTS;
  let structs = cache.get(key);
  if (!structs) {
    structs = { ...STRUCTS, ...overlay };
    cache.set(key, structs);
  }
  return structs;
}
