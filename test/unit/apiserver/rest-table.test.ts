// Server-side printing: the Table the REST handler answers `kubectl get` with, laid out by the
// client-side printer kubectl runs (ported in src/printers/table.ts), prints exactly what
// `mkube get` prints — for plain, wide, --show-labels and -A — and its JSON has the API server's shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { type Column, type Table, type TableOptions, TablePrinter } from '../../../src/printers/table.js';
import { TabWriter } from '../../../src/printers/tabwriter.js';
import { RestServer } from './rest-server.js';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let srv: RestServer;
beforeEach(async () => {
  srv = await new RestServer().start();
});
afterEach(() => srv.stop());

/** What kubectl's table printer does with a server Table (cli-runtime tableprinter.go). */
function kubectlPrint(body: string, opts: TableOptions): string {
  const t = JSON.parse(body);
  const table: Table = {
    columns: t.columnDefinitions.map(
      (c: { name: string; priority: number; format: string }): Column => ({
        name: c.name,
        ...(c.priority ? { priority: c.priority } : {}),
        ...(c.format === 'name' ? { isName: true } : {}),
      }),
    ),
    rows: t.rows.map((r: { cells: unknown[]; object: KObject }) => ({ cells: r.cells, object: r.object })),
  };
  let out = '';
  const w = TabWriter.forTables((s) => {
    out += s;
  });
  new TablePrinter(opts).print(table, w);
  w.flush();
  return out;
}

const pod = (name: string, namespace: string, labels: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
});

/** Same output twice in a row (an age may tick over a second boundary between the two reads). */
async function same(read: () => Promise<[string, string]>): Promise<[string, string]> {
  const first = await read();
  return first[0] === first[1] ? first : read();
}

describe('server-side printing', () => {
  beforeEach(async () => {
    await srv.registry.create(pod('web-1', 'default', { app: 'web' }));
    await srv.registry.create(pod('db', 'default', { app: 'db', tier: 'back' }));
    await srv.registry.create(pod('other', 'kube-system', { app: 'x' }));
    await srv.registry.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'nginx' }] },
        },
      },
    });
  });

  const cases: Array<{ args: string[]; path: string; opts: TableOptions }> = [
    { args: ['get', 'pods'], path: '/api/v1/namespaces/default/pods', opts: {} },
    { args: ['get', 'pods', '-o', 'wide'], path: '/api/v1/namespaces/default/pods', opts: { wide: true } },
    {
      args: ['get', 'pods', '--show-labels'],
      path: '/api/v1/namespaces/default/pods',
      opts: { showLabels: true },
    },
    { args: ['get', 'pods', '-A'], path: '/api/v1/pods', opts: { withNamespace: true } },
    {
      args: ['get', 'pods', '-l', 'tier=back'],
      path: '/api/v1/namespaces/default/pods?labelSelector=tier%3Dback',
      opts: {},
    },
    { args: ['get', 'pod', 'db'], path: '/api/v1/namespaces/default/pods/db', opts: {} },
    {
      args: ['get', 'deployments', '-o', 'wide'],
      path: '/apis/apps/v1/namespaces/default/deployments',
      opts: { wide: true },
    },
    { args: ['get', 'namespaces'], path: '/api/v1/namespaces', opts: {} },
  ];
  for (const c of cases) {
    it(`prints ${c.args.join(' ')} as mkube does`, async () => {
      const [kubectl, mkube] = await same(async () => {
        const reply = await srv.request('GET', c.path, undefined, { Accept: TABLE });
        expect(reply.status).toBe(200);
        const ours = await srv.state.run(c.args);
        return [kubectlPrint(reply.body, c.opts), ours.stdout];
      });
      expect(kubectl).toBe(mkube);
      expect(kubectl).not.toBe('');
    });
  }

  it('answers with a meta.k8s.io/v1 Table: column definitions, cells, partial metadata per row', async () => {
    const reply = await srv.request(
      'GET',
      '/api/v1/namespaces/default/pods?labelSelector=app%3Ddb',
      undefined,
      { Accept: TABLE },
    );
    const t = JSON.parse(reply.body);
    const db = srv.registry.get(POD, 'default', 'db')!;
    expect(Object.keys(t)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows']);
    expect([t.kind, t.apiVersion, t.metadata]).toEqual([
      'Table',
      'meta.k8s.io/v1',
      { resourceVersion: String(srv.registry.resourceVersion()) },
    ]);
    const defs = t.columnDefinitions as Array<Record<string, string | number>>;
    expect(defs.map((c) => Object.keys(c).join())).toEqual(
      defs.map(() => 'name,type,format,description,priority'),
    );
    expect(defs.map((c) => `${c.name}|${c.type}|${c.format}|${c.priority}`)).toEqual([
      'Name|string|name|0',
      'Ready|string||0',
      'Status|string||0',
      'Restarts|string||0',
      'Age|string||0',
      'IP|string||1',
      'Node|string||1',
      'Nominated Node|string||1',
      'Readiness Gates|string||1',
    ]);
    expect(String(defs[0]!.description).startsWith('Name must be unique within a namespace.')).toBe(true);
    expect(String(defs[4]!.description).startsWith('CreationTimestamp is a timestamp')).toBe(true);
    expect(t.rows).toEqual([
      {
        cells: ['db', '0/1', 'Pending', '0', t.rows[0].cells[4], '<none>', '<none>', '<none>', '<none>'],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: db.metadata },
      },
    ]);
    const full = JSON.parse(
      (
        await srv.request('GET', '/api/v1/namespaces/default/pods/db?includeObject=Object', undefined, {
          Accept: TABLE,
        })
      ).body,
    );
    expect(full.rows[0].object).toEqual(db);
    const none = JSON.parse(
      (
        await srv.request('GET', '/api/v1/namespaces/default/pods/db?includeObject=None', undefined, {
          Accept: TABLE,
        })
      ).body,
    );
    expect(Object.keys(none.rows[0])).toEqual(['cells']);
    const refused = await srv.request('GET', '/api/v1/namespaces/default/pods', undefined, {
      Accept: 'application/vnd.kubernetes.protobuf',
    });
    expect([refused.status, JSON.parse(refused.body).reason]).toEqual([406, 'NotAcceptable']);
  });
});
