// The index follows watch events: each case replays a sequence of events into an empty index and
// asserts what a handful of questions answer afterwards (rcode and addresses, whole lists).
import type { Question } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../../src/network/dns/answer.js';
import { DnsIndex } from '../../../../src/network/dns/record-index.js';
import { NOW, pod, service, slice } from './fixtures.js';

type Step = (index: DnsIndex) => void;

/** `NOERROR 10.0.0.1,10.0.0.2`, `NXDOMAIN`, `NOERROR` (no data) or `forward`. */
function summary(index: DnsIndex, name: string, type: Question['type'] = 'A'): string {
  const result = answer({ name, type }, index);
  if (!result) return 'forward';
  const data = result.answers.map((a) => String((a as { data: unknown }).data));
  return [result.rcode, ...(data.length ? [data.join(',')] : [])].join(' ');
}

const web = service('default', 'web', { clusterIP: '10.96.1.1', ports: [{ name: 'http', port: 80 }] });
const headless = service('default', 'hl', { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] });
const twoReady = slice(
  'default',
  'hl',
  [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }],
  [{ name: 'http', port: 8080 }],
);
const oneReady = slice(
  'default',
  'hl',
  [{ ip: '10.244.0.2' }, { ip: '10.244.0.3', ready: false }],
  [{ name: 'http', port: 8080 }],
);

