import { describe, expect, it } from 'vitest';
import { type NodeMetrics, nodeMetrics, type PodMetrics, podMetrics } from '../../../src/api/metrics.js';
import { formatNodeMetrics, formatPodMetrics } from '../../../src/printers/top.js';

const AT = Date.UTC(2024, 4, 1);
const pod = (namespace: string, name: string, containers: [string, number, number][]): PodMetrics =>
  podMetrics({
    namespace,
    name,
    at: AT,
    windowMs: 15_000,
    containers: containers.map(([n, milli, mi]) => ({
      name: n,
      nanoCores: milli * 1e6,
      memoryBytes: mi * 1048576,
    })),
  });

const PODS = [
  pod('default', 'web', [
    ['nginx', 3, 12],
    ['log', 250.5, 4],
  ]),
  pod('kube-system', 'dns', [['coredns', 1, 20]]),
  pod('default', 'api', [['app', 900, 100]]),
];

const opts = { containers: false, withNamespace: false, noHeaders: false, sortBy: '' as const, sum: false };

describe('top printers', () => {
  it('prints pods by name, CPU rounded up to millicores, memory in whole Mi, every column padded', () => {
    expect(formatPodMetrics(PODS, opts)).toBe(
      [
        'NAME   CPU(cores)   MEMORY(bytes)   ',
        'api    900m         100Mi           ',
        'dns    1m           20Mi            ',
        'web    254m         16Mi            ',
        '',
      ].join('\n'),
    );
  });

  it('prints namespaces, containers and the sum', () => {
    expect(formatPodMetrics(PODS, { ...opts, withNamespace: true, containers: true, sum: true })).toBe(
      [
        'NAMESPACE     POD   NAME      CPU(cores)   MEMORY(bytes)   ',
        'default       api   app       900m         100Mi           ',
        'default       web   log       251m         4Mi             ',
        'default       web   nginx     3m           12Mi            ',
        'kube-system   dns   coredns   1m           20Mi            ',
        '                              ________     ________        ',
        '                              1155m        136Mi           ',
        '',
      ].join('\n'),
    );
  });

  it('sorts by cpu or memory, highest first, and drops headers', () => {
    expect(formatPodMetrics(PODS, { ...opts, sortBy: 'memory', noHeaders: true })).toBe(
      ['api   900m   100Mi   ', 'dns   1m     20Mi    ', 'web   254m   16Mi    ', ''].join('\n'),
    );
    expect(
      formatPodMetrics(PODS, { ...opts, sortBy: 'cpu', noHeaders: true })
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual(['api', 'web', 'dns', '']);
  });

  it('prints nothing for no metrics', () => {
    expect(formatPodMetrics([], opts)).toBe('');
  });

  it('prints nodes with percentages of allocatable, and <unknown> for nodes without metrics', () => {
    const nodes: NodeMetrics[] = [
      nodeMetrics({ name: 'laptop', at: AT, windowMs: 15_000, nanoCores: 1.5e9, memoryBytes: 3 * 1024 ** 3 }),
    ];
    const available = new Map([
      ['laptop', { cpu: '4', memory: '16Gi' }],
      ['other', { cpu: '2', memory: '1Gi' }],
    ]);
    expect(formatNodeMetrics(nodes, available, { noHeaders: false, sortBy: '' })).toBe(
      [
        'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ',
        'laptop   1500m        37%         3072Mi          18%         ',
        'other    <unknown>    <unknown>   <unknown>       <unknown>   ',
        '',
      ].join('\n'),
    );
  });
});
