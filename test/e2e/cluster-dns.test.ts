// Cluster DNS end to end: the agent answers cluster names on the home's Docker gateway address, the
// kubelet gives pods its resolv.conf and /etc/hosts (hostAliases included), and containers started
// after a Service carry its environment variables. Every query stays inside cluster.local, so the
// server never forwards: traffic goes only to this home's gateway and this test's containers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const HTTPD = (port: number) =>
  `["sh", "-c", "trap 'exit 0' TERM; echo hello > /tmp/index.html; httpd -f -p ${port} -h /tmp & wait"]`;

const SERVERS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: httpd
        image: busybox:1.36
        command: ${HTTPD(8080)}
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          httpGet: {path: /index.html, port: http}
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
---
apiVersion: v1
kind: Service
metadata:
  name: docs
spec:
  type: ExternalName
  externalName: web.default.svc.cluster.local
---
apiVersion: v1
kind: Namespace
metadata:
  name: other
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: other
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - {name: http, port: 8080}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: other
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: httpd
        image: busybox:1.36
        command: ${HTTPD(8080)}
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          httpGet: {path: /index.html, port: http}
          periodSeconds: 1
`;

const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  terminationGracePeriodSeconds: 1
  hostAliases:
  - ip: 10.1.2.3
    hostnames: [foo.local, bar.local]
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

/** The search domains of the host's resolv.conf (the last search line), which pods inherit. */
function hostSearches(): string[] {
  let searches: string[] = [];
  for (const line of readFileSync('/etc/resolv.conf', 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'search') searches = f.slice(1);
  }
  return searches;
}

describe('cluster DNS', () => {
  let t: LifecycleHome;
  let gateway: string;
  /** The pods' nameserver: the kube-dns ClusterIP, carried to the agent's server by the data plane. */
  let nameserver: string;
  let webIP: string;
  let podIP: (ns: string, name: string) => string;
  const exec = (pod: string, cmd: string[], ns = 'default') => {
    const r = t.run(['exec', '-n', ns, pod, '--', ...cmd]);
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  const ready = (ns: string, name: string): boolean => {
    const out = t.run(['get', 'pod', name, '-n', ns, '-o', 'json']).stdout;
    const conditions = out ? JSON.parse(out).status?.conditions : undefined;
    return (conditions ?? []).some(
      (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
    );
  };

  /** Apply; nothing may be said on stderr. */
  const apply = (yaml: string) => {
    const r = t.run(['apply', '-f', '-'], { input: yaml });
    if (r.code !== 0 || r.stderr) throw new Error(`apply failed (${r.code}): ${r.stderr}`);
  };

  beforeAll(async () => {
    requireDocker();
    t = new LifecycleHome();
    apply(SERVERS);
    // The agent makes the network as it starts.
    const net = await waitFor(
      () =>
        execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=io.mkube.home=${t.home}`], {
          encoding: 'utf8',
        }).trim(),
      30_000,
    );
    gateway = execFileSync(
      'docker',
      ['network', 'inspect', net, '--format', '{{(index .IPAM.Config 0).Gateway}}'],
      { encoding: 'utf8' },
    ).trim();
    // With the data plane on (root, iptables), pods use the kube-dns ClusterIP, as on a cluster.
    nameserver = t.run([
      'get',
      'svc',
      'kube-dns',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.clusterIP}',
    ]).stdout;
    webIP = t.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    const webPod = await waitFor(() => {
      const name = t.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']).stdout;
      return name && ready('default', name) ? name : undefined;
    }, 90_000);
    await waitFor(() => ready('other', 'db-0') && ready('other', 'db-1'), 90_000);
    podIP = (ns, name) => t.run(['get', 'pod', name, '-n', ns, '-o', 'jsonpath={.status.podIP}']).stdout;
    expect(webPod).toMatch(/^web-/);
    apply(CLIENT);
    await waitFor(() => t.row('client')?.status === 'Running', 60_000);
  }, 240_000);
  afterAll(() => t?.cleanup());

  it('keeps an EndpointSlice of its own for kube-dns, pointing at the gateway on port 53', () => {
    const slice = JSON.parse(
      t.run(['get', 'endpointslice', 'kube-dns-mkube-agent', '-n', 'kube-system', '-o', 'json']).stdout,
    );
    expect({
      labels: slice.metadata.labels,
      owner: slice.metadata.ownerReferences.map((o: { kind: string; name: string }) => `${o.kind}/${o.name}`),
      addressType: slice.addressType,
      endpoints: slice.endpoints.map((e: { addresses: string[]; conditions: object }) => [
        e.addresses,
        e.conditions,
      ]),
      ports: slice.ports,
    }).toEqual({
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'mkube-agent',
        'kubernetes.io/service-name': 'kube-dns',
      },
      owner: ['Service/kube-dns'],
      addressType: 'IPv4',
      endpoints: [[[gateway], { ready: true, serving: true, terminating: false }]],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
  });

  it("gives the pod the kubelet's resolv.conf", () => {
    const searches = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', ...hostSearches()];
    expect(exec('client', ['cat', '/etc/resolv.conf'])).toEqual({
      code: 0,
      stdout: `search ${[...new Set(searches)].join(' ')}\nnameserver ${nameserver}\noptions ndots:5\n`,
      stderr: '',
    });
  });

  it("gives the pod the kubelet's /etc/hosts with its hostAliases", () => {
    expect(exec('client', ['cat', '/etc/hosts'])).toEqual({
      code: 0,
      stdout:
        '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
        `${podIP('default', 'client')}\tclient\n` +
        '\n# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n',
      stderr: '',
    });
  });

  it('gives a StatefulSet pod its FQDN in /etc/hosts', () => {
    expect(exec('db-0', ['tail', '-n', '1', '/etc/hosts'], 'other').stdout).toBe(
      `${podIP('other', 'db-0')}\tdb-0.db.other.svc.cluster.local\tdb-0\n`,
    );
  });

  // busybox's nslookup sends a dotted name as it is (no search list): only fully qualified names
  // here, so no query leaves the cluster zone (the server would forward it upstream). It asks A and
  // AAAA and prints an NXDOMAIN line for every search candidate it tried, as on a cluster.
  const lookup = (name: string, type?: string) =>
    exec('client', ['nslookup', ...(type ? [`-type=${type}`] : []), name]);
  const server = () => `Server:\t\t${nameserver}\nAddress:\t${nameserver}:53\n\n`;
  const found = (name: string, ...addresses: string[]) => ({
    code: 0,
    // The A answers, a blank line, then the (empty) AAAA answer and another.
    stdout: `${server()}${addresses.map((a) => `Name:\t${name}\nAddress: ${a}\n`).join('')}\n\n`,
    stderr: '',
  });
  it('resolves a Service by FQDN and, through the search list, by its short name', () => {
    const notFound = (name: string) => `** server can't find ${name}: NXDOMAIN\n\n`;
    expect({
      fqdn: lookup('web.default.svc.cluster.local'),
      short: lookup('web'),
    }).toEqual({
      fqdn: found('web.default.svc.cluster.local', webIP),
      short: {
        code: 1,
        stdout: `${server()}Name:\tweb.default.svc.cluster.local\nAddress: ${webIP}\n\n${notFound('web.svc.cluster.local')}${notFound('web.cluster.local')}\n${notFound('web.svc.cluster.local')}${notFound('web.cluster.local')}`,
        stderr: 'command terminated with exit code 1\n',
      },
    });
  });

  it('answers a headless Service with every ready pod, and a StatefulSet pod by its name', () => {
    const ips = [podIP('other', 'db-0'), podIP('other', 'db-1')].sort();
    const headless = lookup('db.other.svc.cluster.local');
    const addresses = [...headless.stdout.matchAll(/^Address: (\S+)$/gm)].map((m) => m[1]).sort();
    expect({
      headless: { ...headless, stdout: headless.stdout.replace(/Name:\t.*\nAddress: .*\n/g, 'ANSWER\n') },
      addresses,
      pod: lookup('db-0.db.other.svc.cluster.local'),
    }).toEqual({
      headless: { code: 0, stdout: `${server()}ANSWER\nANSWER\n\n\n`, stderr: '' },
      addresses: ips,
      pod: found('db-0.db.other.svc.cluster.local', podIP('other', 'db-0')),
    });
  });

  it('answers SRV for a named port, CNAME for an ExternalName, NXDOMAIN for the rest', () => {
    expect({
      srv: lookup('_http._tcp.web.default.svc.cluster.local', 'srv'),
      cname: lookup('docs.default.svc.cluster.local'),
      missing: lookup('nope.default.svc.cluster.local'),
    }).toEqual({
      srv: {
        code: 0,
        stdout: `${server()}_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local\n\n`,
        stderr: '',
      },
      cname: {
        code: 0,
        stdout: `${server()}docs.default.svc.cluster.local\tcanonical name = web.default.svc.cluster.local\nName:\tweb.default.svc.cluster.local\nAddress: ${webIP}\n\n\n`,
        stderr: '',
      },
      missing: {
        code: 1,
        stdout: `${server()}** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n`,
        stderr: 'command terminated with exit code 1\n',
      },
    });
  });

  it('gives containers started after the Services their environment variables', () => {
    const kubernetesIP = t.run(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    const links = (pod: string, ns = 'default') =>
      exec(pod, ['env'], ns)
        .stdout.split('\n')
        .filter((l) => /^(KUBERNETES|WEB|DOCS|DB)_/.test(l))
        .sort();
    const kubernetes = [
      `KUBERNETES_PORT=tcp://${kubernetesIP}:443`,
      `KUBERNETES_PORT_443_TCP=tcp://${kubernetesIP}:443`,
      `KUBERNETES_PORT_443_TCP_ADDR=${kubernetesIP}`,
      'KUBERNETES_PORT_443_TCP_PORT=443',
      'KUBERNETES_PORT_443_TCP_PROTO=tcp',
      `KUBERNETES_SERVICE_HOST=${kubernetesIP}`,
      'KUBERNETES_SERVICE_PORT=443',
      'KUBERNETES_SERVICE_PORT_HTTPS=443',
    ];
    expect({ client: links('client'), db: links('db-0', 'other') }).toEqual({
      client: [
        ...kubernetes,
        `WEB_PORT=tcp://${webIP}:80`,
        `WEB_PORT_80_TCP=tcp://${webIP}:80`,
        `WEB_PORT_80_TCP_ADDR=${webIP}`,
        'WEB_PORT_80_TCP_PORT=80',
        'WEB_PORT_80_TCP_PROTO=tcp',
        `WEB_SERVICE_HOST=${webIP}`,
        'WEB_SERVICE_PORT=80',
        'WEB_SERVICE_PORT_HTTP=80',
      ].sort(),
      // Another namespace: only the master service; a headless Service has no variables.
      db: kubernetes.sort(),
    });
  });
});
