// Ingress in extensions/v1beta1 and networking.k8s.io/v1beta1 (the same type in both groups) to
// networking.k8s.io/v1: SetDefaults_HTTPIngressPath of the old version, then the hand-written
// conversion (Convert_v1beta1_IngressBackend_To_networking_IngressBackend, IngressSpec's
// `backend` -> `defaultBackend`).
import type { KObject } from '../types.js';
import { isSet, type Obj, retag } from './shared.js';

export const INGRESS_STORAGE = 'networking.k8s.io/v1';

/**
 * `serviceName` + `servicePort` (an int-or-string) become `service: {name, port}`: a number goes to
 * `port.number`, a string to `port.name` (even "80": it was a string in the manifest). Go converts
 * only when one of them is set; `service.name` has no omitempty, so it is written even if empty.
 * `resource` and any field neither version knows stay as they are.
 */
export function convertBackend(backend: Obj): Obj {
  if (!isSet(backend) || typeof backend !== 'object') return backend;
  const { serviceName, servicePort, ...rest } = backend;
  const isString = typeof servicePort === 'string';
  const number = typeof servicePort === 'number' ? servicePort : 0;
  if (!(typeof serviceName === 'string' && serviceName.length > 0) && number === 0 && !isString) {
    return rest;
  }
  const port: Obj = {};
  if (isString && servicePort !== '') port.name = servicePort;
  if (number !== 0) port.number = number;
  return { ...rest, service: { name: serviceName ?? '', port } };
}

export function convertIngressV1beta1(obj: KObject): KObject {
  const out = retag(obj, INGRESS_STORAGE);
  const spec = out.spec;
  if ('backend' in spec) {
    const { backend, ...rest } = spec;
    out.spec = isSet(backend) ? { defaultBackend: convertBackend(backend), ...rest } : rest;
  }
  for (const rule of Array.isArray(out.spec.rules) ? out.spec.rules : []) {
    const paths = rule?.http?.paths;
    if (!Array.isArray(paths)) continue;
    rule.http.paths = paths.map((p: Obj) => {
      if (!isSet(p) || typeof p !== 'object') return p;
      // The v1beta1 default: the ingress controller decides how to match.
      const pathType = p.pathType ?? 'ImplementationSpecific';
      return 'backend' in p ? { ...p, pathType, backend: convertBackend(p.backend) } : { ...p, pathType };
    });
  }
  return out as KObject;
}
