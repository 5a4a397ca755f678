// The OpenAPI documents: definitions built from the generated schema and its descriptions, the v3
// index and per-group-version documents, the v2 document, and the handler that serves them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { schemaDocs } from '../../../src/api/schema/descriptions.js';
import { definitionName, structDefinition } from '../../../src/apiserver/openapi/definitions.js';
import {
  documentHash,
  openApiV3Documents,
  swaggerJson,
  swaggerProtobufBytes,
} from '../../../src/apiserver/openapi/documents.js';
import { handleOpenApi } from '../../../src/apiserver/openapi/index.js';
import type { ApiContext } from '../../../src/apiserver/types.js';

const docs = schemaDocs();

describe('definitions', () => {
  it('names structs by their Go package, as the API server does', () => {
    expect(
      [
        'Pod',
        'Deployment',
        'ObjectMeta',
        'EndpointPort',
        'EndpointPort@discovery/v1',
        'Quantity',
        'Time',
        'IntOrString',
        'RawExtension',
      ].map((k) => definitionName(k)),
    ).toEqual([
      'io.k8s.api.core.v1.Pod',
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.api.core.v1.EndpointPort',
      'io.k8s.api.discovery.v1.EndpointPort',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.apimachinery.pkg.runtime.RawExtension',
    ]);
  });

  it('builds a struct with descriptions, formats, required fields, and v3 described references in allOf', () => {
    const f = docs.structs.ServicePort.f;
    expect(structDefinition('ServicePort', 'v3')).toEqual({
      schema: {
        description: docs.structs.ServicePort.d,
        properties: {
          appProtocol: { description: f.appProtocol, type: 'string' },
          name: { description: f.name, type: 'string' },
          nodePort: { description: f.nodePort, type: 'integer', format: 'int32' },
          port: { description: f.port, type: 'integer', format: 'int32' },
          protocol: { description: f.protocol, type: 'string' },
          targetPort: {
            description: f.targetPort,
            allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }],
          },
        },
        required: ['port'],
        type: 'object',
      },
      refs: ['io.k8s.apimachinery.pkg.util.intstr.IntOrString'],
    });
    expect(structDefinition('ServicePort', 'v2').schema).toMatchObject({
      properties: {
        targetPort: {
          description: f.targetPort,
          $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
        },
      },
    });
  });

  it('carries the kind and the strategic-merge extensions mkube knows', () => {
    const pod = structDefinition('Pod', 'v3').schema;
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    const container = structDefinition('Container', 'v3').schema as { properties: Record<string, unknown> };
    expect(container.properties.env).toEqual({
      description: docs.structs.Container.f.env,
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.EnvVar' },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    const limits = structDefinition('ResourceRequirements', 'v3').schema as {
      properties: Record<string, unknown>;
    };
    expect(limits.properties.limits).toEqual({
      description: docs.structs.ResourceRequirements.f.limits,
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
    });
  });
});

