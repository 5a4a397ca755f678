// The REST handler's verbs over a real state directory: whole status codes and bodies for get,
// list (selectors, paging), create, update (409 on a stale resourceVersion), patch (three types,
// apply refused for now), delete (object or Status), deletecollection, dryRun, fieldValidation,
// and the API server's Status for every error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { goJsonTyped } from '../../../src/printers/go-json-typed.js';
import { RestServer } from './rest-server.js';

const CM = lookupKind('configmaps')!;

let srv: RestServer;
beforeEach(async () => {
  srv = await new RestServer().start();
});
afterEach(() => srv.stop());

const configMap = (name: string, labels?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data: { a: '1' },
});

const deployment = (name: string, replicas = 1): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    },
  },
});

const stored = (name: string) => srv.registry.get(CM, 'default', name)!;
const CMS = '/api/v1/namespaces/default/configmaps';

describe('get and list', () => {
  it('answers GET with the stored object in Go struct order', async () => {
    await srv.registry.create({ ...configMap('a'), metadata: { name: 'a', namespace: 'default' } });
    const reply = await srv.request('GET', `${CMS}/a`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toBe(goJsonTyped(stored('a')));
    expect(
      reply.body.startsWith(
        '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"default","uid":',
      ),
    ).toBe(true);
  });

  it('answers a missing object with the NotFound Status kubectl prints', async () => {
    const reply = await srv.request('GET', `${CMS}/nope`);
    expect(reply.status).toBe(404);
    expect(reply.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"configmaps"},"code":404}',
    );
    const apps = await srv.request('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(JSON.parse(apps.body).details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('answers paths that name no resource with 404 and unsupported methods with 405', async () => {
    const notFound =
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}';
    for (const path of [
      '/api/v1/namespaces/default/widgets',
      '/api/v2/pods',
      '/apis/apps/v1beta1/namespaces/default/deployments',
      '/api/v1/pods/x',
      '/api/v1/namespaces/default/nodes',
      '/api/v1/namespaces/default/configmaps/a/scale',
    ]) {
      const reply = await srv.request('GET', path);
      expect({ path, status: reply.status, body: reply.body }).toEqual({ path, status: 404, body: notFound });
    }
    const post = await srv.request('POST', `${CMS}/a`, {});
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server does not allow this method on the requested resource',
      reason: 'MethodNotAllowed',
      details: {},
      code: 405,
    });
  });

  it('lists with label selectors, field selectors and limit/continue pages', async () => {
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'web'],
      ['d', 'web'],
    ]) {
      await srv.registry.create({
        ...configMap(name!, { tier: tier! }),
        metadata: { name, namespace: 'default', labels: { tier } },
      });
    }
    const rv = String(srv.registry.resourceVersion());
    const all = JSON.parse((await srv.request('GET', `${CMS}?labelSelector=tier%3Dweb`)).body);
    expect(all.kind).toBe('ConfigMapList');
    expect(all.apiVersion).toBe('v1');
    expect(all.metadata).toEqual({ resourceVersion: rv });
    expect(all.items.map((i: KObject) => i.metadata.name)).toEqual(['a', 'c', 'd']);
    // A typed list's items carry no kind/apiVersion, as the API server encodes them.
    expect(Object.keys(all.items[0])).toEqual(['metadata', 'data']);

    const byName = JSON.parse((await srv.request('GET', `${CMS}?fieldSelector=metadata.name!%3Da`)).body);
    expect(byName.items.map((i: KObject) => i.metadata.name)).toEqual(['b', 'c', 'd']);

    const first = JSON.parse((await srv.request('GET', `${CMS}?limit=2`)).body);
    expect(first.items.map((i: KObject) => i.metadata.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(2);
    expect(JSON.parse(Buffer.from(first.metadata.continue, 'base64').toString())).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(rv),
      start: 'default/b\u0000',
    });
    const second = JSON.parse(
      (await srv.request('GET', `${CMS}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`))
        .body,
    );
    expect(second.items.map((i: KObject) => i.metadata.name)).toEqual(['c', 'd']);
    expect(second.metadata).toEqual({ resourceVersion: rv });

    const bad = await srv.request('GET', `${CMS}?fieldSelector=data.a%3D1`);
    expect([bad.status, JSON.parse(bad.body).message]).toEqual([
      400,
      '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ]);
    const everywhere = JSON.parse((await srv.request('GET', '/api/v1/configmaps?labelSelector=tier')).body);
    expect(everywhere.items.map((i: KObject) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'default/a',
      'default/b',
      'default/c',
      'default/d',
    ]);
  });
});

