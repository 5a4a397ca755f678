// The kubelet-managed resolv.conf and /etc/hosts of a pod, and their mounts: whole texts and
// whole mount lists.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  computePodFiles,
  type PodNetworkDeps,
  podFileMounts,
  writePodFiles,
} from '../../../src/kubelet/pod-files.js';
import { basePod } from './fixtures.js';

const HOSTS_BASE =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

const net = (clusterDns: string[]): PodNetworkDeps => ({
  podsDir: '/state/kubelet/pods',
  clusterDomain: 'cluster.local',
  clusterDns: () => clusterDns,
  hostResolvConf: 'search corp.example\nnameserver 192.0.2.53\noptions edns0\n',
  hostEtcHosts: '127.0.0.1\tlocalhost\n',
});

describe('computePodFiles', () => {
  const cases: [string, Pod, string | undefined, string[], { resolvConf: string; etcHosts: string }][] = [
    [
      'ClusterFirst: the cluster nameserver, the namespace search path and the host domains, ndots:5',
      basePod(),
      '172.18.0.5',
      ['10.96.0.10'],
      {
        resolvConf:
          'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n',
        etcHosts: `${HOSTS_BASE}172.18.0.5\tweb\n`,
      },
    ],
    [
      'before the sandbox has an address, /etc/hosts has no line for the pod',
      basePod(),
      undefined,
      ['10.96.0.10'],
      {
        resolvConf:
          'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n',
        etcHosts: HOSTS_BASE,
      },
    ],
    [
      'Default: the host resolv.conf; hostAliases after the pod line; hostname and subdomain give the FQDN',
      basePod((p) => {
        p.spec!.dnsPolicy = 'Default';
        p.spec!.hostname = 'db-0';
        p.spec!.subdomain = 'db';
        p.spec!.hostAliases = [{ ip: '10.1.2.3', hostnames: ['foo.local', 'bar.local'] }];
      }),
      '172.18.0.6',
      ['10.96.0.10'],
      {
        resolvConf: 'search corp.example\nnameserver 192.0.2.53\noptions edns0\n',
        etcHosts: `${HOSTS_BASE}172.18.0.6\tdb-0.db.default.svc.cluster.local\tdb-0\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n`,
      },
    ],
    [
      'ClusterFirst without a cluster nameserver falls back to the host resolv.conf',
      basePod(),
      '172.18.0.5',
      [],
      {
        resolvConf: 'search corp.example\nnameserver 192.0.2.53\noptions edns0\n',
        etcHosts: `${HOSTS_BASE}172.18.0.5\tweb\n`,
      },
    ],
  ];
  for (const [name, pod, ip, dns, expected] of cases) {
    it(name, () => {
      const files = computePodFiles(pod, ip, net(dns));
      expect({ resolvConf: files.resolvConf, etcHosts: files.etcHosts }).toEqual(expected);
    });
  }

  it('says why when ClusterFirst has no cluster nameserver, in the kubelet words', () => {
    expect(computePodFiles(basePod(), undefined, net([])).warnings).toEqual([
      {
        reason: 'MissingClusterDNS',
        message:
          'pod: "web_default(uid-1)". kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.',
      },
    ]);
  });
});

describe('podFileMounts', () => {
  it('mounts both files into a container', () => {
    expect(podFileMounts({ name: 'c' }, '/state/kubelet/pods/uid-1')).toEqual([
      { type: 'bind', source: '/state/kubelet/pods/uid-1/etc-hosts', target: '/etc/hosts', readOnly: false },
      {
        type: 'bind',
        source: '/state/kubelet/pods/uid-1/resolv.conf',
        target: '/etc/resolv.conf',
        readOnly: false,
      },
    ]);
  });

  it("leaves a path the container mounts a volume at to the container's volume", () => {
    expect(
      podFileMounts({ name: 'c', volumeMounts: [{ name: 'h', mountPath: '/etc/hosts' }] }, '/p'),
    ).toEqual([{ type: 'bind', source: '/p/resolv.conf', target: '/etc/resolv.conf', readOnly: false }]);
  });
});

describe('writePodFiles', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dirname(dir), { recursive: true, force: true }));

  it('replaces both files, or with onlyMissing writes only the absent one', () => {
    dir = join(mkdtempSync(join(tmpdir(), 'mkube-podfiles-')), 'uid-1');
    const files = {
      resolvConf: 'R1\n',
      etcHosts: 'H1\n',
      dns: { nameservers: [], searches: [], options: [] },
      warnings: [],
    };
    writePodFiles(dir, files);
    writeFileSync(join(dir, 'etc-hosts'), 'H-with-ip\n');
    rmSync(join(dir, 'resolv.conf'));
    writePodFiles(dir, { ...files, resolvConf: 'R2\n', etcHosts: 'H2\n' }, true);
    const read = () => [
      readFileSync(join(dir!, 'etc-hosts'), 'utf8'),
      readFileSync(join(dir!, 'resolv.conf'), 'utf8'),
    ];
    const afterMissing = read();
    writePodFiles(dir, { ...files, resolvConf: 'R3\n', etcHosts: 'H3\n' });
    expect({ afterMissing, afterReplace: read() }).toEqual({
      afterMissing: ['H-with-ip\n', 'R2\n'],
      afterReplace: ['H3\n', 'R3\n'],
    });
  });
});
