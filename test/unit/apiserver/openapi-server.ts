// A plain-HTTP stand-in for the API endpoint, for kubectl in tests: the real OpenAPI handler, plus
// just enough legacy discovery (/api, /apis, resource lists from the kinds table) for kubectl's
// REST mapper. kubectl talks to it through a kubeconfig with `server: http://127.0.0.1:PORT`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KINDS } from '../../../src/api/kinds.js';
import { handleOpenApi } from '../../../src/apiserver/openapi/index.js';
import type { ApiContext } from '../../../src/apiserver/types.js';

function discovery(path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    const groups = [...new Set(KINDS.filter((k) => k.group).map((k) => `${k.group}/${k.version}`))].map(
      (gv) => {
        const [group, version] = gv.split('/');
        const v = { groupVersion: gv, version };
        return { name: group, versions: [v], preferredVersion: v };
      },
    );
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', m[1]] : [m[2], m[3]];
  const resources = KINDS.filter((k) => k.group === group && k.version === version).map((k) => ({
    name: k.plural,
    singularName: k.singular,
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
  }));
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

export class OpenApiTestServer {
  private server: Server;
  readonly dir = mkdtempSync(join(tmpdir(), 'mkube-openapi-'));
  kubeconfig = '';

  /** `resources` answers the requests neither OpenAPI nor discovery serve (a stub REST API). */
  constructor(resources?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>) {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (await handleOpenApi(req, res, url, {} as ApiContext)) return;
      if (resources && (await resources(req, res, url))) return;
      const body = discovery(url.pathname);
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body ?? { kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound' }));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(
      this.kubeconfig,
      `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: http://127.0.0.1:${port}
users:
- name: test
  user: {}
contexts:
- name: test
  context: {cluster: test, user: test}
current-context: test
`,
    );
  }

  /** kubectl's arguments for this server, with a cache of its own. */
  kubectlArgs(...args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.dir, 'cache'), ...args];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