describe('writes', () => {
  it('creates (201), refuses a second create (409 AlreadyExists) and an invalid object (422 with causes)', async () => {
    const created = await srv.request('POST', CMS, configMap('a'));
    expect(created.status).toBe(201);
    expect(created.body).toBe(goJsonTyped(stored('a')));
    const again = await srv.request('POST', CMS, configMap('a'));
    expect(again.status).toBe(409);
    expect(again.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"a\\" already exists","reason":"AlreadyExists","details":{"name":"a","kind":"configmaps"},"code":409}',
    );
    const bad = deployment('Bad_Name');
    const invalid = await srv.request('POST', '/apis/apps/v1/namespaces/default/deployments', bad);
    expect(invalid.status).toBe(422);
    const status = JSON.parse(invalid.body);
    expect(status.reason).toBe('Invalid');
    expect(status.details.name).toBe('Bad_Name');
    expect(status.details.group).toBe('apps');
    expect(status.details.kind).toBe('Deployment');
    expect(status.details.causes[0]).toEqual({
      reason: 'FieldValueInvalid',
      message:
        "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      field: 'metadata.name',
    });
  });

  it('creates from a protobuf body and deletes with a protobuf DeleteOptions, as kubectl sends them', async () => {
    const fixture = JSON.parse(
      readFileSync(join(import.meta.dirname, 'fixtures/protobuf/configmap-files.json'), 'utf8'),
    );
    const proto = { 'Content-Type': 'application/vnd.kubernetes.protobuf' };
    const created = await srv.request('POST', CMS, Buffer.from(fixture.body, 'hex'), proto);
    expect(created.status).toBe(201);
    expect(created.body).toBe(goJsonTyped(stored('files')));
    const { metadata, ...content } = JSON.parse(created.body);
    const { metadata: _, ...expected } = fixture.json;
    expect(content).toEqual(expected);
    // kubectl drain --grace-period=0: DeleteOptions{gracePeriodSeconds: 0}
    const options = Buffer.from('6b3873000a130a027631120d44656c6574654f7074696f6e73120208001a002200', 'hex');
    const deleted = await srv.request('DELETE', `${CMS}/files`, options, proto);
    expect([
      deleted.status,
      JSON.parse(deleted.body).status,
      srv.registry.get(CM, 'default', 'files'),
    ]).toEqual([200, 'Success', undefined]);
  });

  it('refuses a protobuf body of a kind it has no message for with 415, as for a custom resource', async () => {
    // k8s\0 + Unknown{typeMeta{apiVersion "v1", kind "Widget"}, raw ""}
    const body = Buffer.from('6b3873000a0c0a02763112065769646765741200', 'hex');
    const reply = await srv.request('POST', CMS, body, {
      'Content-Type': 'application/vnd.kubernetes.protobuf',
    });
    expect(reply.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml","reason":"UnsupportedMediaType","code":415}',
    );
  });

  it('answers a malformed protobuf body with 400', async () => {
    const reply = await srv.request('POST', CMS, 'k8s\u0000...', {
      'Content-Type': 'application/vnd.kubernetes.protobuf',
    });
    expect([reply.status, JSON.parse(reply.body).message]).toEqual([
      400,
      'the body of the request could not be decoded: unsupported wire type 6',
    ]);
  });

  it('refuses a body in another media type with 415', async () => {
    const reply = await srv.request('POST', CMS, 'a=b', { 'Content-Type': 'text/plain' });
    expect(reply.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf","reason":"UnsupportedMediaType","code":415}',
    );
  });

  it('checks the body against the URL', async () => {
    const ns = await srv.request('POST', CMS, {
      ...configMap('a'),
      metadata: { name: 'a', namespace: 'other' },
    });
    expect([ns.status, JSON.parse(ns.body).message]).toEqual([
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    ]);
    await srv.request('POST', CMS, configMap('a'));
    const name = await srv.request('PUT', `${CMS}/b`, configMap('a'));
    expect([name.status, JSON.parse(name.body).message]).toEqual([
      400,
      'the name of the object (a) does not match the name on the URL (b)',
    ]);
  });

  it('updates with optimistic concurrency: a stale resourceVersion is a 409 Conflict', async () => {
    await srv.request('POST', CMS, configMap('a'));
    const live = stored('a');
    const put = await srv.request('PUT', `${CMS}/a`, { ...live, data: { a: '2' } });
    expect(put.status).toBe(200);
    expect(JSON.parse(put.body).data).toEqual({ a: '2' });
    const stale = await srv.request('PUT', `${CMS}/a`, { ...live, data: { a: '3' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \\"a\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"a","kind":"configmaps"},"code":409}',
    );
  });

  it('patches with all three patch types and refuses server-side apply for now', async () => {
    await srv.request('POST', CMS, configMap('a'));
    const merge = await srv.request('PATCH', `${CMS}/a`, '{"data":{"b":"2"}}', {
      'Content-Type': 'application/merge-patch+json',
    });
    expect(JSON.parse(merge.body).data).toEqual({ a: '1', b: '2' });
    const json = await srv.request('PATCH', `${CMS}/a`, '[{"op":"remove","path":"/data/a"}]', {
      'Content-Type': 'application/json-patch+json',
    });
    expect(JSON.parse(json.body).data).toEqual({ b: '2' });
    const strategic = await srv.request('PATCH', `${CMS}/a`, '{"metadata":{"labels":{"x":"y"}}}', {
      'Content-Type': 'application/strategic-merge-patch+json',
    });
    expect(strategic.status).toBe(200);
    expect(strategic.body).toBe(goJsonTyped(stored('a')));
    expect(stored('a').metadata.labels).toEqual({ x: 'y' });
    // Server-side apply: the field manager is required, then the registry applies.
    const noManager = await srv.request('PATCH', `${CMS}/a`, 'data: {}', {
      'Content-Type': 'application/apply-patch+yaml',
    });
    expect([noManager.status, JSON.parse(noManager.body).message]).toEqual([
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    ]);
    const apply = await srv.request(
      'PATCH',
      `${CMS}/applied?fieldManager=tester`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v\n',
      { 'Content-Type': 'application/apply-patch+yaml' },
    );
    expect([
      apply.status,
      stored('applied').data,
      stored('applied').metadata.managedFields?.[0]?.manager,
    ]).toEqual([201, { k: 'v' }, 'tester']);
    const again = await srv.request(
      'PATCH',
      `${CMS}/applied?fieldManager=tester`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: w\n',
      { 'Content-Type': 'application/apply-patch+yaml' },
    );
    expect([again.status, stored('applied').data]).toEqual([200, { k: 'w' }]);
    const missing = await srv.request('PATCH', `${CMS}/zz`, '{}', {
      'Content-Type': 'application/merge-patch+json',
    });
    expect([missing.status, JSON.parse(missing.body).message]).toEqual([404, 'configmaps "zz" not found']);
  });

  it('runs a dryRun=All write to the end and commits nothing', async () => {
    const before = srv.state.snapshot();
    const dry = await srv.request('POST', `${CMS}?dryRun=All`, configMap('a'));
    expect(dry.status).toBe(201);
    expect(JSON.parse(dry.body).metadata.name).toBe('a');
    expect(srv.state.snapshot()).toEqual(before);
  });

  it('fails unknown fields with Strict and reports them as Warning headers with Warn', async () => {
    const body = { ...configMap('a'), bogus: 1 };
    const strict = await srv.request('POST', `${CMS}?fieldValidation=Strict`, body);
    expect([strict.status, JSON.parse(strict.body).message]).toEqual([
      400,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    ]);
    const warn = await srv.request('POST', `${CMS}?fieldValidation=Warn`, body);
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    const ignore = await srv.request('POST', `${CMS}?fieldValidation=Ignore`, {
      ...configMap('b'),
      bogus: 1,
    });
    expect([ignore.status, ignore.headers.get('warning')]).toEqual([201, null]);
  });

  it('deletes: a Success Status once gone, the object while a finalizer holds it, a 409 on a stale precondition', async () => {
    await srv.request('POST', CMS, configMap('a'));
    const uid = stored('a').metadata.uid;
    const stale = await srv.request('DELETE', `${CMS}/a`, { preconditions: { resourceVersion: '1' } });
    expect([stale.status, JSON.parse(stale.body).message]).toEqual([
      409,
      `Operation cannot be fulfilled on configmaps "a": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${stored('a').metadata.resourceVersion}`,
    ]);
    const gone = await srv.request('DELETE', `${CMS}/a`);
    expect(gone.status).toBe(200);
    expect(gone.body).toBe(
      `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"a","kind":"configmaps","uid":"${uid}"}}`,
    );
    await srv.request('POST', CMS, {
      ...configMap('f'),
      metadata: { name: 'f', finalizers: ['example.com/hold'] },
    });
    const held = await srv.request('DELETE', `${CMS}/f`);
    expect(held.status).toBe(200);
    const obj = JSON.parse(held.body);
    expect([obj.kind, obj.metadata.name, typeof obj.metadata.deletionTimestamp]).toEqual([
      'ConfigMap',
      'f',
      'string',
    ]);
  });

  it('deletes a collection by label and answers with the list of what it deleted', async () => {
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'web'],
    ]) {
      await srv.request('POST', CMS, configMap(name!, { tier: tier! }));
    }
    const reply = await srv.request('DELETE', `${CMS}?labelSelector=tier%3Dweb`);
    expect(reply.status).toBe(200);
    const list = JSON.parse(reply.body);
    expect([list.kind, list.items.map((i: KObject) => i.metadata.name)]).toEqual([
      'ConfigMapList',
      ['a', 'c'],
    ]);
    expect(srv.registry.list(CM, { namespace: 'default' }).map((o) => o.metadata.name)).toEqual(['b']);
  });
});

