// Ingress in extensions/v1beta1 and networking.k8s.io/v1beta1 (the same type in both groups) to
// networking.k8s.io/v1: SetDefaults_HTTPIngressPath of the old version, then the hand-written
// conversion (Convert_v1beta1_IngressBackend_To_networking_IngressBackend, IngressSpec's
// `backend` -> `defaultBackend`).
import { isSet, type LegacyKind, type Obj } from './shared.js';

const INGRESS_STORAGE = 'networking.k8s.io/v1';

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

/** Every path of every rule with an `http` section. */
function paths(obj: Obj): Obj[] {
  const rules = Array.isArray(obj.spec.rules) ? obj.spec.rules : [];
  return rules.flatMap((r: Obj) => (Array.isArray(r?.http?.paths) ? r.http.paths : [])).filter(isObject);
}

const isObject = (v: unknown): v is Obj => isSet(v) && typeof v === 'object' && !Array.isArray(v);

/** The v1beta1 default: the ingress controller decides how to match. */
function setDefaults(obj: Obj): void {
  for (const p of paths(obj)) p.pathType ??= 'ImplementationSpecific';
}

function mapFields(obj: Obj): void {
  if ('backend' in obj.spec) {
    const { backend, ...rest } = obj.spec;
    obj.spec = isSet(backend) ? { defaultBackend: convertBackend(backend), ...rest } : rest;
  }
  for (const p of paths(obj)) if ('backend' in p) p.backend = convertBackend(p.backend);
}

/** The Ingress entry of a v1beta1 group. */
export function ingressV1beta1(
  apiVersion: string,
  lifecycle: { deprecated: string; removed: string },
): LegacyKind {
  return {
    apiVersion,
    kind: 'Ingress',
    storage: INGRESS_STORAGE,
    ...lifecycle,
    replacement: `${INGRESS_STORAGE} Ingress`,
    setDefaults,
    mapFields,
  };
}
