// When mkube plumbs pods itself, what each sandbox gets, and which sandboxes were left unplumbed.
import { describe, expect, it } from 'vitest';
import {
  ownPodNetwork,
  type PlumbingHost,
  unplumbedSandboxes,
} from '../../../src/runtime/own-pod-network.js';
import type { NetworkInfo, ObservedContainer } from '../../../src/runtime/types.js';

const network: NetworkInfo = {
  name: 'mkube-1',
  id: '5f28df43f41c0123456789',
  options: {},
  subnets: ['172.21.0.0/16'],
  gateway: '172.21.0.1',
  podAddresses: '172.21.128.0/17',
};

const sandbox = (id: string, over: Partial<ObservedContainer> = {}): ObservedContainer => ({
  podUid: `uid-${id}`,
  namespace: 'default',
  podName: id,
  name: '',
  type: 'sandbox',
  attempt: 0,
  specHash: '',
  id,
  dockerName: id,
  image: 'pause',
  imageId: '',
  state: 'running',
  exitCode: 0,
  oomKilled: false,
  ...over,
});

const host = (over: Partial<PlumbingHost> = {}): PlumbingHost => ({
  canEnterNetns: true,
  hasCommand: () => true,
  bridgeMtu: () => 1500,
  ...over,
});
const noLog = () => undefined;

describe('ownPodNetwork', () => {
  it('gives each sandbox the next address after those in use, the bridge and the gateway', async () => {
    const own = await ownPodNetwork(
      network,
      async () => [
        sandbox('a', { ip: '172.21.128.1', ownNetwork: true }),
        sandbox('b', { ip: '172.21.0.2' }),
      ],
      noLog,
      {},
      host(),
    );
    expect([await own?.next(), await own?.next()]).toEqual([
      { prefixLength: 16, gateway: '172.21.0.1', bridge: 'br-5f28df43f41c', mtu: 1500, ip: '172.21.128.2' },
      { prefixLength: 16, gateway: '172.21.0.1', bridge: 'br-5f28df43f41c', mtu: 1500, ip: '172.21.128.3' },
    ]);
  });

  it('leaves pods to Docker on a network made before the split, when asked to, or when not root', async () => {
    const list = async () => [];
    const { podAddresses: _, ...older } = network;
    expect(await ownPodNetwork(older, list, noLog, {}, host())).toBeUndefined();
    expect(
      await ownPodNetwork(network, list, noLog, { MKUBE_POD_NETWORK: 'docker' }, host()),
    ).toBeUndefined();
    expect(await ownPodNetwork(network, list, noLog, {}, host({ canEnterNetns: false }))).toBeUndefined();
  });

  it('says why it leaves pods to Docker when ip or nsenter is missing', async () => {
    const said: string[] = [];
    const own = await ownPodNetwork(
      network,
      async () => [],
      (m) => said.push(m),
      {},
      host({ hasCommand: (c) => c !== 'nsenter' }),
    );
    expect([own, said]).toEqual([
      undefined,
      ["pods use Docker's network attach: nsenter not found on the PATH"],
    ]);
  });

  it('leaves the MTU to the kernel when the bridge does not say', async () => {
    const own = await ownPodNetwork(network, async () => [], noLog, {}, host({ bridgeMtu: () => undefined }));
    expect(await own?.next()).toEqual({
      prefixLength: 16,
      gateway: '172.21.0.1',
      bridge: 'br-5f28df43f41c',
      ip: '172.21.128.1',
    });
  });
});

describe('unplumbedSandboxes', () => {
  it('names running own-network sandboxes whose host end of the pair does not exist', () => {
    const containers = [
      sandbox('0123456789abcdef', { ownNetwork: true, ip: '172.21.128.1' }), // plumbed
      sandbox('fedcba9876543210', { ownNetwork: true, ip: '172.21.128.2' }), // not plumbed
      sandbox('aaaaaaaaaaaaaaaa', { ownNetwork: true, ip: '172.21.128.3', state: 'exited' }),
      sandbox('bbbbbbbbbbbbbbbb', { ip: '172.21.0.2' }), // Docker's network
      { ...sandbox('cccccccccccccccc'), type: 'app' as const },
    ];
    const exists = (name: string) => name === 'mk0123456789abc';
    expect(unplumbedSandboxes(containers, exists)).toEqual(['fedcba9876543210']);
  });
});