describe('subresources', () => {
  const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';

  it('serves status: PUT writes only the status', async () => {
    await srv.request('POST', DEPLOYS, deployment('web'));
    const live = srv.registry.get(lookupKind('deployments')!, 'default', 'web')!;
    const put = await srv.request('PUT', `${DEPLOYS}/web/status`, {
      ...live,
      spec: { ...live.spec, replicas: 9 },
      status: { replicas: 1, observedGeneration: 1 },
    });
    expect(put.status).toBe(200);
    const after = JSON.parse(put.body);
    expect([after.spec.replicas, after.status]).toEqual([1, { observedGeneration: 1, replicas: 1 }]);
  });

  it('serves scale as an autoscaling/v1 Scale: GET, PUT (with its precondition) and PATCH', async () => {
    await srv.request('POST', DEPLOYS, deployment('web', 2));
    const live = srv.registry.get(lookupKind('deployments')!, 'default', 'web')!;
    const get = await srv.request('GET', `${DEPLOYS}/web/scale`);
    expect(get.body).toBe(
      `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"default","uid":"${live.metadata.uid}","resourceVersion":"${live.metadata.resourceVersion}","creationTimestamp":"${live.metadata.creationTimestamp}"},"spec":{"replicas":2},"status":{"replicas":0,"selector":"app=web"}}`,
    );
    const scale = JSON.parse(get.body);
    const put = await srv.request('PUT', `${DEPLOYS}/web/scale`, { ...scale, spec: { replicas: 3 } });
    expect(JSON.parse(put.body).spec).toEqual({ replicas: 3 });
    const stale = await srv.request('PUT', `${DEPLOYS}/web/scale`, { ...scale, spec: { replicas: 4 } });
    expect([stale.status, JSON.parse(stale.body).message]).toEqual([
      409,
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    ]);
    const patched = await srv.request('PATCH', `${DEPLOYS}/web/scale`, '{"spec":{"replicas":5}}', {
      'Content-Type': 'application/merge-patch+json',
    });
    expect(JSON.parse(patched.body).spec).toEqual({ replicas: 5 });
    expect(srv.registry.get(lookupKind('deployments')!, 'default', 'web')!.spec.replicas).toBe(5);
  });
});
