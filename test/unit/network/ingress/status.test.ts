// The status writes of the Ingress controller: only where the status is not already right.
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { describe, expect, it } from 'vitest';
import { computeStatusUpdates, loadBalancerStatus } from '../../../../src/network/ingress/status.js';

const ing = (name: string, loadBalancer?: NonNullable<Ingress['status']>['loadBalancer']): Ingress => ({
  metadata: { name, namespace: 'default' },
  ...(loadBalancer ? { status: { loadBalancer } } : {}),
});

describe('computeStatusUpdates', () => {
  it('writes localhost and the ports to served Ingresses that lack them, and clears ours from the rest', () =>
    expect(
      computeStatusUpdates(
        [
          ing('new'),
          ing('current', loadBalancerStatus([8080, 8443])),
          ing('moved', loadBalancerStatus([8080])),
          ing('unserved-ours', loadBalancerStatus([80, 443])),
          ing('unserved-other', { ingress: [{ ip: '192.0.2.1' }] }),
          ing('unserved-none'),
        ],
        new Set(['default/new', 'default/current', 'default/moved']),
        [8080, 8443],
      ),
    ).toEqual([
      {
        namespace: 'default',
        name: 'new',
        loadBalancer: {
          ingress: [
            {
              hostname: 'localhost',
              ports: [
                { port: 8080, protocol: 'TCP' },
                { port: 8443, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
      {
        namespace: 'default',
        name: 'moved',
        loadBalancer: {
          ingress: [
            {
              hostname: 'localhost',
              ports: [
                { port: 8080, protocol: 'TCP' },
                { port: 8443, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
      { namespace: 'default', name: 'unserved-ours', loadBalancer: {} },
    ]));
});
