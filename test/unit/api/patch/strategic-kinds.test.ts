// Strategic merge patches on real kinds, with the strategies of the struct-tag table. Expected
// objects are what `kubectl patch --local --type strategic -o json` printed for the same input.
import { describe, expect, it } from 'vitest';
import type { JsonMap } from '../../../../src/api/patch/json-value.js';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
} from '../../../../src/api/patch/strategic-diff.js';
import { type StrategicErrorClass, StrategicPatchError } from '../../../../src/api/patch/strategic-errors.js';
import { strategicMergePatch } from '../../../../src/api/patch/strategic-merge.js';

const pod = (): JsonMap => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', finalizers: ['a', 'b'] },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'nginx',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      },
      { name: 'side', image: 'busybox' },
    ],
  },
});

const deployment = (): JsonMap => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: {
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    selector: { matchLabels: { app: 'd' } },
    template: {
      metadata: { labels: { app: 'd' } },
      spec: {
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      },
    },
  },
});

const service = (): JsonMap => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: {
    selector: { app: 's' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
  },
});

describe('strategicMergePatch on kinds', () => {
  const cases: Array<{ name: string; original: JsonMap; patch: JsonMap; expected: JsonMap }> = [
    {
      name: 'deletes a container and an env entry by name, adds a port by containerPort, edits finalizers as a set',
      original: pod(),
      patch: {
        metadata: { $deleteFromPrimitiveList$finalizers: 0, finalizers: ['c'] },
        spec: {
          containers: [
            { name: 'side', $patch: 'delete' },
            {
              name: 'app',
              env: [
                { name: 'C', value: '3' },
                { name: 'A', $patch: 'delete' },
              ],
              ports: [{ containerPort: 443 }],
            },
          ],
        },
      },
      expected: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', finalizers: ['c', 'b'] },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx',
              env: [
                { name: 'C', value: '3' },
                { name: 'B', value: '2' },
              ],
              ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }],
            },
          ],
        },
      },
    },
    {
      name: 'retainKeys clears the rolling update of a Recreate strategy and the emptyDir of a volume',
      original: deployment(),
      patch: {
        spec: {
          strategy: { $retainKeys: ['type'], type: 'Recreate' },
          template: {
            spec: {
              volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/tmp' } }],
              containers: [{ name: 'app', volumeMounts: [{ mountPath: '/cache', name: 'data' }] }],
            },
          },
        },
      },
      expected: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          replicas: 1,
          strategy: { type: 'Recreate' },
          selector: { matchLabels: { app: 'd' } },
          template: {
            metadata: { labels: { app: 'd' } },
            spec: {
              volumes: [{ name: 'data', hostPath: { path: '/tmp' } }],
              containers: [
                {
                  name: 'app',
                  image: 'nginx',
                  volumeMounts: [
                    { mountPath: '/cache', name: 'data' },
                    { name: 'data', mountPath: '/data' },
                  ],
                },
              ],
            },
          },
        },
      },
    },
    {
      name: 'merges service ports by port and orders them by $setElementOrder',
      original: service(),
      patch: {
        spec: {
          '$setElementOrder/ports': [{ port: 443 }, { port: 80 }],
          ports: [{ port: 80, targetPort: 9090 }],
        },
      },
      expected: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: {
          selector: { app: 's' },
          ports: [
            { name: 'https', port: 443, targetPort: 8443 },
            { name: 'http', port: 80, targetPort: 9090 },
          ],
        },
      },
    },
    {
      name: 'replaces a list with $patch: replace (items without the directive only)',
      original: service(),
      patch: { spec: { ports: [{ port: 80, $patch: 'replace' }] } },
      expected: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { selector: { app: 's' }, ports: [] },
      },
    },
    {
      name: 'replaces a map with $patch: replace',
      original: service(),
      patch: { spec: { selector: { $patch: 'replace', x: 'y' } } },
      expected: { ...service(), spec: { ...(service().spec as JsonMap), selector: { x: 'y' } } },
    },
    {
      name: 'deletes a key with null and replaces lists without a strategy (args, tolerations)',
      original: {
        kind: 'Pod',
        metadata: { name: 'p', labels: { a: '1', b: '2' } },
        spec: {
          containers: [{ name: 'c', args: ['x', 'y'] }],
          tolerations: [{ key: 'k', operator: 'Exists' }],
        },
      },
      patch: {
        metadata: { labels: { a: null } },
        spec: { containers: [{ name: 'c', args: ['z'] }], tolerations: [{ key: 'j', operator: 'Exists' }] },
      },
      expected: {
        kind: 'Pod',
        metadata: { name: 'p', labels: { b: '2' } },
        spec: { containers: [{ name: 'c', args: ['z'] }], tolerations: [{ key: 'j', operator: 'Exists' }] },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const patch = JSON.parse(
        JSON.stringify(c.patch).replace(
          '$deleteFromPrimitiveList$finalizers":0',
          '$deleteFromPrimitiveList/finalizers":["a"]',
        ),
      );
      expect(strategicMergePatch(c.original, patch, c.original.kind as string)).toEqual(c.expected);
    });
  }

  it('leaves its inputs unchanged', () => {
    const original = pod();
    const patch = { spec: { containers: [{ name: 'side', $patch: 'delete' }] } };
    strategicMergePatch(original, patch, 'Pod');
    expect({ original, patch }).toEqual({
      original: pod(),
      patch: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } },
    });
  });

  const errors: Array<[string, JsonMap, string, StrategicErrorClass, JsonMap?]> = [
    [
      'a list item without its merge key',
      { spec: { containers: [{ image: 'x' }] } },
      'map: map[image:x] does not contain declared merge key: name',
      'Internal',
    ],
    [
      'an unknown $patch',
      { spec: { containers: [{ name: 'app', $patch: 'bogus' }] } },
      'unknown patch type: bogus in map: map[$patch:bogus name:app]',
      'Internal',
    ],
    [
      'a $retainKeys that is not a list',
      { spec: { $retainKeys: 'x' } },
      'invalid patch format of retainKeys',
      'BadRequest',
    ],
    [
      'a $retainKeys that leaves out a patched key',
      { spec: { $retainKeys: ['a'], b: 1 } },
      'invalid patch format of retainKeys',
      'BadRequest',
    ],
    [
      'a $setElementOrder without a list',
      { spec: { '$setElementOrderx/containers': [] } },
      'invalid patch format of setElementOrder list',
      'BadRequest',
    ],
    [
      'a list item of another type',
      { spec: { containers: [['x']] } },
      'list element types are not identical: [[map[env:[map[name:A value:1] map[name:B value:2]] image:nginx name:app ports:[map[containerPort:80 protocol:TCP]]] map[image:busybox name:side]] [[x]]]',
      'Internal',
    ],
    [
      'a list of lists',
      { metadata: { finalizers: [['x']] } },
      'lists of lists are not supported',
      'Invalid',
      { metadata: { finalizers: [] } },
    ],
  ];
  for (const [name, patch, message, status, original] of errors) {
    it(`rejects ${name}: ${message}`, () => {
      let caught: unknown;
      try {
        strategicMergePatch(original ?? pod(), patch, 'Pod');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StrategicPatchError);
      expect({
        message: (caught as StrategicPatchError).message,
        status: (caught as StrategicPatchError).status,
      }).toEqual({
        message,
        status,
      });
    });
  }
});

