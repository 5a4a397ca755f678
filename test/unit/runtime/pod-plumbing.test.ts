// What mkube runs to plumb a pod's network: the whole of both ip batches.
import { describe, expect, it } from 'vitest';
import { hostCommands, hostInterfaceName, podCommands } from '../../../src/runtime/pod-plumbing.js';

const plumbing = {
  pid: 4242,
  hostInterface: hostInterfaceName('0123456789abcdef0123'),
  bridge: 'br-5f28df43f41c',
  ip: '172.21.128.7',
  prefixLength: 16,
  gateway: '172.21.0.1',
  mtu: 1450,
};

describe('pod plumbing', () => {
  it('names the host end mk + 13 hex of the sandbox id (15 characters, the kernel limit)', () => {
    expect(plumbing.hostInterface).toBe('mk0123456789abc');
  });

  it('makes the pair with its pod end inside the namespace, on the bridge, in hairpin mode', () => {
    expect(hostCommands(plumbing)).toBe(
      'link add mk0123456789abc mtu 1450 type veth peer name eth0 mtu 1450 netns 4242\n' +
        'link set mk0123456789abc master br-5f28df43f41c up\n' +
        'link set mk0123456789abc type bridge_slave hairpin on\n',
    );
  });

  it('leaves the MTU out when the bridge did not say', () => {
    const { mtu: _, ...without } = plumbing;
    expect(hostCommands(without).split('\n')[0]).toBe(
      'link add mk0123456789abc type veth peer name eth0 netns 4242',
    );
  });

  it('gives eth0 the pod address on the whole subnet and the default route through the bridge', () => {
    expect(podCommands(plumbing)).toBe(
      'addr add 172.21.128.7/16 dev eth0\nlink set eth0 up\nroute add default via 172.21.0.1 dev eth0\n',
    );
  });
});
