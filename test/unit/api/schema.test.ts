import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pathString } from '../../../src/api/field-errors.js';
import { checkSchema } from '../../../src/api/schema/check.js';

describe('the generated field schema', () => {
  it('is current with kubernetes-types (re-run src/api/schema/generate.mjs if not)', () => {
    expect(
      execFileSync(process.execPath, ['src/api/schema/generate.mjs', '--check'], { encoding: 'utf8' }),
    ).toBe('up to date\n');
  });
});

describe('checkSchema', () => {
  const pod = (spec: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
  const unknown: Array<[string, unknown, string[]]> = [
    ['a misspelt top-level spec field', pod({ contianers: [] }), ['spec.contianers']],
    [
      'a field deep in a probe',
      pod({ containers: [{ name: 'c', livenessProbe: { httpGet: { prot: 1, port: 8 } } }] }),
      ['spec.containers[0].livenessProbe.httpGet.prot'],
    ],
    [
      'a field in a volume source',
      pod({ containers: [{ name: 'c' }], volumes: [{ name: 'v', emptyDir: { sizeLimt: '1Gi' } }] }),
      ['spec.volumes[0].emptyDir.sizeLimt'],
    ],
    [
      'several fields, all reported',
      pod({ a: 1, containers: [{ name: 'c', b: 2 }] }),
      ['spec.a', 'spec.containers[0].b'],
    ],
    [
      'a field beside metadata',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, spec: {} },
      ['spec'],
    ],
  ];
  for (const [name, obj, want] of unknown) {
    it(`finds ${name}`, () =>
      expect(checkSchema(obj, (obj as any).kind).unknown.map(pathString)).toEqual(want));
  }

  const types: Array<[string, unknown, string]> = [
    [
      'a string for an int32',
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: '3' } },
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'a fraction for an integer',
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1.5 } },
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'a map for a list',
      pod({ containers: { name: 'c' } }),
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'a number for a string in a list item',
      pod({ containers: [{ name: 'c', image: 5 }] }),
      'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
    ],
    [
      "a map for discovery/v1's ports (its EndpointPort, beside core/v1's)",
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', ports: {} },
      'json: cannot unmarshal object into Go struct field EndpointSlice.ports of type []v1.EndpointPort',
    ],
    [
      'a string for an EndpointSlice port number',
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        addressType: 'IPv4',
        ports: [{ port: '80' }],
      },
      'json: cannot unmarshal string into Go struct field EndpointPort.ports.port of type int32',
    ],
    [
      'a bad quantity',
      pod({ containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] }),
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
  ];
  for (const [name, obj, want] of types) {
    it(`reports ${name} as Go's decoder does`, () =>
      expect(checkSchema(obj, (obj as any).kind).typeError?.message).toBe(want));
  }

  it('checks EndpointSlices against discovery/v1 (a port without a number; no endpoints is not missing)', () => {
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: null,
      ports: [{ name: 'http', protocl: 'TCP' }],
    };
    expect(checkSchema(slice, 'EndpointSlice')).toEqual({ unknown: [['ports', 0, 'protocl']], required: [] });
  });

  it('accepts numbers and strings for int-or-string and quantity fields', () => {
    const p = checkSchema(
      pod({
        containers: [
          {
            name: 'c',
            resources: { limits: { cpu: 1, memory: '64Mi' } },
            readinessProbe: { httpGet: { port: 'http' } },
          },
        ],
      }),
      'Pod',
    );
    expect(p).toEqual({ unknown: [], required: [] });
  });

  it('lists required fields that are missing, but not inside status', () => {
    const p = checkSchema(
      { kind: 'Pod', spec: { containers: [{ image: 'x' }] }, status: { conditions: [{}] } },
      'Pod',
    );
    expect(p.required.map(pathString)).toEqual(['spec.containers[0].name']);
  });
});
