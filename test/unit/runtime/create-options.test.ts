import { describe, expect, it } from 'vitest';
import { containerCreateOptions } from '../../../src/runtime/containers.js';
import { canPlumbOwnNetwork, portBindings, sandboxCreateOptions } from '../../../src/runtime/sandbox.js';
import { PAUSE_IMAGE } from '../../../src/runtime/sandbox-image.js';
import type { ContainerCreateSpec } from '../../../src/runtime/types.js';

const spec: ContainerCreateSpec = {
  podUid: 'uid-1234567890',
  namespace: 'default',
  podName: 'web',
  name: 'app',
  type: 'app',
  attempt: 0,
  specHash: 'h',
  sandboxId: 'sb1',
  image: 'busybox:1.36',
  env: ['A=1'],
  tty: false,
  stdin: false,
  stdinOnce: false,
  mounts: [],
};

describe('container create options', () => {
  const cases: Array<{
    name: string;
    over: Partial<ContainerCreateSpec>;
    entrypoint: unknown;
    cmd: unknown;
  }> = [
    {
      name: 'keeps the image entrypoint and CMD when neither is given',
      over: {},
      entrypoint: undefined,
      cmd: undefined,
    },
    {
      name: 'replaces only CMD when args alone are given',
      over: { args: ['-x'] },
      entrypoint: undefined,
      cmd: ['-x'],
    },
    {
      name: 'replaces ENTRYPOINT and drops the image CMD when command alone is given',
      over: { command: ['sh'] },
      entrypoint: ['sh'],
      cmd: [],
    },
    {
      name: 'uses command as ENTRYPOINT and args as CMD when both are given',
      over: { command: ['sh', '-c'], args: ['echo hi'] },
      entrypoint: ['sh', '-c'],
      cmd: ['echo hi'],
    },
    {
      name: 'treats an empty command list as absent',
      over: { command: [] },
      entrypoint: undefined,
      cmd: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const o = containerCreateOptions('/h', { ...spec, ...c.over });
      expect(o.Entrypoint).toEqual(c.entrypoint);
      expect(o.Cmd).toEqual(c.cmd);
    });
  }

  it('joins the sandbox network and IPC namespaces', () => {
    const o = containerCreateOptions('/h', spec);
    expect(o.HostConfig).toMatchObject({ NetworkMode: 'container:sb1', IpcMode: 'container:sb1' });
  });

  it('maps memory and CPU limits, with swap off', () => {
    const o = containerCreateOptions('/h', { ...spec, memoryBytes: 64 * 2 ** 20, nanoCpus: 5e8 });
    expect(o.HostConfig).toMatchObject({ Memory: 67108864, MemorySwap: 67108864, NanoCpus: 500000000 });
  });

  it('labels volumes Docker creates on first use with the home', () => {
    const o = containerCreateOptions('/h', {
      ...spec,
      mounts: [
        { type: 'volume', source: 'v1', target: '/data', readOnly: false },
        { type: 'bind', source: '/src', target: '/cfg', readOnly: true },
      ],
    });
    expect(o.HostConfig?.Mounts).toEqual([
      {
        Type: 'volume',
        Source: 'v1',
        Target: '/data',
        ReadOnly: false,
        VolumeOptions: { Labels: { 'io.mkube.home': '/h' } },
      },
      { Type: 'bind', Source: '/src', Target: '/cfg', ReadOnly: true },
    ]);
  });
});

describe('security options', () => {
  it('maps securityContext and shareProcessNamespace to Docker', () => {
    const o = containerCreateOptions('/h', {
      ...spec,
      user: '1000:1000',
      readOnlyRootFilesystem: true,
      privileged: true,
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      noNewPrivileges: true,
      seccomp: 'unconfined',
      sharePid: true,
    });
    expect(o.User).toBe('1000:1000');
    expect(o.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      Privileged: true,
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', 'seccomp=unconfined'],
      PidMode: 'container:sb1',
    });
  });

  it("passes a Localhost profile's JSON as Docker's seccomp option", () => {
    const o = containerCreateOptions('/h', { ...spec, seccomp: '{"defaultAction":"SCMP_ACT_ALLOW"}' });
    expect(o.HostConfig?.SecurityOpt).toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}']);
  });

  it('sets nothing of it by default', () => {
    const o = containerCreateOptions('/h', spec);
    expect(o.User).toBeUndefined();
    expect(Object.keys(o.HostConfig ?? {}).sort()).toEqual([
      'IpcMode',
      'Mounts',
      'NetworkMode',
      'RestartPolicy',
    ]);
  });
});

