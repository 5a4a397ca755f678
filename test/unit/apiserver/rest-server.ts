// A plain node:http server (no TLS, no authentication) in front of handleResource, over a real
// temp state directory: what the unit tests of the REST handler send their requests to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleResource } from '../../../src/apiserver/rest/index.js';
import type { ApiContext } from '../../../src/apiserver/types.js';
import { Registry } from '../../../src/registry/registry.js';
import type { Runtime } from '../../../src/runtime/types.js';
import { openStore } from '../../../src/state/store.js';
import type { Store } from '../../../src/state/types.js';
import { TempState } from '../validation/cli-ctx.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: string;
}

export class RestServer {
  readonly state = new TempState();
  readonly store: Store;
  readonly registry: Registry;
  private server: Server | undefined;
  base = '';
  logged: string[] = [];

  constructor(opts: { journalMaxBytes?: number; runtime?: Partial<Runtime> } = {}) {
    this.store = openStore(this.state.home, { journalMaxBytes: opts.journalMaxBytes, watchPollMs: 10 });
    this.registry = new Registry(this.store);
    const ctx: ApiContext = {
      registry: this.registry,
      home: this.state.home,
      user: { name: 'mkube', groups: ['system:masters'] },
      runtime: async () => {
        if (!opts.runtime) throw new Error('no runtime in this test');
        return opts.runtime as Runtime;
      },
      log: (m) => this.logged.push(m),
    };
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      void handleResource(req, res, url, ctx).then((handled) => {
        if (!handled) {
          res.writeHead(599);
          res.end('not handled');
        }
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.state.cleanup();
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const text =
      body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const res = await fetch(this.base + path, {
      method,
      body: text,
      headers: text !== undefined ? { 'Content-Type': 'application/json', ...headers } : headers,
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  /** Lines of a watch stream until `count` arrived (then the connection is dropped). */
  async watchLines(
    path: string,
    count: number,
    during?: () => Promise<void>,
    headers: Record<string, string> = {},
  ) {
    const controller = new AbortController();
    const res = await fetch(this.base + path, { signal: controller.signal, headers });
    const reader = res.body!.getReader();
    const lines: string[] = [];
    let buffer = '';
    const decoder = new TextDecoder();
    const pending = during?.();
    while (lines.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        lines.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
    }
    await pending;
    controller.abort();
    return { status: res.status, contentType: res.headers.get('content-type'), lines };
  }
}
