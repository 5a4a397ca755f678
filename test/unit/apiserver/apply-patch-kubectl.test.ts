// kubectl's client-side apply computes its strategic merge patch from the endpoint's OpenAPI v3
// document (the PATCH operation accepts strategic-merge-patch+json, and the schema carries the
// patch strategies and merge keys): the patch it sends for a changed container image keeps the
// containers list merged by name (`$setElementOrder/containers`), and asks the server to validate
// fields (kubectl only does that when the OpenAPI document says PATCH takes fieldValidation).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiTestServer } from './openapi-server.js';

const applied = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image },
          { name: 'side', image: 'busybox' },
        ],
      },
    },
  },
});

const live = {
  ...applied('nginx:1'),
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '7',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied('nginx:1')) },
  },
};

let server: OpenApiTestServer;
const patches: Array<{ contentType?: string; query: string; body: unknown }> = [];

beforeAll(async () => {
  server = new OpenApiTestServer(async (req, res, url) => {
    if (url.pathname !== '/apis/apps/v1/namespaces/default/deployments/web') return false;
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method === 'PATCH')
      patches.push({ contentType: req.headers['content-type'], query: url.search, body: JSON.parse(body) });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(live));
    return true;
  });
  await server.start();
});
afterAll(() => server.stop());

describe('kubectl apply against the OpenAPI documents', () => {
  it('sends a strategic merge patch that merges containers by name, with server-side field validation', async () => {
    const file = join(server.dir, 'web.json');
    writeFileSync(file, JSON.stringify(applied('nginx:2')));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'kubectl',
        server.kubectlArgs('apply', '-f', file),
        { encoding: 'utf8' },
        (e, stdout, stderr) => (e ? reject(new Error(stderr)) : resolve(stdout + stderr)),
      ),
    );
    expect(out).toBe('deployment.apps/web configured\n');
    expect(patches).toEqual([
      {
        contentType: 'application/strategic-merge-patch+json',
        query: '?fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
        body: {
          metadata: {
            annotations: {
              // kubectl's own serialization of the applied file: keys sorted, empty annotations kept.
              'kubectl.kubernetes.io/last-applied-configuration':
                '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:2","name":"web"},{"image":"busybox","name":"side"}]}}}}\n',
            },
          },
          spec: {
            template: {
              spec: {
                '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
                containers: [{ image: 'nginx:2', name: 'web' }],
              },
            },
          },
        },
      },
    ]);
  });
});
