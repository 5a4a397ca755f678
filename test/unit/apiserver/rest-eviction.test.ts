// POST pods/NAME/eviction through the REST handler, with an Eviction in protobuf (kubectl drain
// itself sends it in JSON, which the e2e test covers): a 201 Success Status and the pod deleted, 429 while a disruption budget forbids it, 400
// for a name that is not the URL's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import { RestServer } from './rest-server.js';

const POD = lookupKind('pods')!;
const PODS = '/api/v1/namespaces/default/pods';
const PROTOBUF = { 'Content-Type': 'application/vnd.kubernetes.protobuf' };

let srv: RestServer;
beforeEach(async () => {
  srv = await new RestServer().start();
  await srv.registry.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  });
});
afterEach(() => srv.stop());

// k8s\0 + Unknown{policy/v1 Eviction, raw: Eviction{metadata{name, namespace default},
// deleteOptions{gracePeriodSeconds 0}}}: the Eviction of kubectl drain --grace-period=0.
function evictionBody(name: string): Buffer {
  const len = (no: number, b: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2, b.length]), b]);
  const str = (no: number, s: string) => len(no, Buffer.from(s));
  const raw = Buffer.concat([
    len(1, Buffer.concat([str(1, name), str(3, 'default')])),
    len(2, Buffer.from([0x08, 0x00])),
  ]);
  const typeMeta = Buffer.concat([str(1, 'policy/v1'), str(2, 'Eviction')]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), len(1, typeMeta), len(2, raw)]);
}

describe('pods/eviction', () => {
  it('deletes the pod and answers 201 with a Success Status', async () => {
    const reply = await srv.request('POST', `${PODS}/web-0/eviction`, evictionBody('web-0'), PROTOBUF);
    expect([reply.status, reply.body]).toEqual([
      201,
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}',
    ]);
    expect(srv.registry.get(POD, 'default', 'web-0')).toBeUndefined();
  });

  it("answers 429 while the pod's disruption budget allows no disruption, and keeps the pod", async () => {
    await srv.registry.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    });
    const reply = await srv.request('POST', `${PODS}/web-0/eviction`, evictionBody('web-0'), PROTOBUF);
    expect([reply.status, JSON.parse(reply.body).message]).toEqual([
      429,
      "Cannot evict pod as it would violate the pod's disruption budget.",
    ]);
    expect(srv.registry.get(POD, 'default', 'web-0')?.metadata.name).toBe('web-0');
  });

  it('refuses an Eviction that names another pod than the URL, and methods other than POST', async () => {
    const other = await srv.request('POST', `${PODS}/web-0/eviction`, evictionBody('web-1'), PROTOBUF);
    expect([other.status, JSON.parse(other.body).message]).toEqual([
      400,
      'name in URL does not match name in Eviction object',
    ]);
    const get = await srv.request('GET', `${PODS}/web-0/eviction`);
    expect(get.status).toBe(405);
  });
});