describe('createTwoWayMergePatch and createThreeWayMergePatch on kinds', () => {
  it('writes the two-way patch of a changed pod: env entry deleted, container added, finalizer removed', () => {
    const modified = pod();
    const spec = modified.spec as { containers: JsonMap[] };
    spec.containers[0]!.env = [{ name: 'B', value: '2' }];
    spec.containers.push({ name: 'extra', image: 'redis' });
    (modified.metadata as JsonMap).finalizers = ['b'];
    expect(createTwoWayMergePatch(pod(), modified, 'Pod')).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], '$setElementOrder/finalizers': ['b'] },
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }, { name: 'extra' }],
        containers: [
          { name: 'app', '$setElementOrder/env': [{ name: 'B' }], env: [{ name: 'A', $patch: 'delete' }] },
          { name: 'extra', image: 'redis' },
        ],
      },
    });
  });

  it('writes $retainKeys for a Deployment strategy switched to Recreate', () => {
    const last = deployment();
    const modified = deployment();
    (modified.spec as JsonMap).strategy = { type: 'Recreate' };
    expect(createThreeWayMergePatch(last, modified, deployment(), 'Deployment')).toEqual({
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } },
    });
  });

  it('writes an empty patch when nothing changed', () => {
    expect(createTwoWayMergePatch(pod(), pod(), 'Pod')).toEqual({});
  });
});
