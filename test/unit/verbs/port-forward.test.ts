// `port-forward` through the real CLI program against a real store, the "pod" being a TCP
// server on 127.0.0.1 (the pod IP the test writes): the whole output of a forward that ends when
// the pod is deleted, of a connection the pod refuses, of a port already taken, and kubectl's
// errors before anything listens.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import { pod, type Run, TempStore } from './harness.js';

/** A server on a free loopback port that answers every connection with `pong:` + what it got. */
async function echoServer(): Promise<{ port: number; close(): void }> {
  const server = net.createServer((c) => {
    c.on('data', (d) => c.end(`pong:${d}`));
    c.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const s = await echoServer();
  s.close();
  return s.port;
}

function talk(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect({ host: '127.0.0.1', port });
    let got = '';
    c.on('data', (d) => {
      got += d;
    });
    c.on('end', () => resolve(got));
    c.on('close', () => resolve(got));
    c.on('error', reject);
    c.write(text);
  });
}

const localPortOf = (out: string) => Number(/^Forwarding from 127\.0\.0\.1:(\d+) -> /m.exec(out)?.[1]);
/** The klog header (time and pid) made comparable. */
const klog = (text: string) => text.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E<time> <pid> ');

describe('port-forward (command)', () => {
  let s: TempStore;
  let uid: string;
  beforeEach(async () => {
    s = new TempStore();
    const p = pod('web');
    p.spec.containers[0].ports = [{ name: 'http', containerPort: 8080 }];
    uid = (await s.create(p)).metadata.uid!;
    await s.setStatus('pods', 'web', { phase: 'Running', podIP: '127.0.0.1' });
  });
  afterEach(() => s.cleanup());

  it('pipes connections to the pod and ends with lost connection when the pod is deleted', async () => {
    const server = await echoServer();
    let acted = false;
    const run: Run = await s.run(['port-forward', '--address', '127.0.0.1', 'pod/web', `:${server.port}`], {
      onOut: (out) => {
        if (acted || !out.includes('Forwarding from')) return;
        acted = true;
        void talk(localPortOf(out), 'ping').then(async (reply) => {
          expect(reply).toBe('pong:ping');
          await s.store.delete(lookupKind('pods')!, 'default', 'web', { gracePeriodSeconds: 0 });
        });
      },
    });
    server.close();
    const local = localPortOf(run.out);
    expect(run).toEqual({
      code: 1,
      out: `Forwarding from 127.0.0.1:${local} -> ${server.port}\nHandling connection for ${local}\n`,
      err: 'error: lost connection to pod\n',
    });
  });

  it('ends when a connection is refused, logging the reason as kubectl does', async () => {
    const remote = await freePort();
    let acted = false;
    const run = await s.run(['port-forward', '--address', '127.0.0.1', 'web', `:${remote}`], {
      onOut: (out) => {
        if (acted || !out.includes('Forwarding from')) return;
        acted = true;
        void talk(localPortOf(out), 'ping').catch(() => {});
      },
    });
    const local = localPortOf(run.out);
    expect({ ...run, err: klog(run.err) }).toEqual({
      code: 1,
      out: `Forwarding from 127.0.0.1:${local} -> ${remote}\nHandling connection for ${local}\n`,
      err: `E<time> <pid> portforward.go:413] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: error forwarding port ${remote} to pod ${uid}, uid : dial tcp4 127.0.0.1:${remote}: connect: connection refused"\nerror: lost connection to pod\n`,
    });
  });

  it('says which port it could not listen on when the local port is taken', async () => {
    const taken = await echoServer();
    const run = await s.run(['port-forward', '--address', '127.0.0.1', 'pod/web', `${taken.port}:http`]);
    taken.close();
    expect(run).toEqual({
      code: 1,
      out: '',
      err: `Unable to listen on port ${taken.port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${taken.port}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${taken.port} 8080}]\n`,
    });
  });

  const refusals: Array<[string, string[], string]> = [
    [
      'no ports',
      ['pod/web'],
      "error: TYPE/NAME and list of ports are required for port-forward\nSee 'mkube port-forward -h' for help and examples\n",
    ],
    [
      'a pod that does not exist',
      ['pod/nope', '80'],
      'Error from server (NotFound): pods "nope" not found\n',
    ],
    [
      'a named port the pod lacks',
      ['pod/web', '8080:grpc'],
      "error: Pod 'web' does not have a named port 'grpc'\n",
    ],
    [
      'an address that is not an IP',
      ['--address', 'example.com', 'web', '80'],
      'error: example.com is not a valid IP\n',
    ],
    [
      'a local port that is not a number',
      ['web', 'x:80'],
      `error: error parsing local port 'x': strconv.ParseUint: parsing "x": invalid syntax\n`,
    ],
    ['a remote port of zero', ['web', '8080:0'], 'error: remote port must be > 0\n'],
    [
      'a zero --pod-running-timeout',
      ['--pod-running-timeout=0s', 'web', '80'],
      "error: --pod-running-timeout must be higher than zero\nSee 'mkube port-forward -h' for help and examples\n",
    ],
  ];
  for (const [name, args, err] of refusals) {
    it(`refuses ${name}`, async () => {
      expect(await s.run(['port-forward', ...args])).toEqual({ code: 1, out: '', err });
    });
  }

  it('refuses a pod that is not running', async () => {
    await s.setStatus('pods', 'web', { phase: 'Pending', podIP: undefined });
    expect(await s.run(['port-forward', 'web', '80'])).toEqual({
      code: 1,
      out: '',
      err: 'error: unable to forward port because pod is not running. Current status=Pending\n',
    });
  });

  it('refuses a Service without a selector, as kubectl does', async () => {
    await s.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'external' },
      spec: { ports: [{ port: 80 }] },
    });
    expect(await s.run(['port-forward', 'svc/external', '8080:80'])).toEqual({
      code: 1,
      out: '',
      err: "error: cannot attach to *v1.Service: invalid service 'external': Service is defined without a selector\n",
    });
  });

  it('refuses a Service port the Service does not have', async () => {
    await s.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'websvc' },
      spec: { selector: { run: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    expect(await s.run(['port-forward', 'svc/websvc', '8080:81'])).toEqual({
      code: 1,
      out: '',
      err: 'error: Service websvc does not have a service port 81\n',
    });
  });
});
