// Command-level tests: a real store in a temp MKUBE_HOME, the real CLI program, captured
// streams, no agent. Controllers are simulated by writing status directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { main } from '../../../src/cli.js';
import type { Ctx } from '../../../src/commands/context.js';
import { openStore } from '../../../src/state/store.js';
import type { Store } from '../../../src/state/types.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

class Capture extends PassThrough {
  text = '';
  constructor() {
    super();
    this.on('data', (c) => {
      this.text += c.toString();
    });
  }
}

export class TempStore {
  readonly home = mkdtempSync(join(tmpdir(), 'mkube-verbs-'));
  readonly store: Store = openStore(this.home, { watchPollMs: 10 });
  agentCalls = 0;

  /** Run `mkube ...args` in-process; resolves when the command finishes. */
  async run(args: string[], opts: { stdin?: string; onOut?: (text: string) => void } = {}): Promise<Run> {
    const out = new Capture();
    const err = new Capture();
    if (opts.onOut) out.on('data', () => opts.onOut!(out.text));
    const input = new PassThrough();
    input.end(opts.stdin ?? '');
    const ctx: Ctx = {
      out,
      err,
      in: input,
      home: this.home,
      store: () => this.store,
      runtime: () => Promise.reject(new Error('no runtime in verb tests')),
      ensureAgent: async () => {
        this.agentCalls++;
      },
    };
    process.exitCode = undefined;
    const code = await main(args, ctx);
    await new Promise((r) => setImmediate(r));
    return { code, out: out.text, err: err.text };
  }

  get(type: string, name: string, namespace = 'default'): KObject | undefined {
    const kind = lookupKind(type)!;
    return this.store.get(kind, kind.namespaced ? namespace : undefined, name);
  }

  create(obj: KObject): Promise<KObject> {
    return this.store.create(obj);
  }

  /** Write status as a controller would. */
  async setStatus(type: string, name: string, status: Record<string, unknown>, namespace = 'default') {
    const kind = lookupKind(type)!;
    return this.store.patch(
      kind,
      namespace,
      name,
      (o) => ({ ...o, status: { ...o.status, ...status } }),
      'status',
    );
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export function deployment(name: string, opts: { replicas?: number; image?: string } = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: opts.image ?? 'nginx:1.25' }] },
      },
    },
  };
}

export function pod(name: string, labels: Record<string, string> = { run: name }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name, image: 'busybox:1.36' }] },
  };
}
