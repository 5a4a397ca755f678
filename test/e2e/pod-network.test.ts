// The pods' network as mkube plumbs it (root): each sandbox starts with Docker's networking
// disabled and gets a veth on the home's bridge with an address from the upper half of the home
// subnet, while a pod with a host port is attached by Docker (which publishes the port) from the
// lower half. Pods of both kinds reach each other, the host port answers on 127.0.0.1, a restarted
// container keeps its pod IP, a sandbox an agent died before plumbing is replaced at the next agent
// start, and a deleted pod leaves no veth behind. Traffic goes only to loopback and to this test's
// pods.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSubnet } from '../../src/runtime/pod-addresses.js';
import { hostInterfaceName } from '../../src/runtime/pod-plumbing.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const server = (name: string, hostPort?: number) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: busybox:1.36
    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports:
    - containerPort: 8080${hostPort ? `\n      hostPort: ${hostPort}\n      hostIP: 127.0.0.1` : ''}
    readinessProbe:
      tcpSocket:
        port: 8080
      periodSeconds: 1
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

describe('pod network', () => {
  let t: TestHome;
  let hostPort: number;
  let network: {
    name: string;
    bridge: string;
    subnet: string;
    ipRange: string;
    gateway: string;
    podHalf: string;
  };

  const podIP = (name: string) => t.run(['get', 'pod', name, '-o', 'jsonpath={.status.podIP}']).stdout;
  /** The running container of one pod with that type label (its full id). */
  const containerOf = (name: string, type: 'sandbox' | 'app') =>
    t.containers(false, { 'io.mkube.pod.name': name, 'io.mkube.container.type': type }).join('\n');
  const sandboxOf = (name: string) => containerOf(name, 'sandbox');
  const exec = (pod: string, ...cmd: string[]) => t.run(['exec', pod, '--', ...cmd]);
  const ready = (...names: string[]) =>
    eventually(
      () =>
        names.every(
          (n) =>
            t.run(['get', 'pod', n, '-o', 'jsonpath={.status.containerStatuses[0].ready}']).stdout === 'true',
        ),
      60_000,
    );

  beforeAll(async () => {
    requireDocker();
    t = new TestHome('mkube-podnet-');
    hostPort = await freePort();
    const r = t.run(['apply', '-f', '-'], {
      input: [server('a'), server('b'), server('hp', hostPort)].join('---\n'),
    });
    if (r.code !== 0) throw new Error(r.stderr);
    await ready('a', 'b', 'hp');
    const name = docker(
      'network',
      'ls',
      '--format',
      '{{.Name}}',
      '--filter',
      `label=io.mkube.home=${t.home}`,
    );
    const info = JSON.parse(docker('network', 'inspect', name))[0];
    network = {
      name,
      bridge: `br-${info.Id.slice(0, 12)}`,
      subnet: info.IPAM.Config[0].Subnet,
      ipRange: info.IPAM.Config[0].IPRange,
      gateway: info.IPAM.Config[0].Gateway,
      podHalf: info.Labels['io.mkube.network.pod-addresses'],
    };
  }, 120_000);

  afterAll(() => t?.cleanup());

  it('splits the home subnet: Docker hands out the lower half, mkube the upper half', () => {
    const split = splitSubnet(network.subnet)!;
    expect({ ipRange: network.ipRange, podHalf: network.podHalf }).toEqual({
      ipRange: split.dockerRange,
      podHalf: split.podCidr,
    });
  });

  it('plumbs a pod itself: networking disabled for Docker, a veth on the bridge in hairpin mode, eth0 with the pod IP', () => {
    const ip = podIP('a');
    const sandbox = sandboxOf('a');
    const inspected = JSON.parse(docker('inspect', sandbox))[0];
    const host = hostInterfaceName(sandbox);
    expect({
      networkMode: inspected.HostConfig.NetworkMode,
      networkDisabled: inspected.Config.NetworkDisabled,
      label: inspected.Config.Labels['io.mkube.pod.ip'],
      inPodHalf: inPodHalf(ip),
      etcHostname: exec('a', 'cat', '/etc/hostname').stdout,
      master: readFileSync(`/sys/class/net/${host}/master/uevent`, 'utf8').match(/INTERFACE=(.*)/)?.[1],
      hairpin: readFileSync(`/sys/class/net/${host}/brport/hairpin_mode`, 'utf8').trim(),
      route: exec('a', 'ip', 'route').stdout,
      address: exec('a', 'ip', '-4', '-o', 'addr', 'show', 'eth0').stdout.split(/\s+/).slice(1, 4).join(' '),
    }).toEqual({
      networkMode: 'none',
      networkDisabled: true,
      label: ip,
      inPodHalf: true,
      etcHostname: 'a\n',
      master: network.bridge,
      hairpin: '1',
      route: `default via ${network.gateway} dev eth0 \n${network.subnet} dev eth0 scope link  src ${ip} \n`,
      address: `eth0 inet ${ip}/${network.subnet.split('/')[1]}`,
    });
  });

  it('leaves a pod with a host port to Docker, which publishes the port, from its half of the subnet', async () => {
    const inspected = JSON.parse(docker('inspect', sandboxOf('hp')))[0];
    const ip = podIP('hp');
    expect({
      networkMode: inspected.HostConfig.NetworkMode,
      label: inspected.Config.Labels['io.mkube.pod.ip'],
      dockerIP: inspected.NetworkSettings.Networks[network.name].IPAddress,
      inPodHalf: inPodHalf(ip),
    }).toEqual({ networkMode: network.name, label: undefined, dockerIP: ip, inPodHalf: false });
    expect(await (await fetch(`http://127.0.0.1:${hostPort}/`)).text()).toBe('hp\n');
  });

  it('carries traffic between pods of both kinds and to a pod through its own address', () => {
    const get = (from: string, to: string) => exec(from, 'wget', '-qO-', `http://${podIP(to)}:8080/`).stdout;
    expect([get('b', 'a'), get('a', 'b'), get('hp', 'a'), get('a', 'hp'), get('a', 'a')]).toEqual([
      'a\n',
      'b\n',
      'a\n',
      'hp\n',
      'a\n',
    ]);
  });

  it('keeps the pod IP and the veth when the container restarts', async () => {
    const ip = podIP('a');
    const sandbox = sandboxOf('a');
    docker('kill', containerOf('a', 'app'));
    await eventually(
      () =>
        t.run(['get', 'pod', 'a', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}']).stdout ===
        '1',
      30_000,
    );
    await ready('a');
    expect([podIP('a'), sandboxOf('a'), existsSync(`/sys/class/net/${hostInterfaceName(sandbox)}`)]).toEqual([
      ip,
      sandbox,
      true,
    ]);
    expect(exec('b', 'wget', '-qO-', `http://${ip}:8080/`).stdout).toBe('a\n');
  });

  it('replaces, at the next agent start, a sandbox whose network an agent never plumbed', async () => {
    const old = sandboxOf('b');
    expect(t.run(['agent', 'stop']).code).toBe(0);
    // What an agent killed between the sandbox's start and its plumbing leaves: no veth.
    execFileSync('ip', ['link', 'del', hostInterfaceName(old)]);
    expect(t.run(['agent', 'start']).code).toBe(0);
    const fresh = await eventually(() => {
      const id = sandboxOf('b');
      return id && id !== old ? id : undefined;
    }, 30_000);
    await ready('b');
    expect([
      docker('ps', '-aq', '--no-trunc', '--filter', `id=${old}`),
      inPodHalf(podIP('b')),
      existsSync(`/sys/class/net/${hostInterfaceName(fresh)}`),
      exec('a', 'wget', '-qO-', `http://${podIP('b')}:8080/`).stdout,
    ]).toEqual(['', true, true, 'b\n']);
  });

  it('leaves no veth behind when a pod is deleted', async () => {
    const host = hostInterfaceName(sandboxOf('a'));
    expect(t.run(['delete', 'pod', 'a', '--wait=true']).code).toBe(0);
    await eventually(() => !existsSync(`/sys/class/net/${host}`), 10_000);
  });

  function inPodHalf(ip: string): boolean {
    const [base, prefix] = network.podHalf.split('/') as [string, string];
    const n = (s: string) => s.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
    const size = 2 ** (32 - Number(prefix));
    return n(ip) >= n(base) && n(ip) < n(base) + size;
  }
});
