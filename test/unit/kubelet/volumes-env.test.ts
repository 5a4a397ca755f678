import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { securityOptions } from '../../../src/kubelet/container-spec.js';
import { fieldValue, resolveEnv } from '../../../src/kubelet/env.js';
import { checkHostPath, containerMounts, type HostFs, sandboxMounts } from '../../../src/kubelet/volumes.js';
import { basePod } from './fixtures.js';

function fakeFs(entries: Record<string, ReturnType<HostFs['kind']>>): HostFs & { made: string[] } {
  const made: string[] = [];
  return {
    made,
    kind: (p) => entries[p],
    mkdirp: (p) => made.push(`dir:${p}`),
    touch: (p) => made.push(`file:${p}`),
  };
}

describe('hostPath type checks', () => {
  const cases: [string, string, ReturnType<HostFs['kind']>, string | undefined, string[]][] = [
    ['no type means no check', '', undefined, undefined, []],
    ['DirectoryOrCreate creates a missing directory', 'DirectoryOrCreate', undefined, undefined, ['dir:/p']],
    [
      'DirectoryOrCreate refuses a file',
      'DirectoryOrCreate',
      'file',
      'hostPath type check failed: /p is not a directory',
      [],
    ],
    [
      'Directory requires a directory',
      'Directory',
      undefined,
      'hostPath type check failed: /p is not a directory',
      [],
    ],
    ['FileOrCreate creates a missing file', 'FileOrCreate', undefined, undefined, ['file:/p']],
    ['File requires a file', 'File', 'directory', 'hostPath type check failed: /p is not a file', []],
    ['Socket requires a socket', 'Socket', 'file', 'hostPath type check failed: /p is not a socket file', []],
    ['CharDevice accepts a character device', 'CharDevice', 'char', undefined, []],
    ['an unknown type is invalid', 'Nope', 'file', 'invalid HostPathType Nope', []],
  ];
  for (const [name, type, kind, error, made] of cases) {
    it(name, () => {
      const fs = fakeFs({ '/p': kind });
      expect(checkHostPath('/p', type, fs)).toBe(error);
      expect(fs.made).toEqual(made);
    });
  }
});

describe('container mounts', () => {
  const pod = basePod((p) => {
    p.spec!.volumes = [
      { name: 'cache', emptyDir: {} },
      { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'host', hostPath: { path: '/srv', type: 'Directory' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
    ];
    p.spec!.containers[0]!.volumeMounts = [
      { name: 'cache', mountPath: '/cache' },
      { name: 'mem', mountPath: '/mem', readOnly: true },
      { name: 'host', mountPath: '/host', subPath: 'logs' },
      { name: 'data', mountPath: '/data' },
    ];
  });
  const deps = {
    fs: fakeFs({ '/srv': 'directory', '/home/volumes/pvc-v1': 'directory' }),
    claims: () => ({ hostPath: { path: '/home/volumes/pvc-v1', type: 'DirectoryOrCreate' } }),
  };

  it('shares one Docker volume per emptyDir, tmpfs-backed for medium Memory, and binds hostPath', () => {
    expect(containerMounts(pod, pod.spec!.containers[0]!, deps)).toEqual({
      ok: true,
      mounts: [
        {
          type: 'volume',
          source: 'mkube-emptydir-uid-1-cache',
          volumeLabels: { 'io.mkube.pod.uid': 'uid-1' },
          target: '/cache',
          readOnly: false,
        },
        {
          type: 'volume',
          source: 'mkube-emptydir-uid-1-mem',
          volumeLabels: { 'io.mkube.pod.uid': 'uid-1' },
          tmpfs: true,
          sizeBytes: 64 * 2 ** 20,
          target: '/mem',
          readOnly: true,
        },
        { type: 'bind', source: '/srv', target: '/host', readOnly: false, subPath: 'logs' },
        { type: 'bind', source: '/home/volumes/pvc-v1', target: '/data', readOnly: false },
      ],
    });
  });

  it('has the sandbox hold memory-backed emptyDirs so their data outlives a container restart', () => {
    expect(sandboxMounts(pod)).toEqual([
      {
        type: 'volume',
        source: 'mkube-emptydir-uid-1-mem',
        volumeLabels: { 'io.mkube.pod.uid': 'uid-1' },
        tmpfs: true,
        sizeBytes: 64 * 2 ** 20,
        target: '/mkube/volumes/mem',
        readOnly: false,
      },
    ]);
  });

  it('fails with the kubelet message when a hostPath check fails', () => {
    const r = containerMounts(pod, pod.spec!.containers[0]!, { ...deps, fs: fakeFs({ '/srv': 'file' }) });
    expect(r).toEqual({
      ok: false,
      volume: 'host',
      message:
        'MountVolume.SetUp failed for volume "host" : hostPath type check failed: /srv is not a directory',
    });
  });

  it("creates a claim's missing untyped hostPath directory, as the runtime does, and honours readOnly", () => {
    const fs = fakeFs({ '/srv': 'directory' });
    const p = basePod((x) => {
      x.spec!.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'c', readOnly: true } }];
      x.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }];
    });
    const r = containerMounts(p, p.spec!.containers[0]!, {
      fs,
      claims: () => ({ hostPath: { path: '/mnt/data', type: '' } }),
    });
    expect({ r, made: fs.made }).toEqual({
      r: { ok: true, mounts: [{ type: 'bind', source: '/mnt/data', target: '/data', readOnly: true }] },
      made: ['dir:/mnt/data'],
    });
  });

  it('fails when a claim is not bound', () => {
    const r = containerMounts(pod, pod.spec!.containers[0]!, {
      ...deps,
      claims: () => ({ error: 'persistentvolumeclaim "data-web-0" is not bound' }),
    });
    expect(r.ok).toBe(false);
  });
});

