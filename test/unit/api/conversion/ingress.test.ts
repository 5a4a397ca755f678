// Ingress v1beta1 (extensions and networking.k8s.io) -> networking.k8s.io/v1:
// Convert_v1beta1_IngressBackend_To_networking_IngressBackend, spec.backend -> spec.defaultBackend,
// and the v1beta1 default pathType ImplementationSpecific.
import { describe, expect, it } from 'vitest';
import { convertToStorageVersion } from '../../../../src/api/conversion/index.js';
import type { KObject } from '../../../../src/api/types.js';

const ingress = (apiVersion: string, spec: Record<string, unknown>): KObject => ({
  apiVersion,
  kind: 'Ingress',
  metadata: { name: 'ing' },
  spec,
});
const pathWith = (backend: unknown, extra: Record<string, unknown> = {}) => ({
  rules: [{ host: 'a.example', http: { paths: [{ path: '/', ...extra, backend }] } }],
});
const v1 = (spec: Record<string, unknown>): KObject => ingress('networking.k8s.io/v1', spec);

const cases: Array<[string, KObject, KObject]> = [
  [
    'a numeric servicePort becomes port.number',
    ingress('extensions/v1beta1', pathWith({ serviceName: 's', servicePort: 8080 })),
    v1(pathWith({ service: { name: 's', port: { number: 8080 } } }, { pathType: 'ImplementationSpecific' })),
  ],
  [
    'a named servicePort becomes port.name',
    ingress('extensions/v1beta1', pathWith({ serviceName: 's', servicePort: 'http' })),
    v1(pathWith({ service: { name: 's', port: { name: 'http' } } }, { pathType: 'ImplementationSpecific' })),
  ],
  [
    'a quoted number stays a port name, as the string it was written as',
    ingress('extensions/v1beta1', pathWith({ serviceName: 's', servicePort: '80' })),
    v1(pathWith({ service: { name: 's', port: { name: '80' } } }, { pathType: 'ImplementationSpecific' })),
  ],
  [
    'a serviceName without a port gets an empty port',
    ingress('extensions/v1beta1', pathWith({ serviceName: 's' })),
    v1(pathWith({ service: { name: 's', port: {} } }, { pathType: 'ImplementationSpecific' })),
  ],
  [
    'a port without a serviceName still makes a service backend (validation then wants the name)',
    ingress('extensions/v1beta1', pathWith({ servicePort: 80 })),
    v1(pathWith({ service: { name: '', port: { number: 80 } } }, { pathType: 'ImplementationSpecific' })),
  ],
  [
    'a resource backend is kept as it is',
    ingress(
      'networking.k8s.io/v1beta1',
      pathWith({ resource: { apiGroup: 'x.io', kind: 'Bucket', name: 'b' } }),
    ),
    v1(
      pathWith(
        { resource: { apiGroup: 'x.io', kind: 'Bucket', name: 'b' } },
        { pathType: 'ImplementationSpecific' },
      ),
    ),
  ],
  [
    'a written pathType is kept',
    ingress(
      'networking.k8s.io/v1beta1',
      pathWith({ serviceName: 's', servicePort: 80 }, { pathType: 'Prefix' }),
    ),
    v1(pathWith({ service: { name: 's', port: { number: 80 } } }, { pathType: 'Prefix' })),
  ],
  [
    'spec.backend becomes spec.defaultBackend; tls, class and host-only rules are kept',
    ingress('extensions/v1beta1', {
      ingressClassName: 'nginx',
      backend: { serviceName: 'default', servicePort: 80 },
      tls: [{ hosts: ['a.example'], secretName: 'tls' }],
      rules: [{ host: 'a.example' }],
    }),
    v1({
      defaultBackend: { service: { name: 'default', port: { number: 80 } } },
      ingressClassName: 'nginx',
      tls: [{ hosts: ['a.example'], secretName: 'tls' }],
      rules: [{ host: 'a.example' }],
    }),
  ],
  [
    'a field neither version knows stays in the converted backend',
    ingress('extensions/v1beta1', pathWith({ serviceName: 's', servicePort: 80, weight: 5 })),
    v1(
      pathWith(
        { weight: 5, service: { name: 's', port: { number: 80 } } },
        { pathType: 'ImplementationSpecific' },
      ),
    ),
  ],
];

describe('converting v1beta1 Ingresses', () => {
  for (const [name, manifest, want] of cases) {
    it(name, () => expect(convertToStorageVersion(manifest)?.obj).toEqual(want));
  }

  it('gives networking.k8s.io/v1beta1 its own deprecation warning', () =>
    expect(convertToStorageVersion(ingress('networking.k8s.io/v1beta1', {}))?.warnings).toEqual([
      'networking.k8s.io/v1beta1 Ingress is deprecated in v1.19+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress',
    ]));
});
