import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { type SeccompChoice, seccompChoice, seccompForRuntime } from '../../../src/kubelet/seccomp.js';

const pod = (profile?: object): Pod => ({
  metadata: { name: 'p', uid: 'u' },
  spec: { containers: [], ...(profile ? { securityContext: { seccompProfile: profile as never } } : {}) },
});
const container = (sc?: object): Container => ({ name: 'c', ...(sc ? { securityContext: sc } : {}) });

describe('seccompChoice', () => {
  it.each<[string, Pod, Container | undefined, SeccompChoice]>([
    ['nothing set: Unconfined, the kubelet default', pod(), container(), { type: 'Unconfined' }],
    ['the pod sets RuntimeDefault', pod({ type: 'RuntimeDefault' }), container(), { type: 'RuntimeDefault' }],
    [
      'the container overrides the pod',
      pod({ type: 'RuntimeDefault' }),
      container({ seccompProfile: { type: 'Unconfined' } }),
      { type: 'Unconfined' },
    ],
    [
      'a container Localhost profile',
      pod(),
      container({ seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } }),
      { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
    ],
    [
      'privileged runs Unconfined whatever is set',
      pod({ type: 'RuntimeDefault' }),
      container({ privileged: true, seccompProfile: { type: 'RuntimeDefault' } }),
      { type: 'Unconfined' },
    ],
    [
      'the sandbox takes the pod profile',
      pod({ type: 'Localhost', localhostProfile: 'p.json' }),
      undefined,
      { type: 'Localhost', localhostProfile: 'p.json' },
    ],
  ])('%s', (_, p, c, want) => {
    expect(seccompChoice(p, c)).toEqual(want);
  });
});

describe('seccompForRuntime', () => {
  const files: Record<string, string> = {
    '/root/seccomp/profiles/ok.json': '{"defaultAction":"SCMP_ACT_ALLOW"}',
  };
  const read = (path: string) => {
    if (path in files) return files[path]!;
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
  it.each<[string, SeccompChoice, string | undefined, ReturnType<typeof seccompForRuntime>]>([
    [
      'RuntimeDefault: the engine default',
      { type: 'RuntimeDefault' },
      '/root/seccomp',
      { ok: true, seccomp: undefined },
    ],
    ['Unconfined', { type: 'Unconfined' }, '/root/seccomp', { ok: true, seccomp: 'unconfined' }],
    [
      'Localhost: the JSON read from the profile root',
      { type: 'Localhost', localhostProfile: 'profiles/ok.json' },
      '/root/seccomp',
      { ok: true, seccomp: '{"defaultAction":"SCMP_ACT_ALLOW"}' },
    ],
    [
      'Localhost, missing: worded as containerd',
      { type: 'Localhost', localhostProfile: 'profiles/gone.json' },
      '/root/seccomp',
      {
        ok: false,
        message:
          'cannot load seccomp profile "/root/seccomp/profiles/gone.json": open /root/seccomp/profiles/gone.json: no such file or directory',
      },
    ],
    [
      'Localhost without a profile root',
      { type: 'Localhost', localhostProfile: 'p.json' },
      undefined,
      { ok: false, message: 'cannot load seccomp profile "p.json": no profile directory' },
    ],
  ])('%s', (_, choice, root, want) => {
    expect(seccompForRuntime(choice, root, read)).toEqual(want);
  });
});
