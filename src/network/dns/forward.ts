// Forwarding of names the cluster does not own to the configured upstream resolvers, over the
// transport the client used. The upstream's reply is relayed byte for byte; only the upstreams
// given are ever contacted.
import dgram from 'node:dgram';
import net, { isIPv6 } from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export type Transport = 'udp' | 'tcp';

/** The nameservers of a resolv.conf text, as upstreams on port 53. */
export function upstreamsFromResolvConf(text: string): Upstream[] {
  const out: Upstream[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'nameserver' && fields[1]) out.push({ host: fields[1].replace(/%.*$/, ''), port: 53 });
  }
  return out;
}

function queryId(query: Buffer): number {
  return query.length >= 2 ? query.readUInt16BE(0) : -1;
}

function askUdp(query: Buffer, upstream: Upstream, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(isIPv6(upstream.host) ? 'udp6' : 'udp4');
    const done = (err: Error | undefined, reply?: Buffer) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(reply as Buffer);
    };
    const timer = setTimeout(
      () => done(new Error(`upstream ${upstream.host}:${upstream.port} timed out`)),
      timeoutMs,
    );
    socket.on('error', (err) => done(err));
    socket.on('message', (msg, rinfo) => {
      // Only the upstream's reply to this very query counts.
      if (rinfo.port !== upstream.port || queryId(msg) !== queryId(query)) return;
      done(undefined, msg);
    });
    socket.send(query, upstream.port, upstream.host, (err) => {
      if (err) done(err);
    });
  });
}

/** Reads one length-prefixed DNS message (RFC 1035 4.2.2) from a TCP stream. */
function askTcp(query: Buffer, upstream: Upstream, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: upstream.host, port: upstream.port });
    let buffered = Buffer.alloc(0);
    const done = (err: Error | undefined, reply?: Buffer) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply as Buffer);
    };
    const timer = setTimeout(
      () => done(new Error(`upstream ${upstream.host}:${upstream.port} timed out`)),
      timeoutMs,
    );
    socket.on('error', (err) => done(err));
    socket.on('connect', () => socket.write(frame(query)));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length >= 2 + length) done(undefined, buffered.subarray(2, 2 + length));
    });
    socket.on('end', () =>
      done(new Error(`upstream ${upstream.host}:${upstream.port} closed the connection`)),
    );
  });
}

export function frame(message: Buffer): Buffer {
  const header = Buffer.alloc(2);
  header.writeUInt16BE(message.length);
  return Buffer.concat([header, message]);
}

/**
 * Asks each upstream in turn, each with `timeoutMs`, and returns the first reply; undefined when
 * none answered (the caller replies SERVFAIL).
 */
export async function forwardQuery(
  query: Buffer,
  upstreams: Upstream[],
  transport: Transport,
  timeoutMs: number,
  log?: (line: string) => void,
): Promise<Buffer | undefined> {
  for (const upstream of upstreams) {
    try {
      return transport === 'udp'
        ? await askUdp(query, upstream, timeoutMs)
        : await askTcp(query, upstream, timeoutMs);
    } catch (err) {
      log?.(`dns: forward over ${transport}: ${(err as Error).message}`);
    }
  }
  return undefined;
}
