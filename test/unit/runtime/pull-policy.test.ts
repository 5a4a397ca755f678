import { describe, expect, it } from 'vitest';
import { afterPull, isValidReference, planPull, withDefaultTag } from '../../../src/runtime/pull-policy.js';
import type { ImagePullPolicy } from '../../../src/runtime/types.js';

describe('planPull', () => {
  const cases: Array<{ name: string; policy: ImagePullPolicy; present: boolean; want: unknown }> = [
    {
      name: 'uses a present image under IfNotPresent',
      policy: 'IfNotPresent',
      present: true,
      want: { action: 'use-local' },
    },
    {
      name: 'pulls an absent image under IfNotPresent',
      policy: 'IfNotPresent',
      present: false,
      want: { action: 'pull' },
    },
    {
      name: 'pulls even a present image under Always',
      policy: 'Always',
      present: true,
      want: { action: 'pull' },
    },
    {
      name: 'uses a present image under Never',
      policy: 'Never',
      present: true,
      want: { action: 'use-local' },
    },
    {
      name: 'refuses an absent image under Never with the kubelet message',
      policy: 'Never',
      present: false,
      want: {
        ok: false,
        reason: 'ErrImageNeverPull',
        message: 'Container image "app:1" is not present with pull policy of Never',
      },
    },
  ];
  for (const c of cases) it(c.name, () => expect(planPull('app:1', c.policy, c.present)).toEqual(c.want));

  it('rejects an invalid reference as InvalidImageName before anything else', () => {
    expect(planPull('Bad Image', 'Never', false)).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });
});

describe('afterPull', () => {
  const cases: Array<{ name: string; error?: string; present: boolean; want: unknown }> = [
    { name: 'uses the pulled image', present: true, want: { action: 'use-local' } },
    {
      name: 'uses a local image with a warning when the pull failed',
      error: 'no such host',
      present: true,
      want: {
        action: 'use-local',
        warning: 'Failed to pull image "app:1": no such host; using the image present locally',
      },
    },
    {
      name: 'reports ErrImagePull when the pull failed and nothing is local',
      error: 'no such host',
      present: false,
      want: { ok: false, reason: 'ErrImagePull', message: 'Failed to pull image "app:1": no such host' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(afterPull('app:1', c.error, c.present)).toEqual(c.want));
});

describe('image references', () => {
  const valid = [
    'busybox',
    'busybox:1.36',
    'library/busybox',
    'localhost:5000/a/b:tag',
    `ghcr.io/x/y@sha256:${'a'.repeat(64)}`,
  ];
  const invalid = ['', 'Busybox', 'a b', 'busybox:', ':tag', 'a//b'];
  for (const ref of valid) it(`accepts ${ref.slice(0, 40)}`, () => expect(isValidReference(ref)).toBe(true));
  for (const ref of invalid) it(`rejects "${ref}"`, () => expect(isValidReference(ref)).toBe(false));

  it('pulls :latest when no tag is given, never every tag', () => {
    expect(withDefaultTag('busybox')).toBe('busybox:latest');
    expect(withDefaultTag('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(withDefaultTag('busybox:1.36')).toBe('busybox:1.36');
    expect(withDefaultTag('busybox@sha256:abc')).toBe('busybox@sha256:abc');
  });
});
