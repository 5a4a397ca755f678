// Helpers for the runtime's end-to-end tests: pods made straight through the runtime (no agent).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import type { ContainerCreateSpec, Runtime, SandboxSpec } from '../../src/runtime/types.js';

export const BUSYBOX = 'busybox:1.36';

export interface TestPod {
  uid: string;
  namespace: string;
  name: string;
  sandboxId: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPod(
  runtime: Runtime,
  name: string,
  extra: Partial<SandboxSpec> = {},
  uid: string = randomUUID(),
): Promise<TestPod> {
  const spec: SandboxSpec = {
    podUid: uid,
    namespace: 'default',
    podName: name,
    hostname: name,
    aliases: [],
    ports: [],
    ...extra,
  };
  const sandboxId = await runtime.createSandbox(spec);
  return { uid, namespace: spec.namespace, name, sandboxId };
}

export function containerSpec(
  pod: TestPod,
  name: string,
  over: Partial<ContainerCreateSpec> = {},
): ContainerCreateSpec {
  return {
    podUid: pod.uid,
    namespace: pod.namespace,
    podName: pod.name,
    name,
    type: 'app',
    attempt: 0,
    specHash: 'h1',
    sandboxId: pod.sandboxId,
    image: BUSYBOX,
    env: [],
    tty: false,
    stdin: false,
    stdinOnce: false,
    mounts: [],
    ...over,
  };
}

/** Create and start; returns the container id. */
export async function run(runtime: Runtime, spec: ContainerCreateSpec): Promise<string> {
  const id = await runtime.createContainer(spec);
  await runtime.startContainer(id);
  return id;
}

/** Exec and capture both streams. */
export async function execCapture(
  runtime: Runtime,
  id: string,
  command: string[],
  opts: { input?: string; tty?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = collector();
  const err = collector();
  let stdin: PassThrough | undefined;
  if (opts.input !== undefined) {
    stdin = new PassThrough();
    stdin.end(opts.input);
  }
  const code = await runtime.exec(id, {
    command,
    tty: opts.tty ?? false,
    stdin,
    stdout: out.stream,
    stderr: err.stream,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

export function collector(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
