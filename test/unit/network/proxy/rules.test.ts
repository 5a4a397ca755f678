import { describe, expect, it } from 'vitest';
import { computeRules, MAX_CHAIN_LENGTH, type ProxyInput } from '../../../../src/network/proxy/index.js';
import { endpoint, input, service, slice } from './fixtures.js';

// The fixed part of every home's rules, written out once in full.
const P = 'MKUBE-abcd1234';
const FIXED_CHAINS = [
  `:${P}-SERVICES - [0:0]`,
  `:${P}-NODEPORTS - [0:0]`,
  `:${P}-POSTROUTING - [0:0]`,
  `:${P}-MARK-MASQ - [0:0]`,
];
const FIXED_RULES = [
  `-A ${P}-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN`,
  `-A ${P}-POSTROUTING -j MARK --xor-mark 0x4000`,
  `-A ${P}-POSTROUTING -m comment --comment "mkube service traffic requiring SNAT" -j MASQUERADE`,
  `-A ${P}-MARK-MASQ -j MARK --or-mark 0x4000`,
];
const NODEPORTS_LAST = [
  `-A ${P}-SERVICES -d 10.96.0.0/12 -j RETURN`,
  `-A ${P}-SERVICES -m comment --comment "mkube service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j ${P}-NODEPORTS`,
];
const FILTER_CHAINS = [`:${P}-SERVICES - [0:0]`, `:${P}-FORWARD - [0:0]`, `:${P}-FIREWALL - [0:0]`];
const FILTER_FIXED = [
  `-A ${P}-FORWARD -m comment --comment "mkube forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT`,
  `-A ${P}-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
];

const nat = (chains: string[], rules: string[]) => [
  ...FIXED_CHAINS,
  ...chains.map((c) => `:${P}-${c} - [0:0]`),
  ...FIXED_RULES,
  ...rules,
  ...NODEPORTS_LAST,
];
const filter = (rejects: string[]) => [...FILTER_CHAINS, ...rejects, ...FILTER_FIXED];

const SVC = `${P}-SVC-TL6HGMALS`;
const EXT = `${P}-EXT-TL6HGMALS`;
const SEP2 = `${P}-SEP-GGA3RVX2G`; // default/web:http -> 172.18.0.2:8080
const SEP3 = `${P}-SEP-QF7HZPZ4U`; // default/web:http -> 172.18.0.3:8080
const TO_CLUSTER_IP = `-A ${P}-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10/32`;
const sep = (chain: string, ip: string, affinity = '') => [
  `-A ${chain} -m comment --comment default/web:http -s ${ip}/32 -j ${P}-MARK-MASQ`,
  `-A ${chain} -m comment --comment default/web:http ${affinity}-m tcp -p tcp -j DNAT --to-destination ${ip}:8080`,
];
const pick = (chain: string, ip: string, probability?: string) =>
  `-A ${SVC} -m comment --comment "default/web:http -> ${ip}:8080" ${probability ? `-m statistic --mode random --probability ${probability} ` : ''}-j ${chain}`;
const twoEndpoints = slice([endpoint('172.18.0.3'), endpoint('172.18.0.2')]);
const nodePortSpec = { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' as const, nodePort: 30080 };

interface Case {
  name: string;
  input: ProxyInput;
  nat: string[];
  filter: string[];
  needsRouteLocalnet: boolean;
}

const cases: Case[] = [
  {
    name: 'with no Service there are only the fixed chains',
    input: input([], []),
    nat: nat([], []),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
  {
    name: 'a ClusterIP with two ready endpoints picks one at random, half and then the rest',
    input: input([service()], [twoEndpoints]),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-GGA3RVX2G', 'SEP-QF7HZPZ4U'],
      [
        `${TO_CLUSTER_IP} --dport 80 -j ${SVC}`,
        pick(SEP2, '172.18.0.2', '0.5000000000'),
        pick(SEP3, '172.18.0.3'),
        ...sep(SEP2, '172.18.0.2'),
        ...sep(SEP3, '172.18.0.3'),
      ],
    ),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
  {
    name: 'a Service without endpoints is rejected in the filter table and has no nat chain',
    input: input([service()], [slice([endpoint('172.18.0.2', { ready: false })])]),
    nat: nat([], []),
    filter: filter([
      `-A ${P}-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j REJECT`,
    ]),
    needsRouteLocalnet: false,
  },
  {
    name: 'a NodePort answers on every local address through an EXT chain that masquerades; host traffic to the ClusterIP is masqueraded',
    input: input([service({ type: 'NodePort', ports: [nodePortSpec] })], [slice([endpoint('172.18.0.2')])], {
      clusterCIDR: '172.18.0.0/16',
    }),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-GGA3RVX2G', 'EXT-TL6HGMALS'],
      [
        `${TO_CLUSTER_IP} --dport 80 -j ${SVC}`,
        `-A ${SVC} -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 ! -s 172.18.0.0/16 -j ${P}-MARK-MASQ`,
        pick(SEP2, '172.18.0.2'),
        ...sep(SEP2, '172.18.0.2'),
        `-A ${P}-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j ${EXT}`,
        `-A ${EXT} -m comment --comment "masquerade traffic for default/web:http external destinations" -j ${P}-MARK-MASQ`,
        `-A ${EXT} -j ${SVC}`,
      ],
    ),
    filter: filter([]),
    needsRouteLocalnet: true,
  },
  {
    name: 'a LoadBalancer answers on 127.0.0.1 and its status IPs at the service port; Local policy masquerades only the host',
    input: input(
      [
        service(
          { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [nodePortSpec] },
          { loadBalancer: { ingress: [{ ip: '192.168.5.5' }, { hostname: 'localhost' }] } },
        ),
      ],
      [slice([endpoint('172.18.0.2')])],
    ),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-GGA3RVX2G', 'EXT-TL6HGMALS'],
      [
        `${TO_CLUSTER_IP} --dport 80 -j ${SVC}`,
        pick(SEP2, '172.18.0.2'),
        ...sep(SEP2, '172.18.0.2'),
        `-A ${P}-SERVICES -m comment --comment "default/web:http loadbalancer IP" -m tcp -p tcp -d 127.0.0.1/32 --dport 80 -j ${EXT}`,
        `-A ${P}-SERVICES -m comment --comment "default/web:http loadbalancer IP" -m tcp -p tcp -d 192.168.5.5/32 --dport 80 -j ${EXT}`,
        `-A ${P}-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j ${EXT}`,
        `-A ${EXT} -m comment --comment "masquerade LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j ${P}-MARK-MASQ`,
        `-A ${EXT} -j ${SVC}`,
      ],
    ),
    filter: filter([]),
    needsRouteLocalnet: true,
  },
  {
    name: 'a LoadBalancer without endpoints rejects its ClusterIP, its host address and its NodePort',
    input: input([service({ type: 'LoadBalancer', ports: [nodePortSpec] })], []),
    nat: nat([], []),
    filter: filter([
      `-A ${P}-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j REJECT`,
      `-A ${P}-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 127.0.0.1/32 --dport 80 -j REJECT`,
      `-A ${P}-SERVICES -m comment --comment "default/web:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT`,
    ]),
    needsRouteLocalnet: true,
  },
  {
    name: 'ClientIP affinity sends a known client back to its endpoint before picking at random',
    input: input(
      [
        service({
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
        }),
      ],
      [twoEndpoints],
    ),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-GGA3RVX2G', 'SEP-QF7HZPZ4U'],
      [
        `${TO_CLUSTER_IP} --dport 80 -j ${SVC}`,
        `-A ${SVC} -m comment --comment "default/web:http -> 172.18.0.2:8080" -m recent --name ${SEP2} --mask 255.255.255.255 --rsource --rcheck --seconds 600 --reap -j ${SEP2}`,
        `-A ${SVC} -m comment --comment "default/web:http -> 172.18.0.3:8080" -m recent --name ${SEP3} --mask 255.255.255.255 --rsource --rcheck --seconds 600 --reap -j ${SEP3}`,
        pick(SEP2, '172.18.0.2', '0.5000000000'),
        pick(SEP3, '172.18.0.3'),
        ...sep(SEP2, '172.18.0.2', `-m recent --name ${SEP2} --mask 255.255.255.255 --rsource --set `),
        ...sep(SEP3, '172.18.0.3', `-m recent --name ${SEP3} --mask 255.255.255.255 --rsource --set `),
      ],
    ),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
  {
    name: 'with no ready endpoint, serving terminating endpoints still take traffic; not-serving ones never',
    input: input(
      [service()],
      [
        slice([
          endpoint('172.18.0.2', { ready: false, serving: true, terminating: true }),
          endpoint('172.18.0.3', { ready: false, serving: false, terminating: true }),
          endpoint('172.18.0.4', { ready: false, serving: false, terminating: false }),
        ]),
      ],
    ),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-GGA3RVX2G'],
      [`${TO_CLUSTER_IP} --dport 80 -j ${SVC}`, pick(SEP2, '172.18.0.2'), ...sep(SEP2, '172.18.0.2')],
    ),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
  {
    name: 'a ready endpoint wins over serving terminating ones, across slices',
    input: input(
      [service()],
      [
        slice([endpoint('172.18.0.2', { ready: false, serving: true, terminating: true })], 'web-a'),
        slice([endpoint('172.18.0.3')], 'web-b'),
      ],
    ),
    nat: nat(
      ['SVC-TL6HGMALS', 'SEP-QF7HZPZ4U'],
      [`${TO_CLUSTER_IP} --dport 80 -j ${SVC}`, pick(SEP3, '172.18.0.3'), ...sep(SEP3, '172.18.0.3')],
    ),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
  {
    name: 'headless and ExternalName Services get no rules',
    input: input(
      [
        service({ clusterIP: 'None' }),
        service({ type: 'ExternalName', clusterIP: undefined, externalName: 'example.com' }),
      ],
      [twoEndpoints],
    ),
    nat: nat([], []),
    filter: filter([]),
    needsRouteLocalnet: false,
  },
];