const cases: { title: string; steps: Step[]; expect: Record<string, string> }[] = [
  {
    title: 'an added service answers; its namespace exists through it',
    steps: [(i) => i.applyService('ADDED', web)],
    expect: {
      'web.default.svc.cluster.local': 'NOERROR 10.96.1.1',
      'default.svc.cluster.local': 'NOERROR',
      'PTR 1.1.96.10.in-addr.arpa': 'NOERROR web.default.svc.cluster.local',
    },
  },
  {
    title: 'a deleted service is gone, and so is its reverse record',
    steps: [(i) => i.applyService('ADDED', web), (i) => i.applyService('DELETED', web)],
    expect: {
      'web.default.svc.cluster.local': 'NXDOMAIN',
      'default.svc.cluster.local': 'NXDOMAIN',
      'PTR 1.1.96.10.in-addr.arpa': 'forward',
    },
  },
  {
    title: 'a modified ClusterIP moves the reverse record',
    steps: [
      (i) => i.applyService('ADDED', web),
      (i) =>
        i.applyService('MODIFIED', {
          ...web,
          spec: { ...web.spec, clusterIP: '10.96.1.2', clusterIPs: ['10.96.1.2'] },
        }),
    ],
    expect: {
      'web.default.svc.cluster.local': 'NOERROR 10.96.1.2',
      'PTR 1.1.96.10.in-addr.arpa': 'forward',
      'PTR 2.1.96.10.in-addr.arpa': 'NOERROR web.default.svc.cluster.local',
    },
  },
  {
    title: 'a headless service follows readiness changes of its slice',
    steps: [
      (i) => i.applyService('ADDED', headless),
      (i) => i.applyEndpointSlice('ADDED', twoReady),
      (i) => i.applyEndpointSlice('MODIFIED', oneReady),
    ],
    expect: {
      'hl.default.svc.cluster.local': 'NOERROR 10.244.0.2',
      'PTR 3.0.244.10.in-addr.arpa': 'forward',
      'PTR 2.0.244.10.in-addr.arpa': 'NOERROR 10-244-0-2.hl.default.svc.cluster.local',
    },
  },
  {
    title: 'endpoints of several slices are merged',
    steps: [
      (i) => i.applyService('ADDED', headless),
      (i) => i.applyEndpointSlice('ADDED', twoReady),
      (i) =>
        i.applyEndpointSlice(
          'ADDED',
          slice('default', 'hl', [{ ip: '10.244.0.4' }], [{ name: 'http', port: 8080 }], 'fghij'),
        ),
    ],
    expect: { 'hl.default.svc.cluster.local': 'NOERROR 10.244.0.2,10.244.0.3,10.244.0.4' },
  },
  {
    title: 'a deleted slice takes its endpoints with it',
    steps: [
      (i) => i.applyService('ADDED', headless),
      (i) => i.applyEndpointSlice('ADDED', twoReady),
      (i) => i.applyEndpointSlice('DELETED', twoReady),
    ],
    expect: { 'hl.default.svc.cluster.local': 'NXDOMAIN', 'PTR 2.0.244.10.in-addr.arpa': 'forward' },
  },
  {
    title: 'a pod answers by address and by reverse lookup while it exists',
    steps: [(i) => i.applyPod('ADDED', pod('default', 'p', '10.244.0.9'))],
    expect: {
      'PTR 9.0.244.10.in-addr.arpa': 'NOERROR 10-244-0-9.default.pod.cluster.local',
      '10-244-0-9.default.pod.cluster.local': 'NOERROR 10.244.0.9',
    },
  },
  {
    title: 'a deleted pod leaves no reverse record',
    steps: [
      (i) => i.applyPod('ADDED', pod('default', 'p', '10.244.0.9')),
      (i) => i.applyPod('DELETED', pod('default', 'p', '10.244.0.9')),
    ],
    expect: { 'PTR 9.0.244.10.in-addr.arpa': 'forward', '10-244-0-9.default.pod.cluster.local': 'NXDOMAIN' },
  },
  {
    title: 'a host-network pod and a finished pod do not name their addresses',
    steps: [
      (i) =>
        i.applyPod('ADDED', {
          ...pod('default', 'h', '10.0.0.1'),
          spec: { containers: [], hostNetwork: true },
        }),
      (i) => i.applyPod('ADDED', pod('default', 'done', '10.244.0.8')),
      (i) =>
        i.applyPod('MODIFIED', {
          ...pod('default', 'done', '10.244.0.8'),
          status: { phase: 'Succeeded', podIP: '10.244.0.8' },
        }),
    ],
    expect: { 'PTR 1.0.0.10.in-addr.arpa': 'forward', 'PTR 8.0.244.10.in-addr.arpa': 'forward' },
  },
  {
    title: 'watch events of any kind go through apply; kinds it does not keep are ignored',
    steps: [
      (i) =>
        i.apply({
          type: 'ADDED',
          object: {
            ...web,
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { namespace: 'default', name: 'web' },
          },
        }),
      (i) =>
        i.apply({
          type: 'ADDED',
          object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'cm-only', name: 'x' } },
        }),
      (i) =>
        i.apply({
          type: 'ADDED',
          object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'announced' } },
        }),
    ],
    expect: {
      'web.default.svc.cluster.local': 'NOERROR 10.96.1.1',
      'cm-only.svc.cluster.local': 'NXDOMAIN',
      'announced.svc.cluster.local': 'NOERROR',
    },
  },
  {
    title: 'an announced namespace without objects exists; a deleted one does not',
    steps: [
      (i) => i.applyNamespace('ADDED', 'empty'),
      (i) => i.applyNamespace('ADDED', 'gone'),
      (i) => i.applyNamespace('DELETED', 'gone'),
    ],
    expect: { 'empty.svc.cluster.local': 'NOERROR', 'gone.svc.cluster.local': 'NXDOMAIN' },
  },
];

describe('DnsIndex', () => {
  it.each(cases)('$title', ({ steps, expect: expected }) => {
    const index = new DnsIndex(() => NOW);
    for (const step of steps) step(index);
    const got: Record<string, string> = {};
    for (const q of Object.keys(expected)) {
      const [type, name] = q.startsWith('PTR ') ? ['PTR' as const, q.slice(4)] : ['A' as const, q];
      got[q] = summary(index, name, type);
    }
    expect(got).toEqual(expected);
  });

  it('moves the SOA serial to the time of the last change', () => {
    let now = NOW;
    const index = new DnsIndex(() => now);
    expect(index.serial).toBe(1_700_000_000);
    now += 42_000;
    index.applyService('ADDED', web);
    expect(index.serial).toBe(1_700_000_042);
  });
});