describe('documents', () => {
  it('has one v3 document per group-version, holding its kinds, their lists and what they refer to', () => {
    const v3 = openApiV3Documents();
    expect([...v3.keys()]).toEqual([
      'api/v1',
      'apis/apps/v1',
      'apis/autoscaling/v2',
      'apis/batch/v1',
      'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1',
      'apis/networking.k8s.io/v1',
      'apis/policy/v1',
      'apis/storage.k8s.io/v1',
    ]);
    const apps = JSON.parse(v3.get('apis/apps/v1')!);
    const names = Object.keys(apps.components.schemas);
    expect(
      names.filter((n) => !n.startsWith('io.k8s.api.core.') && !n.startsWith('io.k8s.apimachinery.')),
    ).toEqual([
      'io.k8s.api.apps.v1.ControllerRevision',
      'io.k8s.api.apps.v1.ControllerRevisionList',
      'io.k8s.api.apps.v1.DaemonSet',
      'io.k8s.api.apps.v1.DaemonSetCondition',
      'io.k8s.api.apps.v1.DaemonSetList',
      'io.k8s.api.apps.v1.DaemonSetSpec',
      'io.k8s.api.apps.v1.DaemonSetStatus',
      'io.k8s.api.apps.v1.DaemonSetUpdateStrategy',
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentCondition',
      'io.k8s.api.apps.v1.DeploymentList',
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.apps.v1.DeploymentStatus',
      'io.k8s.api.apps.v1.DeploymentStrategy',
      'io.k8s.api.apps.v1.ReplicaSet',
      'io.k8s.api.apps.v1.ReplicaSetCondition',
      'io.k8s.api.apps.v1.ReplicaSetList',
      'io.k8s.api.apps.v1.ReplicaSetSpec',
      'io.k8s.api.apps.v1.ReplicaSetStatus',
      'io.k8s.api.apps.v1.RollingUpdateDaemonSet',
      'io.k8s.api.apps.v1.RollingUpdateDeployment',
      'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy',
      'io.k8s.api.apps.v1.StatefulSet',
      'io.k8s.api.apps.v1.StatefulSetCondition',
      'io.k8s.api.apps.v1.StatefulSetList',
      'io.k8s.api.apps.v1.StatefulSetOrdinals',
      'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
      'io.k8s.api.apps.v1.StatefulSetSpec',
      'io.k8s.api.apps.v1.StatefulSetStatus',
      'io.k8s.api.apps.v1.StatefulSetUpdateStrategy',
    ]);
    expect(Object.keys(apps.paths).filter((p) => p.includes('deployments'))).toEqual([
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
    ]);
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect({
      id: patch.operationId,
      gvk: patch['x-kubernetes-group-version-kind'],
      types: Object.keys(patch.requestBody.content),
      query: patch.parameters.map((p: { name: string }) => p.name),
    }).toEqual({
      id: 'patchAppsV1NamespacedDeployment',
      gvk: { group: 'apps', kind: 'Deployment', version: 'v1' },
      types: [
        'application/apply-patch+yaml',
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ],
      query: ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
    });
  });

  it('has every definition and path in the v2 document', () => {
    const v2 = JSON.parse(swaggerJson());
    expect(v2.swagger).toBe('2.0');
    expect(v2.definitions['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    expect(Object.keys(v2.paths).filter((p) => p.includes('/nodes'))).toEqual([
      '/api/v1/nodes',
      '/api/v1/nodes/{name}',
    ]);
    expect(v2.paths['/api/v1/nodes/{name}'].get.responses['200'].schema).toEqual({
      $ref: '#/definitions/io.k8s.api.core.v1.Node',
    });
  });
});

describe('handler', () => {
  it('serves the index, the documents under their hash, v2 as JSON, and leaves other paths alone', async () => {
    const server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!(await handleOpenApi(req, res, url, {} as ApiContext))) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const index = await (await fetch(`${base}/openapi/v3`)).json();
      const core = openApiV3Documents().get('api/v1')!;
      expect(index.paths['api/v1']).toEqual({
        serverRelativeURL: `/openapi/v3/api/v1?hash=${documentHash(core)}`,
      });
      const doc = await fetch(`${base}${index.paths['api/v1'].serverRelativeURL}`);
      expect([
        doc.status,
        doc.headers.get('content-type'),
        doc.headers.get('cache-control'),
        await doc.text(),
      ]).toEqual([200, 'application/json', 'public, immutable', core]);
      const v2 = await fetch(`${base}/openapi/v2`, { headers: { Accept: 'application/json' } });
      expect([v2.status, v2.headers.get('content-type'), await v2.text()]).toEqual([
        200,
        'application/json',
        swaggerJson(),
      ]);
      const v2pb = await fetch(`${base}/openapi/v2`, {
        headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
      });
      expect([v2pb.status, v2pb.headers.get('content-type'), Buffer.from(await v2pb.arrayBuffer())]).toEqual([
        200,
        'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
        swaggerProtobufBytes(),
      ]);
      const missing = await fetch(`${base}/openapi/v3/apis/nope/v1`);
      expect([missing.status, (await missing.json()).reason]).toEqual([404, 'NotFound']);
      expect((await fetch(`${base}/api/v1`)).status).toBe(418);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
