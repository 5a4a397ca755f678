// Command-level tests: a real store in a temp MKUBE_HOME, the real CLI program, captured
// streams, no agent. Controllers are simulated by writing status directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { applyDefaults } from '../../../src/api/defaults.js';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { main } from '../../../src/cli.js';
import type { Ctx } from '../../../src/commands/context.js';
import { Registry } from '../../../src/registry/registry.js';
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
  private pending: Array<() => unknown> = [];

  constructor() {
    // Let tests act once the command is watching, whatever its start-up time.
    const watch = this.store.watch.bind(this.store);
    this.store.watch = (...args) => {
      const w = watch(...args);
      const todo = this.pending.splice(0);
      for (const fn of todo) setTimeout(fn, 20);
      return w;
    };
  }

  /** Run `fn` once the command under test starts watching the store. */
  whenWatching(fn: () => unknown): void {
    this.pending.push(fn);
  }

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
      registry: async () => new Registry(this.store),
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

  /** Create as the API server would store it (defaulted). */
  create(obj: KObject): Promise<KObject> {
    return this.store.create(applyDefaults(obj));
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

  remove(type: string, name: string, namespace = 'default'): Promise<KObject> {
    const kind = lookupKind(type)!;
    return this.store.delete(kind, kind.namespaced ? namespace : undefined, name);
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

/** A ReplicaSet as the deployment controller would make it for `deploy` at `revision`. */
export function replicaSetFor(deploy: KObject, revision: number, hash: string, cause?: string): KObject {
  const template = structuredClone(deploy.spec.template);
  template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
  const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': String(revision) };
  if (cause) annotations['kubernetes.io/change-cause'] = cause;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deploy.metadata.name}-${hash}`,
      namespace: deploy.metadata.namespace,
      labels: template.metadata.labels,
      annotations,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deploy.metadata.name!,
          uid: deploy.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: deploy.spec.replicas,
      selector: { matchLabels: { ...deploy.spec.selector.matchLabels, 'pod-template-hash': hash } },
      template,
    },
  };
}
