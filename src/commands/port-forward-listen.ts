// The running half of `port-forward`, as client-go's PortForwarder: one listener per (port,
// address), `Forwarding from ...` for each, `Handling connection for N` per connection, and each
// connection piped to the pod. A connection the pod refuses ends the whole forward, as kubectl
// has done since 1.23 (the error is logged, then `lost connection to pod`).
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { UserError } from '../api/errors.js';
import { type ForwardedPort, joinHostPort, type ListenAddress } from './port-forward-ports.js';

export interface ForwarderOptions {
  addresses: ListenAddress[];
  ports: ForwardedPort[];
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Opens a connection to `remote` in the pod; rejects with the kubelet's reason. */
  dial(remote: number): Promise<Duplex>;
  /** A connection to the pod failed: the forward is over (the caller prints and exits 1). */
  onLost(reason: string, port: ForwardedPort): void;
}

/** What Go's net.Listen says for the errors a bind meets. */
const BIND_REASONS: Record<string, string> = {
  EADDRINUSE: 'bind: address already in use',
  EACCES: 'bind: permission denied',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EAFNOSUPPORT: 'socket: address family not supported by protocol',
};

export function listenError(addr: ListenAddress, port: number, err: NodeJS.ErrnoException): string {
  const reason = BIND_REASONS[err.code ?? ''] ?? err.message;
  return `unable to create listener: Error listen tcp${addr.family} ${joinHostPort(addr.address, port)}: ${reason}`;
}

export class Forwarder {
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<Duplex>();
  private closed = false;

  constructor(private readonly opts: ForwarderOptions) {}

  /**
   * Listens on every port and address in order; a port that cannot listen is reported on
   * stderr (kubectl's words) and skipped. None at all is an error.
   */
  async listen(): Promise<void> {
    let any = false;
    for (const port of this.opts.ports) {
      const failure = await this.listenOnPort(port);
      if (failure === undefined) any = true;
      else this.opts.err.write(`Unable to listen on port ${port.local}: ${failure}\n`);
    }
    if (!any) {
      const list = this.opts.ports.map((p) => `{${p.local} ${p.remote}}`).join(' ');
      throw new UserError(`unable to listen on any of the requested ports: [${list}]`);
    }
  }

  /** Stops listening and drops every open connection. */
  close(): void {
    this.closed = true;
    for (const s of this.servers) s.close();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** client-go's failure modes: localhost's pair fails only when both fail; an explicit IP must bind. */
  private async listenOnPort(port: ForwardedPort): Promise<string | undefined> {
    const errors: string[] = [];
    const fails = { all: 0, any: 0 };
    let allOk = 0;
    for (const addr of this.opts.addresses) {
      const error = await this.listenOn(port, addr);
      if (error === undefined) {
        if (addr.failureMode === 'all') allOk++;
      } else {
        errors.push(error);
        fails[addr.failureMode]++;
      }
    }
    if ((allOk === 0 && fails.all > 0) || fails.any > 0)
      return `Listeners failed to create with the following errors: [${errors.join(' ')}]`;
    return undefined;
  }

  private listenOn(port: ForwardedPort, addr: ListenAddress): Promise<string | undefined> {
    return new Promise((resolve) => {
      const server = net.createServer({ allowHalfOpen: true }, (conn) => this.handle(conn, port));
      server.once('error', (err: NodeJS.ErrnoException) => resolve(listenError(addr, port.local, err)));
      server.listen({ host: addr.address, port: port.local, ipv6Only: addr.family === 6 }, () => {
        server.removeAllListeners('error');
        server.on('error', () => {});
        // The first listener of `:80` picks the port; the others reuse it, as client-go does.
        port.local = (server.address() as net.AddressInfo).port;
        this.servers.push(server);
        this.opts.out.write(`Forwarding from ${joinHostPort(addr.address, port.local)} -> ${port.remote}\n`);
        resolve(undefined);
      });
    });
  }

  private handle(conn: net.Socket, port: ForwardedPort): void {
    if (this.closed) {
      conn.destroy();
      return;
    }
    this.opts.out.write(`Handling connection for ${port.local}\n`);
    this.track(conn);
    conn.on('error', () => conn.destroy());
    // Hold what the client sends until the pod answers.
    conn.pause();
    this.opts.dial(port.remote).then(
      (upstream) => {
        if (this.closed || conn.destroyed) {
          upstream.destroy();
          return;
        }
        this.track(upstream);
        pipeBothWays(conn, upstream);
        conn.resume();
      },
      (err: Error) => {
        conn.destroy();
        if (!this.closed) this.opts.onLost(err.message, port);
      },
    );
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/**
 * Both directions, each closing its half when its source ends (a socket that has ended both
 * ways destroys itself); an error drops both.
 */
function pipeBothWays(a: Duplex, b: Duplex): void {
  const drop = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', drop);
  b.on('error', drop);
  a.pipe(b);
  b.pipe(a);
}
