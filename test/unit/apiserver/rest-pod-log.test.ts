// pods/log over the REST handler with a stand-in runtime (the log bytes and the attempts Docker
// would report): container choice and its 400s as the API server words them, the options passed
// through, timestamps rewritten as the kubelet prints them, limitBytes, a text/plain body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import type { LogsOptions, ObservedContainer } from '../../../src/runtime/types.js';
import { RestServer } from './rest-server.js';

let srv: RestServer;
let aborted = false;
let calls: Array<{ id: string; opts: Omit<LogsOptions, 'stdout' | 'stderr'> }>;

const container = (
  name: string,
  attempt: number,
  state: ObservedContainer['state'],
): Partial<ObservedContainer> => ({
  id: `${name}-${attempt}`,
  name,
  type: 'regular' as ObservedContainer['type'],
  attempt,
  state,
});

beforeEach(async () => {
  calls = [];
  srv = await new RestServer({
    runtime: {
      listContainers: async () =>
        [container('app', 0, 'exited'), container('app', 1, 'running')] as ObservedContainer[],
      logs: async (id: string, opts: LogsOptions) => {
        const { stdout, stderr, signal, ...rest } = opts;
        calls.push({ id, opts: rest });
        stdout.write(Buffer.from('2026-12-02T03:00:00.120000000Z hello\n'));
        stderr.write(Buffer.from('2026-12-02T03:00:01.000000000Z world\n'));
        if (!opts.follow) return;
        // Followed: the log goes on until the client hangs up.
        await new Promise<void>((resolve) => signal!.addEventListener('abort', () => resolve()));
        aborted = true;
      },
    },
  }).start();
  const pod = (name: string, containers: string[], init: string[] = []): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: containers.map((c) => ({ name: c, image: 'busybox:1.36' })),
      ...(init.length ? { initContainers: init.map((c) => ({ name: c, image: 'busybox:1.36' })) } : {}),
    },
  });
  await srv.registry.create(pod('one', ['app']));
  await srv.registry.create(pod('two', ['app', 'side'], ['setup']));
});
afterEach(() => srv.stop());

const LOG = '/api/v1/namespaces/default/pods';

describe('pods/log', () => {
  it('streams the log of the newest attempt with the options passed through', async () => {
    const reply = await srv.request('GET', `${LOG}/one/log?timestamps=true&tailLines=5&sinceSeconds=60`);
    expect([reply.status, reply.headers.get('content-type'), reply.body]).toEqual([
      200,
      'text/plain',
      '2026-12-02T03:00:00.12Z hello\n2026-12-02T03:00:01Z world\n',
    ]);
    expect(calls.length).toBe(1);
    const { since, ...rest } = calls[0]!.opts;
    expect({ id: calls[0]!.id, ...rest }).toEqual({ id: 'app-1', follow: false, tail: 5, timestamps: true });
    expect(Math.abs(since! - (Math.floor(Date.now() / 1000) - 60))).toBeLessThanOrEqual(2);
  });

  it('follows until the client hangs up, then stops reading the log', async () => {
    aborted = false;
    const controller = new AbortController();
    const res = await fetch(`${srv.base}${LOG}/one/log?follow=true`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('world\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect([res.status, text, aborted]).toEqual([
      200,
      '2026-12-02T03:00:00.120000000Z hello\n2026-12-02T03:00:01.000000000Z world\n',
      false,
    ]);
    controller.abort();
    for (let i = 0; i < 100 && !aborted; i++) await new Promise((r) => setTimeout(r, 10));
    expect(aborted).toBe(true);
  });

  it('serves the previous attempt and cuts at limitBytes', async () => {
    const reply = await srv.request('GET', `${LOG}/one/log?previous=true&limitBytes=8`);
    expect([reply.status, reply.body, calls[0]!.id]).toEqual([200, '2026-12-', 'app-0']);
  });

  it('answers a missing container choice, an unknown container and a missing pod as the API server does', async () => {
    const choose = await srv.request('GET', `${LOG}/two/log`);
    expect([choose.status, JSON.parse(choose.body).message]).toEqual([
      400,
      'a container name must be specified for pod two, choose one of: [app side] or one of the init containers: [setup]',
    ]);
    const bad = await srv.request('GET', `${LOG}/two/log?container=nope`);
    expect([bad.status, JSON.parse(bad.body).message]).toEqual([
      400,
      'container nope is not valid for pod two',
    ]);
    const missing = await srv.request('GET', `${LOG}/gone/log`);
    expect([missing.status, JSON.parse(missing.body).message]).toEqual([404, 'pods "gone" not found']);
    expect(calls).toEqual([]);
  });
});
