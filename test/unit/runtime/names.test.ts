import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerName, namePrefix, networkName, sandboxName } from '../../../src/runtime/names.js';

const pod = { namespace: 'default', podName: 'web', podUid: '1234abcd-5678-90ef' };
const defaultHome = join(homedir(), '.mkube');

describe('docker names', () => {
  const cases: Array<{ name: string; got: () => string; want: string | RegExp }> = [
    {
      name: 'names the sandbox after namespace, pod and the first 8 characters of the uid',
      got: () => sandboxName(defaultHome, pod),
      want: 'mkube_default_web_POD_1234abcd',
    },
    {
      name: 'names a container after namespace, pod, container and attempt',
      got: () => containerName(defaultHome, pod, 'nginx', 3),
      want: 'mkube_default_web_nginx_3',
    },
    {
      name: 'adds a short hash of any other state dir to the prefix',
      got: () => containerName('/tmp/other-home', pod, 'nginx', 0),
      want: /^mkube-[0-9a-f]{6}_default_web_nginx_0$/,
    },
    {
      name: 'names the network after a hash of the home',
      got: () => networkName('/x'),
      want: /^mkube-[0-9a-f]{10}$/,
    },
    {
      name: 'replaces characters Docker refuses in names',
      got: () => containerName(defaultHome, { ...pod, podName: 'a:b' }, 'c', 0),
      want: 'mkube_default_a-b_c_0',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (typeof c.want === 'string') expect(c.got()).toBe(c.want);
      else expect(c.got()).toMatch(c.want);
    });
  }

  it('gives different homes different prefixes and networks, and the same home the same', () => {
    expect(namePrefix('/a')).not.toBe(namePrefix('/b'));
    expect(networkName('/a')).not.toBe(networkName('/b'));
    expect(networkName('/a/../a')).toBe(networkName('/a'));
  });
});