describe('environment from other sources', () => {
  const pod: Pod = basePod((p) => {
    p.metadata!.labels = { app: 'web', tier: 'front' };
    p.metadata!.annotations = { owner: 'me' };
    p.spec!.containers[0]!.resources = { limits: { memory: '64Mi', cpu: '500m' } };
  });
  const src = {
    podIP: '172.18.0.5',
    hostIP: '127.0.0.1',
    configMap: (_ns: string, name: string) => (name === 'cfg' ? { mode: 'fast' } : undefined),
    secret: (_ns: string, name: string) => (name === 'pw' ? { password: 's3cret' } : undefined),
  };

  const fieldCases: [string, string][] = [
    ['metadata.name', 'web'],
    ['metadata.namespace', 'default'],
    ['metadata.uid', 'uid-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.annotations['owner']", 'me'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['spec.nodeName', 'node'],
    ['spec.serviceAccountName', 'default'],
    ['status.podIP', '172.18.0.5'],
    ['status.hostIP', '127.0.0.1'],
  ];
  for (const [path, value] of fieldCases) {
    it(`fieldRef ${path} gives ${JSON.stringify(value)}`, () =>
      expect(fieldValue(pod, path, src)).toBe(value));
  }

  it('resolves configMap, secret and resource references', () => {
    const c = {
      ...pod.spec!.containers[0]!,
      env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'pw', key: 'password' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      ],
    };
    const r = resolveEnv(pod, c, src);
    expect(r.ok && Object.fromEntries(r.env.valueFrom)).toEqual({
      MODE: 'fast',
      PW: 's3cret',
      MEM: '64',
      CPU: '500',
    });
  });

  it('reports a missing configMap as the kubelet does', () => {
    const c = {
      ...pod.spec!.containers[0]!,
      env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }],
    };
    expect(resolveEnv(pod, c, src)).toEqual({ ok: false, message: 'configmap "nope" not found' });
  });

  it('reports a missing key as the kubelet does', () => {
    const c = {
      ...pod.spec!.containers[0]!,
      env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }],
    };
    expect(resolveEnv(pod, c, src)).toEqual({
      ok: false,
      message: "couldn't find key k in ConfigMap default/cfg",
    });
  });
});

describe('security context', () => {
  it('lets the container override the pod and maps capabilities and privilege escalation', () => {
    const pod = basePod((p) => {
      p.spec!.securityContext = { runAsUser: 1000, runAsGroup: 3000 };
      p.spec!.shareProcessNamespace = true;
      p.spec!.containers[0]!.securityContext = {
        runAsUser: 2000,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
      };
    });
    expect(securityOptions(pod, pod.spec!.containers[0]!)).toEqual({
      user: '2000:3000',
      readOnlyRootFilesystem: true,
      noNewPrivileges: true,
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      sharePid: true,
    });
  });
});
