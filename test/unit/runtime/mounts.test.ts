import { describe, expect, it } from 'vitest';
import { checkSubPath, dockerMounts } from '../../../src/runtime/mounts.js';
import type { MountSpec } from '../../../src/runtime/types.js';

const HOME_LABEL = { 'io.mkube.home': '/h' };
const m = (over: Partial<MountSpec>): MountSpec => ({
  type: 'volume',
  source: 'vol',
  target: '/data',
  readOnly: false,
  ...over,
});

describe('docker mounts', () => {
  const cases: Array<{ name: string; specs: MountSpec[]; want: unknown }> = [
    {
      name: 'labels a volume with the home and the kubelet labels',
      specs: [m({ volumeLabels: { 'io.mkube.pod.uid': 'u1' } })],
      want: {
        mounts: [
          {
            Type: 'volume',
            Source: 'vol',
            Target: '/data',
            ReadOnly: false,
            VolumeOptions: { Labels: { ...HOME_LABEL, 'io.mkube.pod.uid': 'u1' } },
          },
        ],
        binds: [],
      },
    },
    {
      name: 'backs a memory emptyDir volume with tmpfs of the size limit',
      specs: [m({ tmpfs: true, sizeBytes: 1048576 })],
      want: {
        mounts: [
          {
            Type: 'volume',
            Source: 'vol',
            Target: '/data',
            ReadOnly: false,
            VolumeOptions: {
              Labels: HOME_LABEL,
              DriverConfig: { Name: 'local', Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1048576' } },
            },
          },
        ],
        binds: [],
      },
    },
    {
      name: 'maps mount propagation of a bind mount',
      specs: [m({ type: 'bind', source: '/src', propagation: 'HostToContainer', readOnly: true })],
      want: {
        mounts: [
          {
            Type: 'bind',
            Source: '/src',
            Target: '/data',
            ReadOnly: true,
            BindOptions: { Propagation: 'rslave' },
          },
        ],
        binds: [],
      },
    },
    {
      name: 'turns a volume subPath into a bind of the directory under its mountpoint',
      specs: [m({ subPath: 'a/b', readOnly: true })],
      want: { mounts: [], binds: ['/var/lib/docker/volumes/vol/_data/a/b:/data:ro'] },
    },
    {
      name: 'turns a hostPath subPath into a bind with propagation',
      specs: [m({ type: 'bind', source: '/src', subPath: 'x', propagation: 'Bidirectional' })],
      want: { mounts: [], binds: ['/src/x:/data:rw,rshared'] },
    },
  ];
  const paths = new Map([['vol', '/var/lib/docker/volumes/vol/_data']]);
  for (const c of cases) it(c.name, () => expect(dockerMounts('/h', c.specs, paths)).toEqual(c.want));

  it('refuses a subPath that leaves the volume', () => {
    expect(() => checkSubPath('../etc')).toThrow(/must be a relative path/);
    expect(() => checkSubPath('/etc')).toThrow(/must be a relative path/);
    expect(checkSubPath('a/./b')).toBe('a/b');
  });
});