describe('sandbox create options', () => {
  it('publishes only ports with a hostPort, on the sandbox', () => {
    expect(
      portBindings([
        { containerPort: 80, hostPort: 8080, protocol: 'TCP' },
        { containerPort: 53, hostPort: 5353, hostIP: '127.0.0.1', protocol: 'UDP' },
        { containerPort: 9000, protocol: 'TCP' },
      ]),
    ).toEqual({
      exposed: { '80/tcp': {}, '53/udp': {} },
      bindings: {
        '80/tcp': [{ HostIp: '', HostPort: '8080' }],
        '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
      },
    });
  });

  it('joins the home network with the pod name and extra aliases', () => {
    const o = sandboxCreateOptions('/h', 'net', {
      podUid: 'uid-1234567890',
      namespace: 'default',
      podName: 'web',
      hostname: 'web',
      aliases: ['svc', 'web'],
      ports: [],
    });
    expect(o.NetworkingConfig?.EndpointsConfig?.net?.Aliases).toEqual(['web', 'svc']);
    expect(o.HostConfig).toMatchObject({ NetworkMode: 'net', IpcMode: 'shareable' });
    expect(o.StopSignal).toBe('SIGKILL');
    expect(o.Labels?.['io.mkube.container.type']).toBe('sandbox');
  });

  it('sets the DNS servers, search list, options and domain name when given', () => {
    const o = sandboxCreateOptions('/h', 'net', {
      podUid: 'u',
      namespace: 'ns',
      podName: 'web-0',
      hostname: 'web-0',
      aliases: [],
      ports: [],
      domainname: 'web.ns.svc.cluster.local',
      dns: ['10.96.0.10'],
      dnsSearch: ['ns.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      dnsOptions: ['ndots:5'],
    });
    expect([o.Domainname, o.HostConfig?.Dns, o.HostConfig?.DnsSearch, o.HostConfig?.DnsOptions]).toEqual([
      'web.ns.svc.cluster.local',
      ['10.96.0.10'],
      ['ns.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      ['ndots:5'],
    ]);
  });

  it('gives a sandbox whose network mkube plumbs only loopback from Docker, its address as a label', () => {
    const spec = {
      podUid: 'uid-1234567890',
      namespace: 'default',
      podName: 'web',
      hostname: 'web',
      aliases: ['svc'],
      ports: [{ containerPort: 80, protocol: 'TCP' as const }],
      dnsSearch: ['default.svc.cluster.local'],
    };
    const own = { ip: '172.21.128.9', prefixLength: 16, gateway: '172.21.0.1', bridge: 'br-1' };
    expect(sandboxCreateOptions('/h', 'net', { ...spec, seccomp: 'unconfined' }, own)).toEqual({
      name: 'mkube-141582_default_web_POD_uid-1234',
      Image: PAUSE_IMAGE,
      StopSignal: 'SIGKILL',
      Labels: {
        'io.mkube.home': '/h',
        'io.mkube.pod.uid': 'uid-1234567890',
        'io.mkube.pod.namespace': 'default',
        'io.mkube.pod.name': 'web',
        'io.mkube.container.name': 'POD',
        'io.mkube.container.attempt': '0',
        'io.mkube.container.type': 'sandbox',
        'io.mkube.container.hash': '',
        'io.mkube.pod.ip': '172.21.128.9',
      },
      Hostname: 'web',
      NetworkDisabled: true,
      HostConfig: {
        IpcMode: 'shareable',
        RestartPolicy: { Name: 'no' },
        SecurityOpt: ['seccomp=unconfined'],
        NetworkMode: 'none',
      },
    });
  });

  it('leaves a pod with host ports (and a hostNetwork pod) to Docker', () => {
    const base = { podUid: 'u', namespace: 'n', podName: 'p', hostname: 'p', aliases: [] };
    expect(canPlumbOwnNetwork({ ...base, ports: [{ containerPort: 80, protocol: 'TCP' }] })).toBe(true);
    expect(
      canPlumbOwnNetwork({ ...base, ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] }),
    ).toBe(false);
    expect(canPlumbOwnNetwork({ ...base, ports: [], hostNetwork: true })).toBe(false);
  });

  it('uses the host network and hostname for a hostNetwork pod, with nothing to publish', () => {
    const o = sandboxCreateOptions('/h', 'net', {
      podUid: 'u',
      namespace: 'ns',
      podName: 'h',
      hostname: 'h',
      aliases: [],
      ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }],
      hostNetwork: true,
    });
    expect(o.HostConfig).toMatchObject({ NetworkMode: 'host', UTSMode: 'host' });
    expect(o.HostConfig?.PortBindings).toBeUndefined();
    expect(o.NetworkingConfig).toBeUndefined();
    expect(o.Hostname).toBeUndefined();
  });
});
