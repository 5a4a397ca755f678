// The `kubernetes` Service's Endpoints and EndpointSlice as the API server's endpoint reconciler
// writes them, pointing at the agent's API endpoint for pods; rewritten only when they differ.
import { describe, expect, it } from 'vitest';
import {
  endpointUpToDate,
  kubernetesEndpointSlice,
  kubernetesEndpoints,
} from '../../../src/agent/kubernetes-endpoints.js';

const API = { ip: '172.21.0.1', port: 6443 };

describe('the kubernetes Service endpoints', () => {
  it('names the API endpoint in the Endpoints, marked not to be mirrored', () => {
    expect(kubernetesEndpoints(API)).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        { addresses: [{ ip: '172.21.0.1' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      ],
    });
  });

  it('names it in the EndpointSlice with only the service-name label', () => {
    expect(kubernetesEndpointSlice(API)).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.21.0.1'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  });

  it('is up to date only when the stored object says the same, whatever else it carries', () => {
    const desired = kubernetesEndpointSlice(API);
    const stored = {
      ...desired,
      metadata: { ...desired.metadata, uid: 'u', resourceVersion: '7', creationTimestamp: 'x' },
    };
    expect(endpointUpToDate(stored, desired)).toBe(true);
    expect(endpointUpToDate(undefined, desired)).toBe(false);
    expect(endpointUpToDate(kubernetesEndpointSlice({ ...API, port: 40000 }), desired)).toBe(false);
    expect(endpointUpToDate({ ...stored, metadata: { ...stored.metadata, labels: {} } }, desired)).toBe(
      false,
    );
    expect(
      endpointUpToDate({ ...stored, metadata: { ...stored.metadata, deletionTimestamp: 'now' } }, desired),
    ).toBe(false);
  });
});
