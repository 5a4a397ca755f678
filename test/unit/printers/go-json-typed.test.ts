import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_ORDER } from '../../../src/api/schema/field-order.gen.js';
import { STRUCTS } from '../../../src/api/schema/fields.gen.js';
import { createDeploymentObject } from '../../../src/commands/workload/generate.js';
import { createServiceObject } from '../../../src/commands/workload/service-generate.js';
import { goJsonTyped } from '../../../src/printers/go-json-typed.js';
import { GenericPrinter, type OutputFormat, parseOutputFormat } from '../../../src/printers/output.js';

describe('goJsonTyped writes typed objects as encoding/json does', () => {
  it('orders struct fields as the Go structs declare them, maps sorted, unknown keys last', () => {
    const pod = {
      status: { phase: 'Pending' },
      spec: {
        dnsPolicy: 'ClusterFirst',
        containers: [
          {
            resources: {},
            image: 'busybox',
            name: 'c',
            env: [{ value: '1', name: 'X' }],
            ports: [{ protocol: 'TCP', containerPort: 80 }],
          },
        ],
        volumes: [{ emptyDir: {}, name: 'v' }],
        restartPolicy: 'Always',
      },
      metadata: {
        labels: { z: '1', a: '2', '10': 'x', '9': 'y' },
        creationTimestamp: null,
        namespace: 'default',
        name: 'p',
        zUnknown: 1,
        aUnknown: 2,
      },
      apiVersion: 'v1',
      kind: 'Pod',
    };
    expect(goJsonTyped(pod)).toBe(
      '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"default","creationTimestamp":null,' +
        '"labels":{"10":"x","9":"y","a":"2","z":"1"},"aUnknown":2,"zUnknown":1},' +
        '"spec":{"volumes":[{"name":"v","emptyDir":{}}],"containers":[{"name":"c","image":"busybox",' +
        '"ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"X","value":"1"}],"resources":{}}],' +
        '"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{"phase":"Pending"}}',
    );
  });

  it('indents as MarshalIndent and escapes as Go does', () => {
    const cm = { data: { b: '<&>', a: '' }, metadata: { name: 'c' }, apiVersion: 'v1', kind: 'ConfigMap' };
    expect(goJsonTyped(cm, '    ')).toBe(
      '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "c"\n    },\n' +
        '    "data": {\n        "a": "",\n        "b": "\\u003c\\u0026\\u003e"\n    }\n}',
    );
  });

  it('writes a List as TypeMeta, ListMeta, then each item in its own kind order', () => {
    const list = {
      apiVersion: 'v1',
      items: [
        { metadata: { name: 'a' }, apiVersion: 'v1', kind: 'Namespace' },
        {
          spec: { ports: [{ port: 80 }], selector: { app: 'x' } },
          kind: 'Service',
          apiVersion: 'v1',
          metadata: { name: 's' },
        },
      ],
      kind: 'List',
      metadata: { resourceVersion: '' },
    };
    expect(goJsonTyped(list)).toBe(
      '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":""},"items":[' +
        '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"a"}},' +
        '{"kind":"Service","apiVersion":"v1","metadata":{"name":"s"},"spec":{"ports":[{"port":80}],"selector":{"app":"x"}}}]}',
    );
  });

  it('falls back to sorted keys for a kind the schema does not know', () => {
    expect(goJsonTyped({ spec: { b: 1, a: 2 }, kind: 'Widget', apiVersion: 'x/v1' })).toBe(
      '{"apiVersion":"x/v1","kind":"Widget","spec":{"a":2,"b":1}}',
    );
  });

  it('has a Go order for every struct and field of the schema', () => {
    const missing = Object.entries(STRUCTS).flatMap(([name, s]) =>
      Object.keys(s.f)
        .filter((f) => !FIELD_ORDER[name]?.includes(f))
        .map((f) => `${name}.${f}`),
    );
    expect(missing).toEqual([]);
    // Spot checks against the Go structs (types.go of k8s.io/api and apimachinery).
    expect(FIELD_ORDER.ObjectMeta).toEqual([
      'name',
      'generateName',
      'namespace',
      'selfLink',
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'labels',
      'annotations',
      'ownerReferences',
      'finalizers',
      'managedFields',
    ]);
    expect(FIELD_ORDER.Deployment).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(FIELD_ORDER.Probe!.slice(0, 4)).toEqual(['exec', 'httpGet', 'tcpSocket', 'grpc']);
  });
});

// kubectl v1.32's own output for the same generated objects (`kubectl create ... --dry-run=client
// -o json|yaml`), kept in test/e2e/fixtures/kubectl-golden.
describe('generated objects print byte for byte as kubectl prints them', () => {
  const golden = (name: string) =>
    readFileSync(join(import.meta.dirname, '../../e2e/fixtures/kubectl-golden', `${name}.golden`), 'utf8');
  const print = (format: string, obj: unknown) => {
    let out = '';
    new GenericPrinter(
      parseOutputFormat(format) as Exclude<OutputFormat, { type: 'table' }>,
      (s) => {
        out += s;
      },
      { typed: true },
    ).print(obj);
    return out;
  };
  const web = createDeploymentObject({
    name: 'web',
    images: ['nginx:1.27'],
    replicas: 3,
    port: 8080,
    command: [],
    random: () => 'x',
  });

  it('create deployment web --image=nginx:1.27 --replicas=3 --port=8080, json and yaml', () => {
    expect(print('json', web)).toBe(golden('deployment-web.json'));
    expect(print('yaml', web)).toBe(golden('deployment-web.yaml'));
  });

  it('create service clusterip my-svc --tcp=5678:8080 --tcp=443', () => {
    const svc = createServiceObject({ name: 'my-svc', type: 'ClusterIP', tcp: ['5678:8080', '443'] });
    expect(print('json', svc)).toBe(golden('service-clusterip.json'));
  });
});
