// The kubelet-managed /etc/hosts, whole texts (the layout of kubelet_pods.go and the expectations
// of its TestManagedHostsFileContent).
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podEtcHosts } from '../../../src/api/pod-etc-hosts.js';

const BASE =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

function pod(name: string, spec: Partial<PodSpec> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [], ...spec },
  };
}

const cases: [string, Pod, string | string[], string][] = [
  ['a plain pod: its IP and its name', pod('nginx'), '10.244.0.5', `${BASE}10.244.0.5\tnginx\n`],
  [
    'a StatefulSet pod with hostname and subdomain: its FQDN first',
    pod('web-0', { hostname: 'web-0', subdomain: 'nginx' }),
    '10.244.0.10',
    `${BASE}10.244.0.10\tweb-0.nginx.default.svc.cluster.local\tweb-0\n`,
  ],
  [
    'hostAliases: one line per IP, the names tab-separated, after a comment',
    pod('podfoo', {
      hostAliases: [
        { ip: '123.45.67.89', hostnames: ['foo', 'bar', 'baz'] },
        { ip: '456.78.90.123', hostnames: ['park', 'doo', 'boo'] },
      ],
    }),
    '203.0.113.1',
    `${BASE}203.0.113.1\tpodfoo\n\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n456.78.90.123\tpark\tdoo\tboo\n`,
  ],
  [
    'every pod IP gets a line',
    pod('dual'),
    ['10.244.0.7', 'fd00::7'],
    `${BASE}10.244.0.7\tdual\nfd00::7\tdual\n`,
  ],
  [
    'a hostname longer than 63 characters is cut, without a trailing dash',
    pod(`${'a'.repeat(62)}-tail`),
    '10.244.0.8',
    `${BASE}10.244.0.8\t${'a'.repeat(62)}\n`,
  ],
];

describe('podEtcHosts', () => {
  it.each(cases)('%s', (_title, p, ip, expected) => {
    expect(podEtcHosts({ pod: p, podIP: ip, clusterDomain: 'cluster.local' })).toBe(expected);
  });

  it('a host-network pod gets the host file under its own header, then the aliases', () => {
    const p = pod('hostnet', { hostNetwork: true, hostAliases: [{ ip: '192.0.2.9', hostnames: ['db'] }] });
    expect(
      podEtcHosts({
        pod: p,
        podIP: '172.17.0.1',
        clusterDomain: 'cluster.local',
        hostEtcHosts: '127.0.0.1\tlocalhost\n',
      }),
    ).toBe(
      '# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n\n# Entries added by HostAliases.\n192.0.2.9\tdb\n',
    );
  });
});
