// Which Services' status the data plane writes once synced: LoadBalancers get one ingress with
// hostname localhost; a Service that stopped being a LoadBalancer loses its ingress.
import type { Service } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { loadBalancerStatusChanges } from '../../../../src/network/proxy/index.js';
import { service } from './fixtures.js';

const named = (name: string, svc: Service): Service => ({ ...svc, metadata: { namespace: 'shop', name } });
const LOCALHOST = { ingress: [{ hostname: 'localhost' }] };

describe('loadBalancerStatusChanges', () => {
  it.each<[string, Service, unknown[]]>([
    [
      'a new LoadBalancer gets localhost',
      named('lb', service({ type: 'LoadBalancer' }, { loadBalancer: {} })),
      [{ namespace: 'shop', name: 'lb', loadBalancer: LOCALHOST }],
    ],
    [
      'a LoadBalancer that has it already: nothing',
      named('lb', service({ type: 'LoadBalancer' }, { loadBalancer: LOCALHOST })),
      [],
    ],
    [
      'a LoadBalancer with another ingress gets exactly localhost',
      named('lb', service({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '192.0.2.9' }] } })),
      [{ namespace: 'shop', name: 'lb', loadBalancer: LOCALHOST }],
    ],
    [
      'a former LoadBalancer, now NodePort, loses it',
      named('np', service({ type: 'NodePort' }, { loadBalancer: LOCALHOST })),
      [{ namespace: 'shop', name: 'np', loadBalancer: {} }],
    ],
    ['a ClusterIP Service without status: nothing', named('c', service()), []],
    [
      'a ClusterIP Service with an empty load balancer status: nothing',
      named('c', service({}, { loadBalancer: {} })),
      [],
    ],
  ])('%s', (_name, svc, expected) => expect(loadBalancerStatusChanges([svc])).toEqual(expected));
});