describe('computeRules', () => {
  it.each(cases)('$name', (c) => {
    expect(computeRules(c.input)).toEqual({
      nat: c.nat,
      filter: c.filter,
      needsRouteLocalnet: c.needsRouteLocalnet,
    });
  });

  it('gives two homes disjoint chain names for the same Services', () => {
    const chains = (id: string) =>
      computeRules({ ...input([service()], [twoEndpoints]), id }).nat.filter((l) => l.startsWith(':'));
    const a = chains('abcd1234');
    const b = chains('0000ffff');
    expect(a.filter((c) => b.includes(c))).toEqual([]);
    expect(b.map((c) => c.replace('0000ffff', 'abcd1234'))).toEqual(a);
  });

  it('names chains from the service port alone, so order and unrelated Services do not change them, all within 28 characters', () => {
    const other = {
      ...service(),
      metadata: { namespace: 'other', name: 'api-with-a-rather-long-service-name' },
    };
    const alone = computeRules(input([service()], [twoEndpoints])).nat.filter((l) =>
      l.includes('SVC-TL6HGMALS'),
    );
    const withOther = computeRules(input([other, service()], [twoEndpoints])).nat;
    expect(withOther.filter((l) => l.includes('SVC-TL6HGMALS'))).toEqual(alone);
    const names = withOther.filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0]!);
    expect(names.filter((n) => n.length > MAX_CHAIN_LENGTH)).toEqual([]);
  });

  it('without localhost NodePorts, 127.0.0.0/8 never reaches the NodePort chain and route_localnet is not needed', () => {
    const rules = computeRules(
      input([service({ type: 'NodePort', ports: [nodePortSpec] })], [slice([endpoint('172.18.0.2')])], {
        localhostNodePorts: false,
      }),
    );
    expect(rules.nat.slice(-3)).toEqual([
      NODEPORTS_LAST[0],
      `-A ${P}-SERVICES -d 127.0.0.0/8 -j RETURN`,
      NODEPORTS_LAST[1],
    ]);
    expect(rules.needsRouteLocalnet).toBe(false);
  });
});
