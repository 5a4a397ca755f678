import { describe, expect, it } from 'vitest';
import {
  type ContainerIdentity,
  containerLabels,
  decodeLabels,
  sameIdentity,
} from '../../../src/runtime/labels.js';

const app: ContainerIdentity = {
  podUid: 'u-1',
  namespace: 'ns',
  podName: 'web',
  name: 'nginx',
  type: 'app',
  attempt: 2,
  specHash: 'abc',
};

describe('container labels', () => {
  const cases: Array<{ name: string; labels: Record<string, string> | null | undefined; want: unknown }> = [
    { name: 'round-trips an app container identity', labels: containerLabels('/h', app), want: app },
    {
      name: 'decodes a sandbox with an empty container name',
      labels: containerLabels('/h', { ...app, type: 'sandbox', name: '', attempt: 0, specHash: '' }),
      want: { ...app, type: 'sandbox', name: '', attempt: 0, specHash: '' },
    },
    { name: 'is not a pod container without a pod uid', labels: { 'io.mkube.home': '/h' }, want: undefined },
    { name: 'is not a pod container when Docker sends null labels', labels: null, want: undefined },
    {
      name: 'reads a missing or bad attempt as 0 and an unknown type as app',
      labels: {
        'io.mkube.pod.uid': 'u',
        'io.mkube.container.attempt': 'x',
        'io.mkube.container.type': 'weird',
      },
      want: { podUid: 'u', namespace: '', podName: '', name: '', type: 'app', attempt: 0, specHash: '' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(decodeLabels(c.labels)).toEqual(c.want));

  it('labels every container with the home it belongs to', () => {
    expect(containerLabels('/state', app)['io.mkube.home']).toBe('/state');
  });

  it('calls two creates of the same pod, container and attempt the same identity, whatever the hash', () => {
    expect(sameIdentity(app, { ...app, specHash: 'other' })).toBe(true);
    expect(sameIdentity(app, { ...app, attempt: 3 })).toBe(false);
    expect(sameIdentity(app, { ...app, podUid: 'u-2' })).toBe(false);
  });
});
